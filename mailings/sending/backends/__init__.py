"""Choosing the backend: NEWSLETTER_SENDING_BACKEND is read at call time (as
wagtail-newsletter does), so tests and deployments swap the transport without touching callers.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import BaseSendingBackend, Outcome, OutgoingMessage, Quota, SendResult

ALIASES = {
    "ses": "mailings.sending.backends.ses.SESBackend",
    "django": "mailings.sending.backends.djangomail.DjangoMailBackend",
    # The test double lives with the tests; production code never imports it.
    "memory": "tests.support.sending.MemoryBackend",
}

__all__ = [
    "BaseSendingBackend",
    "OutgoingMessage",
    "Outcome",
    "Quota",
    "SendResult",
    "backend_path",
    "get_backend",
    "send_messages",
]


def backend_path():
    name = settings.NEWSLETTER_SENDING_BACKEND
    return ALIASES.get(name, name)


def get_backend():
    return import_string(backend_path())()


def send_messages(messages):
    """Send at once through the configured backend; one SendResult per message."""
    backend = get_backend()
    try:
        return backend.send_messages(list(messages))
    finally:
        backend.close()
