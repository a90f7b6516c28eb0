"""Test sends: the issue as a subscriber would get it, "[TEST]" before the subject, sent to a
few addresses and written to the page's history (Wagtail's audit log).

Test mails leave like every subscriber mail, as rows through the sending backend
(mailings.sending.transactional.send_now), but at once: the editor waits for the answer, which
comes per address. They are never retried in the background; the editor sends again.

Suppressed addresses are refused for test sends too. Editors send to staff addresses, which
are never on the suppression list; an address on it belongs to someone who asked to be
forgotten (or, with the SES feedback, bounced or complained), and a test issue must not reach
them either. The editor is told why, per address.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mailings.sending.models import MailKind
from mailings.sending.states import DeliveryState
from mailings.sending.transactional import send_now

from .message import MessageFactory, example_subscriber

TEST_SEND_ACTION = "newsletter_issues.test_send"
# Test sends have a permission of their own (Editors get it); whoever may send to the
# subscribers may test too. Sending itself: mailings/sending/admin/rules.py.
TEST_SEND_PERMISSION = "newsletter_issues.test_send_newsletterissuepage"
SEND_PERMISSION = "newsletter_issues.send_newsletterissuepage"


@dataclass(frozen=True)
class AddressResult:
    address: str
    accepted: bool
    reason: str = ""

    def refusal(self):
        return _("„%(address)s“ wurde nicht verschickt: %(reason)s") % {
            "address": self.address,
            "reason": self.reason,
        }


def can_test_send(user):
    return user.is_active and (
        user.has_perm(TEST_SEND_PERMISSION) or user.has_perm(SEND_PERMISSION)
    )


def send_test(issue, addresses, user=None):
    """Send the issue's latest revision (what editors see in the preview) to the addresses;
    one AddressResult per address, in order."""
    draft = issue.get_latest_revision_as_object() if issue.pk else issue
    factory = MessageFactory(draft, subject_prefix=_("[TEST]") + " ")
    messages = [factory.build(example_subscriber(address)) for address in addresses]
    results = [
        address_result(mail)
        for mail in send_now(MailKind.TEST, messages, payload={"issue": issue.pk})
    ]
    accepted = [result.address for result in results if result.accepted]
    if accepted:
        log(
            instance=issue,
            action=TEST_SEND_ACTION,
            user=user,
            data={
                "recipients": accepted,
                "subject": factory.subject,
                "refused": [result.address for result in results if not result.accepted],
            },
        )
    return results


def address_result(mail):
    if mail.state == DeliveryState.SENT:
        return AddressResult(mail.email, accepted=True)
    return AddressResult(mail.email, accepted=False, reason=refusal_reason(mail))


def refusal_reason(mail):
    if mail.state == DeliveryState.SKIPPED:
        return _("Die Adresse steht auf der Sperrliste.")
    if mail.state == DeliveryState.UNCERTAIN:
        return _("Der Versanddienst hat nicht geantwortet; die Mail kam vielleicht trotzdem an.")
    return _("Der Versanddienst hat sie nicht angenommen (%(error)s).") % {
        "error": mail.last_error or "?"
    }
