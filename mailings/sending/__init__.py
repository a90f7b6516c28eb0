"""How newsletter mail leaves the system.

Callers build OutgoingMessage objects (raw RFC 5322 bytes plus envelope) and hand them to
get_backend(), which reads NEWSLETTER_SENDING_BACKEND when it is called, so tests and later
issues (SES) can swap the transport without touching the callers. wagtail-newsletter picks its
backend the same way.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class OutgoingMessage:
    sender: str
    recipients: list = field(default_factory=list)
    raw: bytes = b""
    message_id: str = ""
    subject: str = ""


def get_backend():
    return import_string(settings.NEWSLETTER_SENDING_BACKEND)()


def send_messages(messages):
    """Send the messages through the configured backend; returns how many were sent."""
    return get_backend().send_messages(list(messages))
