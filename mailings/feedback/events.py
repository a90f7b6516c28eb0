"""Reading one SES event out of a verified SNS Notification.

Two formats arrive: configuration-set event publishing ({"eventType": "Bounce", ...}, with our
EmailTags under mail.tags) and the older identity notifications ({"notificationType": ...},
no tags). Both keep the details under the same keys, so one reader serves both.
"""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import BounceType, EventType

TYPES = {
    "Send": EventType.SEND,
    "Delivery": EventType.DELIVERY,
    "Bounce": EventType.BOUNCE,
    "Complaint": EventType.COMPLAINT,
    "Reject": EventType.REJECT,
    "Rendering Failure": EventType.RENDERING_FAILURE,
    "DeliveryDelay": EventType.DELIVERY_DELAY,
}
SECTIONS = {
    EventType.SEND: "send",
    EventType.DELIVERY: "delivery",
    EventType.BOUNCE: "bounce",
    EventType.COMPLAINT: "complaint",
    EventType.REJECT: "reject",
    EventType.RENDERING_FAILURE: "failure",
    EventType.DELIVERY_DELAY: "deliveryDelay",
}
RECIPIENT_LISTS = {
    EventType.BOUNCE: "bouncedRecipients",
    EventType.COMPLAINT: "complainedRecipients",
    EventType.DELIVERY_DELAY: "delayedRecipients",
}


class Unreadable(ValueError):
    """A verified message whose content is not an SES event we can use."""


@dataclasses.dataclass(frozen=True)
class SesEvent:
    event_type: str
    message_id: str
    occurred_at: datetime.datetime
    accepted_at: datetime.datetime  # when SES took the message (mail.timestamp)
    recipients: tuple = ()  # the addresses this event is about
    tags: dict = dataclasses.field(default_factory=dict)  # EmailTags: name -> first value
    bounce_type: str = ""
    subtype: str = ""
    diagnostic: str = ""

    def tag_id(self, name):
        value = self.tags.get(name, "")
        return int(value) if value.isdigit() else None


def read_event(payload):
    """The SesEvent in a decoded SNS Message; None for kinds we do not act on (Open, Click:
    we track no reading). Raises Unreadable for anything that is not an SES event."""
    if not isinstance(payload, dict) or not isinstance(payload.get("mail"), dict):
        raise Unreadable("kein SES-Ereignis")
    name = payload.get("eventType") or payload.get("notificationType")
    event_type = TYPES.get(name) if isinstance(name, str) else None
    if event_type is None:
        return None
    mail = payload["mail"]
    section = payload.get(SECTIONS[event_type]) or {}
    if not mail.get("messageId") or not isinstance(section, dict):
        raise Unreadable("SES-Ereignis ohne messageId")
    return SesEvent(
        event_type=event_type,
        message_id=str(mail["messageId"])[:200],
        occurred_at=moment(section.get("timestamp") or mail.get("timestamp")),
        accepted_at=moment(mail.get("timestamp")),
        recipients=recipients(event_type, mail, section),
        tags=first_tag_values(mail),
        bounce_type=bounce_type(event_type, section),
        subtype=str(subtype(event_type, section))[:100],
        diagnostic=diagnostic(event_type, section)[:1000],
    )


def moment(value):
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    return parsed if parsed and timezone.is_aware(parsed) else timezone.now()


def recipients(event_type, mail, section):
    if event_type == EventType.DELIVERY:
        return strings(section.get("recipients")) or strings(mail.get("destination"))
    listed = dicts(section.get(RECIPIENT_LISTS.get(event_type, "")))
    return strings([r.get("emailAddress") for r in listed]) or strings(mail.get("destination"))


def strings(value):
    return tuple(v for v in value if isinstance(v, str) and v) if isinstance(value, list) else ()


def dicts(value):
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def first_tag_values(mail):
    tags = mail.get("tags") or {}
    return {
        name: str(values[0]) for name, values in tags.items() if isinstance(values, list) and values
    }


def bounce_type(event_type, section):
    if event_type != EventType.BOUNCE:
        return ""
    kind = section.get("bounceType")
    return kind if kind in BounceType.values else BounceType.UNDETERMINED


def subtype(event_type, section):
    if event_type == EventType.BOUNCE:
        return section.get("bounceSubType") or ""
    if event_type == EventType.COMPLAINT:
        return section.get("complaintFeedbackType") or section.get("complaintSubType") or ""
    if event_type == EventType.DELIVERY_DELAY:
        return section.get("delayType") or ""
    return ""


def diagnostic(event_type, section):
    first = (dicts(section.get(RECIPIENT_LISTS.get(event_type, ""))) or [{}])[0]
    candidates = {
        EventType.DELIVERY: section.get("smtpResponse"),
        EventType.REJECT: section.get("reason"),
        EventType.RENDERING_FAILURE: section.get("errorMessage"),
    }
    return str(
        candidates.get(event_type) or first.get("diagnosticCode") or first.get("status") or ""
    )
