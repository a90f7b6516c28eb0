"""What a subscriber does with their personal link: unsubscribe, change preferences, erase."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import (
    ConsentAction,
    ConsentEvent,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)
from .signup import save_subscriptions, subscribe

ACTIVE = [SubscriptionStatus.SUBSCRIBED, SubscriptionStatus.PENDING]


def log(subscriber, action, evidence, **details):
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=address_hash(subscriber.email),
        action=action,
        details=details,
        **evidence.log_fields(),
    )


def unsubscribe(subscriber, newsletter, evidence, via, send_id=None):
    """Idempotent: only the first call changes and logs anything. send_id: the send whose
    mail held the link, so the issue's figures can count the unsubscribe."""
    with transaction.atomic():
        changed = (
            Subscription.objects.filter(subscriber=subscriber, newsletter=newsletter)
            .exclude(status=SubscriptionStatus.UNSUBSCRIBED)
            .update(status=SubscriptionStatus.UNSUBSCRIBED, updated_at=timezone.now())
        )
        if changed:
            attribution = {"send": send_id} if send_id is not None else {}
            log(
                subscriber,
                ConsentAction.UNSUBSCRIBED,
                evidence,
                newsletters=[newsletter.slug],
                via=via,
                **attribution,
            )
    return bool(changed)


def update_preferences(subscriber, data, evidence):
    """Apply the preferences form: newsletters, interests and name, logged as one change."""
    with transaction.atomic():
        added, removed = set_newsletters(subscriber, set(data["newsletters"]), evidence)
        subscriber.name = data["name"]
        subscriber.save(update_fields=["name"])
        subscriber.topics.set(data["topics"])
        subscriber.countries.set(data["countries"])
        log(
            subscriber,
            ConsentAction.PREFERENCES,
            evidence,
            subscribed=added,
            unsubscribed=removed,
            name=data["name"],
            topics=[t.slug for t in data["topics"]],
            countries=[c.iso_code for c in data["countries"]],
        )


def set_newsletters(subscriber, chosen, evidence):
    """The address is proven by the personal link, so a new choice is subscribed at once."""
    current = {s.newsletter: s for s in subscriber.subscriptions.select_related("newsletter")}
    to_add = [n for n in chosen if current.get(n) is None or current[n].status not in ACTIVE]
    added = subscribe(subscriber, to_add, evidence, evidence.page_url)
    to_remove = [s for n, s in current.items() if n not in chosen and s.status in ACTIVE]
    for subscription in to_remove:
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
    save_subscriptions(to_remove, timezone.now())
    return [s.newsletter.slug for s in added], [s.newsletter.slug for s in to_remove]


def erase(subscriber, by):
    """Delete the person and their log; keep a hash so no import brings the address back."""
    digest = address_hash(subscriber.email)
    with transaction.atomic():
        SuppressedAddress.objects.get_or_create(
            email_hash=digest, defaults={"reason": f"Löschung durch {by}"}
        )
        subscriber.delete()
        ConsentEvent.objects.create(
            email_hash=digest, action=ConsentAction.ERASED, details={"by": by}
        )


def personal_data(subscriber):
    """Everything stored about one subscriber, for the "download my data" JSON."""
    subscriptions = subscriber.subscriptions.select_related("newsletter")
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "created_at": subscriber.created_at.isoformat(),
        "topics": [t.name for t in subscriber.topics.all()],
        "countries": [c.title for c in subscriber.countries.all()],
        "subscriptions": [subscription_data(s) for s in subscriptions],
        "consent_log": [event_data(e) for e in subscriber.consent_events.all()],
    }


def subscription_data(subscription):
    return {
        "newsletter": subscription.newsletter.name,
        "status": subscription.status,
        "signed_up_at": iso(subscription.signed_up_at),
        "signed_up_ip": subscription.signed_up_ip,
        "confirmed_at": iso(subscription.confirmed_at),
        "confirmed_ip": subscription.confirmed_ip,
        "source": subscription.source,
    }


EVENT_FIELDS = [
    "action",
    "ip",
    "user_agent",
    "page_url",
    "consent_text",
    "consent_version",
    "consent_hash",
    "mail_text",
    "mail_hash",
    "mail_template_version",
    "details",
]


def event_data(event):
    return {
        "id": event.pk,
        "created_at_utc": iso(event.created_at),
        "related_to": event.related_id,
        **{f: getattr(event, f) for f in EVENT_FIELDS},
    }


def iso(value):
    return value.astimezone(datetime.UTC).isoformat() if value else None
