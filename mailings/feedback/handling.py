"""Recording one verified SES event and acting on it, exactly once per SNS message.

The FeedbackEvent row is written first, in the same transaction as every effect: its unique
SNS MessageId makes a redelivery (or the same message arriving twice at once) fail to insert,
and the whole transaction, effects included, rolls back.
"""

import logging

from django.db import IntegrityError, transaction

from mailings.subscribers.models import address_hash

from . import effects, guard
from .matching import find_target
from .models import EventType, FeedbackEvent
from .resolution import settle

logger = logging.getLogger(__name__)


def record(sns_message_id, event, raw):
    """True if the event was new and applied; False for a redelivery."""
    try:
        with transaction.atomic():
            target = find_target(event)
            apply(new_record(sns_message_id, event, raw, target), event, target)
    except IntegrityError:
        if FeedbackEvent.objects.filter(sns_message_id=sns_message_id).exists():
            return False  # handled before, or a moment ago by a parallel request
        raise
    return True


def new_record(sns_message_id, event, raw, target):
    first = event.recipients[0] if event.recipients else ""
    return FeedbackEvent.objects.create(
        sns_message_id=sns_message_id,
        event_type=event.event_type,
        bounce_type=event.bounce_type,
        subtype=event.subtype,
        diagnostic=event.diagnostic,
        occurred_at=event.occurred_at,
        provider_message_id=event.message_id,
        email_hash=address_hash(first) if first else "",
        send_id=target.send_id,
        delivery=target.delivery,
        transactional_mail=target.mail,
        raw=raw,
    )


def apply(row, event, target):
    settle(event, target)
    if event.event_type == EventType.BOUNCE:
        effects.on_bounce(row, event)
    elif event.event_type == EventType.COMPLAINT:
        effects.on_complaint(row, event)
        if row.send_id is not None:
            guard.check_complaint_rate(row.send_id)
    if target.delivery is None and target.mail is None:
        logger.info(
            "SES-Ereignis %s zu Nachricht %s passt zu keiner Zustellung",
            event.event_type,
            event.message_id,
        )
