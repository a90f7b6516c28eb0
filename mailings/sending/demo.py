"""Demo results of the demo's sent issue: what its send left behind, as if SES had answered.

Everyone subscribed when the send started gets a delivery; SES reported deliveries, a few
hard and soft bounces and one complaint, and some readers unsubscribed with the issue's
link. The effects are recorded as the real code records them (FeedbackEvent rows, statuses,
suppression hashes, consent-log events naming the send), so history, report and dashboard
show realistic figures. Called by mailings/issues/demo.py; does nothing when the send has
deliveries already, so seeding twice changes nothing.
"""

import dataclasses
import datetime
import random

from django.db.models import Exists, OuterRef

from mailings.feedback.models import BounceType, EventType, FeedbackEvent
from mailings.subscribers import bulk
from mailings.subscribers.demo import PEOPLE
from mailings.subscribers.models import (
    ConsentAction,
    ConsentEvent,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)

from .models import Delivery
from .states import DeliveryState

Status = SubscriptionStatus
LOSSES = [ConsentAction.UNSUBSCRIBED, ConsentAction.BOUNCED, ConsentAction.COMPLAINED]
SECONDS_PER_MAIL = 0.5  # a modest SES sending rate
REJECTED = "rejected: MessageRejected: Email address is not verified (Demo)"
HARD = ("General", "smtp; 550 5.1.1 user unknown")
SOFT = ("MailboxFull", "smtp; 452 4.2.2 mailbox full")


@dataclasses.dataclass
class Outcomes:
    """Which recipients (by index) bounced, complained, left or were refused."""

    failed: set
    hard: set
    soft: set
    complained: set
    left: set


def recipients(send):
    """Subscriptions confirmed before the start with no loss logged before it."""
    lost_before = ConsentEvent.objects.filter(
        subscriber=OuterRef("subscriber"), action__in=LOSSES, created_at__lt=send.started_at
    )
    return list(
        Subscription.objects.filter(
            newsletter=send.newsletter,
            confirmed_at__lt=send.started_at,
            status__in=[Status.SUBSCRIBED, Status.UNSUBSCRIBED],
        )
        .exclude(Exists(lost_before))
        .select_related("subscriber")
        .order_by("subscriber__email")
    )


def pick_outcomes(subscriptions, rng):
    """Only readers still subscribed and not one of the hand-made demo people change."""
    named = {email for email, *_rest in PEOPLE}
    free = [
        n
        for n, s in enumerate(subscriptions)
        if s.status == Status.SUBSCRIBED and s.subscriber.email not in named
    ]
    rng.shuffle(free)
    count = len(subscriptions)
    sizes = [
        1,
        max(1, round(count * 0.01)),
        max(1, round(count * 0.006)),
        1,
        max(1, round(count * 0.015)),
    ]
    groups, start = [], 0
    for size in sizes:
        groups.append(set(free[start : start + size]))
        start += size
    return Outcomes(*groups)


def seed_send_results(send):
    if send.started_at is None or send.deliveries.exists():
        return
    subscriptions = recipients(send)
    if not subscriptions:
        return
    outcomes = pick_outcomes(subscriptions, random.Random(send.pk))  # noqa: S311 - demo data
    deliveries = create_deliveries(send, subscriptions, outcomes)
    record_feedback(send, deliveries, outcomes)
    record_losses(send, subscriptions, deliveries, outcomes)
    last = max(d.sent_at or d.updated_at for d in deliveries)
    send.total, send.finished_at = len(deliveries), last + datetime.timedelta(seconds=4)
    send.subject = send.subject or send.issue.subject
    send.save(update_fields=["total", "finished_at", "subject"])


DELIVERY_COLUMNS = [
    "send",
    "subscriber",
    "email",
    "state",
    "attempts",
    "worker",
    "provider_message_id",
    "last_error",
    "queued_at",
    "sent_at",
    "updated_at",
]
FEEDBACK_COLUMNS = [
    "sns_message_id",
    "event_type",
    "bounce_type",
    "subtype",
    "diagnostic",
    "occurred_at",
    "received_at",
    "provider_message_id",
    "email_hash",
    "send",
    "delivery",
]


def delivery_row(send, n, subscription, failed):
    moment = send.started_at + datetime.timedelta(seconds=SECONDS_PER_MAIL * n)
    return (
        send.pk,
        subscription.subscriber_id,
        subscription.subscriber.email,
        DeliveryState.FAILED if failed else DeliveryState.SENT,
        1,
        "",
        "" if failed else f"demo-{send.pk}-{n:06d}",
        REJECTED if failed else "",
        send.started_at,
        None if failed else moment,
        moment,
    )


