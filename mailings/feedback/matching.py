"""Which of our rows an SES event is about.

The SES message id (what SendEmail returned, kept as provider_message_id) comes first. A
delivery left "uncertain" by a killed worker never learnt that id, so the EmailTags we put on
every message come next: {"send", "delivery"} on newsletter mail, {"mail", "kind"} on
opt-in, welcome and test mail.
"""

import dataclasses

from mailings.sending.models import Delivery, TransactionalMail


@dataclasses.dataclass(frozen=True)
class Target:
    delivery: Delivery | None = None
    mail: TransactionalMail | None = None

    @property
    def send_id(self):
        return self.delivery.send_id if self.delivery else None

    @property
    def subscriber_id(self):
        row = self.delivery or self.mail
        return row.subscriber_id if row else None


def find_target(event):
    if event.tag_id("mail") is not None:
        return Target(mail=find_mail(event))
    delivery = find_delivery(event)
    if delivery is not None or event.tag_id("delivery") is not None:
        return Target(delivery=delivery)
    return Target(mail=find_mail(event))  # untagged: identity notifications, or not ours


def find_delivery(event):
    found = Delivery.objects.filter(provider_message_id=event.message_id).first()
    delivery_id = event.tag_id("delivery")
    if found is None and delivery_id is not None:
        found = Delivery.objects.filter(pk=delivery_id, send_id=event.tag_id("send")).first()
    return found


def find_mail(event):
    found = TransactionalMail.objects.filter(provider_message_id=event.message_id).first()
    mail_id = event.tag_id("mail")
    if found is None and mail_id is not None:
        found = TransactionalMail.objects.filter(pk=mail_id).first()
    return found
