"""Test sends: the issue as a subscriber would get it, "[TEST]" before the subject, sent to a
few addresses and written to the page's history (Wagtail's audit log)."""

from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mailings.sending import send_messages

from .message import MessageFactory, example_subscriber

TEST_SEND_ACTION = "newsletter_issues.test_send"
SEND_PERMISSION = "newsletter_issues.send_newsletterissuepage"


def can_send(user):
    return user.is_active and user.has_perm(SEND_PERMISSION)


def send_test(issue, addresses, user=None):
    """Send the issue's latest revision (what editors see in the preview) to the addresses."""
    draft = issue.get_latest_revision_as_object() if issue.pk else issue
    factory = MessageFactory(draft, subject_prefix=_("[TEST]") + " ")
    messages = [factory.build(example_subscriber(address)) for address in addresses]
    sent = send_messages(messages)
    log(instance=issue, action=TEST_SEND_ACTION, user=user,
        data={"recipients": list(addresses), "subject": factory.subject})
    return sent
