"""What a backend's answer means for a delivery row (one function per outcome)."""

import datetime

from django.conf import settings

from .backends import Outcome
from .states import DeliveryState

RESULT_FIELDS = [
    "state",
    "attempts",
    "provider_message_id",
    "sent_at",
    "not_before",
    "lease_until",
    "worker",
    "last_error",
    "updated_at",
]
# Error prefixes a backend uses for answers that concern the whole account, not one message:
# the send pauses and the message waits in the queue (see backends/ses.py).
HALTING_PREFIXES = {
    "quota:": "Das Tageskontingent des Versanddienstes ist erschöpft.",
    "paused:": "Der Versanddienst hat das Konto gesperrt oder pausiert.",
    "config:": (
        "Die Versandkonfiguration ist fehlerhaft (Konfigurationsset, MAIL-FROM-Domain "
        "oder Zugangsdaten)."
    ),
}
MAX_BACKOFF_SECONDS = 300


def halts(result):
    return result.outcome == Outcome.REJECTED and result.error.startswith(tuple(HALTING_PREFIXES))


def halting_reason(results):
    for result in results:
        if halts(result):
            prefix = result.error.split(":", 1)[0] + ":"
            return f"{HALTING_PREFIXES[prefix]} ({result.error[len(prefix) :].strip()[:200]})"
    return ""


def backoff(attempts):
    return min(MAX_BACKOFF_SECONDS, 2**attempts)


def apply_result(delivery, result, now):
    delivery.updated_at, delivery.lease_until, delivery.worker = now, None, ""
    delivery.last_error = result.error[:500]
    if result.accepted:
        delivery.state, delivery.sent_at = DeliveryState.SENT, now
        delivery.provider_message_id = result.provider_id[:200]
    elif halts(result):
        delivery.state, delivery.attempts = DeliveryState.QUEUED, delivery.attempts - 1
    elif result.outcome == Outcome.RETRY:
        retry_later(delivery, now)
    elif result.outcome == Outcome.REJECTED:
        delivery.state = DeliveryState.FAILED
    else:
        delivery.state = DeliveryState.UNCERTAIN


def retry_later(delivery, now):
    if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        delivery.state = DeliveryState.FAILED
        return
    delivery.state = DeliveryState.QUEUED
    delivery.not_before = now + datetime.timedelta(seconds=backoff(delivery.attempts))
