"""What a bounce or a complaint changes for the address it concerns.

A hard bounce (or NEWSLETTER_SOFT_BOUNCE_LIMIT soft bounces in a row, across sends, with no
delivery in between) makes the address's active subscriptions "bounced"; a complaint makes
every subscription "complained". Either puts the address on the suppression list and writes a
consent-log event saying which SES event did it, so the evidence for each address stays
complete. Mail still queued for the address never leaves: the send worker and the single-mail
builder check subscription status and suppression list right before each message.
"""

import dataclasses

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone

from mailings.subscribers.models import (
    ConsentAction,
    ConsentEvent,
    Subscriber,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)

from .models import SOFT_BOUNCES, BounceType, EventType, FeedbackEvent

Status = SubscriptionStatus


@dataclasses.dataclass(frozen=True)
class Stop:
    status: str
    action: str
    changes: tuple  # the subscription statuses this stop overwrites


# Someone who unsubscribed keeps that status after a bounce; a complaint overrides all.
BOUNCED = Stop(Status.BOUNCED, ConsentAction.BOUNCED, (Status.SUBSCRIBED, Status.PENDING))
COMPLAINED = Stop(
    Status.COMPLAINED,
    ConsentAction.COMPLAINED,
    (Status.SUBSCRIBED, Status.PENDING, Status.UNSUBSCRIBED, Status.BOUNCED),
)


def on_bounce(record, event):
    if event.bounce_type == BounceType.PERMANENT:
        reason = f"SES-Bounce {event.bounce_type}/{event.subtype}"
    elif soft_bounces_in_a_row(record.email_hash) >= settings.NEWSLETTER_SOFT_BOUNCE_LIMIT:
        reason = f"{settings.NEWSLETTER_SOFT_BOUNCE_LIMIT} Soft-Bounces in Folge (SES)"
    else:
        return
    for address in event.recipients:
        stop_mail(address, BOUNCED, record, reason)


def on_complaint(record, event):
    reason = f"SES-Beschwerde {event.subtype}".strip()
    for address in event.recipients:
        stop_mail(address, COMPLAINED, record, reason)


def soft_bounces_in_a_row(email_hash):
    """Soft-bounced messages to this address since its last delivery (by SES's clock)."""
    if not email_hash:
        return 0
    events = FeedbackEvent.objects.filter(email_hash=email_hash)
    last_delivery = events.filter(event_type=EventType.DELIVERY).aggregate(at=Max("occurred_at"))[
        "at"
    ]
    soft = events.filter(event_type=EventType.BOUNCE, bounce_type__in=SOFT_BOUNCES)
    if last_delivery is not None:
        soft = soft.filter(occurred_at__gt=last_delivery)
    return soft.values("provider_message_id").distinct().count()


def stop_mail(address, stop, record, reason):
    digest = address_hash(address)
    subscriber = locked_subscriber(address)
    suppress(digest, reason)
    if subscriber is None:
        return
    newsletters = change_subscriptions(subscriber, stop)
    if newsletters:  # a status changed: the evidence must say why
        ConsentEvent.objects.create(
            subscriber=subscriber,
            email_hash=digest,
            action=stop.action,
            details=consent_details(record, newsletters, reason),
        )


def locked_subscriber(address):
    """Locked like the sign-up does, so feedback and a click cannot interleave."""
    return (
        Subscriber.objects.select_for_update()
        .annotate(email_lower=Lower("email"))
        .filter(email_lower=address.strip().lower())
        .first()
    )


def suppress(digest, reason):
    """One statement; an address suppressed before keeps its first reason."""
    SuppressedAddress.objects.bulk_create(
        [SuppressedAddress(email_hash=digest, reason=reason[:100])], ignore_conflicts=True
    )


def change_subscriptions(subscriber, stop):
    """Set the status; the slugs of the newsletters that changed, for the evidence."""
    rows = list(
        Subscription.objects.filter(subscriber=subscriber, status__in=stop.changes).values_list(
            "pk", "newsletter__slug"
        )
    )
    if rows:
        Subscription.objects.filter(pk__in=[pk for pk, _slug in rows]).update(
            status=stop.status, updated_at=timezone.now()
        )
    return sorted(slug for _pk, slug in rows)


def consent_details(record, newsletters, reason):
    details = {
        "source": "ses",
        "reason": reason,
        "newsletters": newsletters,
        "feedback": record.sns_message_id,
        "send": record.send_id,
        "delivery": record.delivery_id,
        "mail": record.transactional_mail_id,
    }
    return {key: value for key, value in details.items() if value is not None}