def create_deliveries(send, subscriptions, outcomes):
    """Plain multi-row INSERTs (the ORM's bulk_create costs half a second here); the rows
    come back in the recipients' order."""
    bulk.insert_rows(
        Delivery,
        DELIVERY_COLUMNS,
        [
            delivery_row(send, n, subscription, n in outcomes.failed)
            for n, subscription in enumerate(subscriptions)
        ],
    )
    by_email = {
        d.email: d
        for d in Delivery.objects.filter(send=send).only(
            "pk", "email", "provider_message_id", "sent_at", "updated_at"
        )
    }
    return [by_email[s.subscriber.email] for s in subscriptions]


def feedback(send, delivery, kind, after, bounce_type="", subtype="", diagnostic=""):
    moment = delivery.sent_at + after
    return (
        f"demo-{send.pk}-{delivery.pk}-{kind}",
        kind,
        bounce_type,
        subtype,
        diagnostic,
        moment,
        moment,
        delivery.provider_message_id,
        address_hash(delivery.email),
        send.pk,
        delivery.pk,
    )


def record_feedback(send, deliveries, outcomes):
    events = []
    for n, delivery in enumerate(deliveries):
        if n in outcomes.failed:
            continue
        seconds = datetime.timedelta(seconds=2 + n % 7)
        if n in outcomes.hard or n in outcomes.soft:
            permanent = n in outcomes.hard
            subtype, diagnostic = HARD if permanent else SOFT
            events.append(
                feedback(
                    send,
                    delivery,
                    EventType.BOUNCE,
                    seconds,
                    subtype=subtype,
                    diagnostic=diagnostic,
                    bounce_type=BounceType.PERMANENT if permanent else BounceType.TRANSIENT,
                )
            )
            continue
        events.append(feedback(send, delivery, EventType.DELIVERY, seconds))
        if n in outcomes.complained:
            events.append(
                feedback(
                    send, delivery, EventType.COMPLAINT, datetime.timedelta(days=2), subtype="abuse"
                )
            )
    bulk.insert_rows(FeedbackEvent, FEEDBACK_COLUMNS, events)


def record_losses(send, subscriptions, deliveries, outcomes):
    rng = random.Random(send.pk + 1)  # noqa: S311 - demo data, not secrets
    stops = [
        (
            outcomes.hard,
            Status.BOUNCED,
            ConsentAction.BOUNCED,
            "SES-Bounce Permanent/General",
            datetime.timedelta(minutes=3),
        ),
        (
            outcomes.complained,
            Status.COMPLAINED,
            ConsentAction.COMPLAINED,
            "SES-Beschwerde abuse",
            datetime.timedelta(days=2),
        ),
    ]
    for chosen, status, action, reason, after in stops:
        stop(
            send,
            [(subscriptions[n], deliveries[n]) for n in sorted(chosen)],
            status,
            action,
            reason,
            after,
        )
    left = [(subscriptions[n], deliveries[n]) for n in sorted(outcomes.left)]
    unsubscribe(send, left, rng)


def stop(send, pairs, status, action, reason, after):
    """What mailings.feedback.effects does for a bounce or complaint, in bulk."""
    moment = send.started_at + after
    Subscription.objects.filter(pk__in=[s.pk for s, _d in pairs]).update(
        status=status, updated_at=moment
    )
    SuppressedAddress.objects.bulk_create(
        [
            SuppressedAddress(
                email_hash=address_hash(s.subscriber.email), reason=reason, created_at=moment
            )
            for s, _d in pairs
        ],
        ignore_conflicts=True,
    )
    ConsentEvent.objects.bulk_create(
        [
            ConsentEvent(
                subscriber=s.subscriber,
                email_hash=address_hash(s.subscriber.email),
                action=action,
                created_at=moment,
                details={
                    "source": "ses",
                    "reason": reason,
                    "newsletters": [send.newsletter.slug],
                    "send": send.pk,
                    "delivery": d.pk,
                },
            )
            for s, d in pairs
        ]
    )


def unsubscribe(send, pairs, rng):
    """Readers who used the issue's unsubscribe link in the days after it arrived."""
    moments = [send.started_at + datetime.timedelta(hours=rng.uniform(1, 240)) for _pair in pairs]
    for (subscription, _delivery), moment in zip(pairs, moments, strict=True):
        subscription.status, subscription.updated_at = Status.UNSUBSCRIBED, moment
    Subscription.objects.bulk_update([s for s, _d in pairs], ["status", "updated_at"])
    ConsentEvent.objects.bulk_create(
        [
            ConsentEvent(
                subscriber=s.subscriber,
                email_hash=address_hash(s.subscriber.email),
                action=ConsentAction.UNSUBSCRIBED,
                created_at=moment,
                user_agent="Mail provider (List-Unsubscribe)",
                details={
                    "newsletters": [send.newsletter.slug],
                    "via": "one-click",
                    "send": send.pk,
                },
            )
            for (s, _d), moment in zip(pairs, moments, strict=True)
        ]
    )
