"""The double opt-in: a request creates pending subscriptions and a mail; the click confirms.

A request never changes an existing subscription (anyone can type anyone's address); only
the confirmation, made from the mailbox, does.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from mailings.sending.models import MailKind
from mailings.sending.transactional import queue_mail, queue_mails

from .limits import optin_mail_allowed
from .models import (
    ConsentAction,
    ConsentEvent,
    Newsletter,
    Subscriber,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
    normalise_email,
)

logger = logging.getLogger(__name__)


def locked_subscriber(email):
    return (
        Subscriber.objects.select_for_update()
        .annotate(email_lower=Lower("email"))
        .filter(email_lower=email.lower())
        .first()
    )


def lock_or_create_subscriber(email, name=""):
    """The subscriber row for this address, locked for the rest of the transaction."""
    subscriber = locked_subscriber(email)
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, name=name)
    except IntegrityError:  # created by a parallel request a moment ago
        return locked_subscriber(email)


def request_signup(email, name, newsletters, evidence, source=""):
    """Log the request and queue the confirmation mail; None when there is nothing to send."""
    email = normalise_email(email)
    with transaction.atomic():
        subscriber = lock_or_create_subscriber(email, name)
        current = dict(subscriber.subscriptions.values_list("newsletter_id", "status"))
        wanted = [n for n in newsletters if current.get(n.pk) != SubscriptionStatus.SUBSCRIBED]
        if not wanted or not optin_mail_allowed(subscriber):
            return None
        add_pending(subscriber, [n for n in wanted if n.pk not in current], evidence, source)
        details = {"newsletters": [n.slug for n in wanted], "name": name}
        return log_request(subscriber, evidence, details)


def add_pending(subscriber, newsletters, evidence, source):
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                newsletter=newsletter,
                signed_up_at=timezone.now(),
                signed_up_ip=evidence.ip,
                source=source or evidence.page_url[:300],
            )
            for newsletter in newsletters
        ]
    )


def log_request(subscriber, evidence, details):
    event = ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=address_hash(subscriber.email),
        action=ConsentAction.REQUESTED,
        details=details,
        **evidence.log_fields(),
    )
    queue_mail(MailKind.CONFIRMATION, subscriber=subscriber, payload={"event": event.pk})
    return event


def request_again(old_event, evidence):
    """A new confirmation mail for an expired or used link, with the original wording."""
    with transaction.atomic():
        subscriber = lock_or_create_subscriber(old_event.subscriber.email)
        subscribed = set(
            subscriber.subscriptions.filter(status=SubscriptionStatus.SUBSCRIBED).values_list(
                "newsletter__slug", flat=True
            )
        )
        if set(old_event.details.get("newsletters", [])) <= subscribed:
            return None  # nothing left to confirm
        if not optin_mail_allowed(subscriber):
            return None
        details = {**old_event.details, "repeats": old_event.pk}
        fields = {
            **evidence.log_fields(),
            "page_url": old_event.page_url,
            "consent_text": old_event.consent_text,
            "consent_hash": old_event.consent_hash,
            "consent_version": old_event.consent_version,
        }
        event = ConsentEvent.objects.create(
            subscriber=subscriber,
            email_hash=old_event.email_hash,
            action=ConsentAction.REQUESTED,
            details=details,
            **fields,
        )
        queue_mail(MailKind.CONFIRMATION, subscriber=subscriber, payload={"event": event.pk})
        return event


def confirm(request_event, evidence):
    """Confirm the request once; False if its link was used already."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=request_event.subscriber_id)
        try:
            with transaction.atomic():
                ConsentEvent.objects.create(
                    subscriber=subscriber,
                    email_hash=request_event.email_hash,
                    action=ConsentAction.CONFIRMED,
                    related=request_event,
                    details={"newsletters": request_event.details.get("newsletters", [])},
                    **evidence.log_fields(),
                )
        except IntegrityError:
            return False
        apply_confirmation(subscriber, request_event, evidence)
    return True


def apply_confirmation(subscriber, request_event, evidence):
    slugs = request_event.details.get("newsletters", [])
    newsletters = list(Newsletter.objects.filter(slug__in=slugs))
    subscriptions = subscribe(subscriber, newsletters, evidence, request_event.page_url)
    if request_event.details.get("name"):
        subscriber.name = request_event.details["name"]
        subscriber.save(update_fields=["name"])
    # A new opt-in lifts an earlier erasure request for this address.
    SuppressedAddress.objects.filter(email_hash=request_event.email_hash).delete()
    queue_mails(MailKind.WELCOME, [(subscriber.pk, {"subscription": s.pk}) for s in subscriptions])


def subscribe(subscriber, newsletters, evidence, source):
    """Set the subscriptions to subscribed; returns those that changed (for welcome mails)."""
    existing = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
    now = timezone.now()
    changed = []
    for newsletter in newsletters:
        subscription = existing.get(newsletter.pk) or Subscription(
            subscriber=subscriber, newsletter=newsletter, signed_up_at=now, source=source[:300]
        )
        if subscription.status != SubscriptionStatus.SUBSCRIBED or subscription.pk is None:
            subscription.status = SubscriptionStatus.SUBSCRIBED
            subscription.confirmed_at, subscription.confirmed_ip = now, evidence.ip
            changed.append(subscription)
    save_subscriptions(changed, now)
    return changed


def save_subscriptions(subscriptions, now):
    """Insert the new and update the existing rows, two queries whatever the count."""
    existing = [s for s in subscriptions if s.pk is not None]
    Subscription.objects.bulk_create([s for s in subscriptions if s.pk is None])
    for subscription in existing:
        subscription.updated_at = now
    fields = ["status", "confirmed_at", "confirmed_ip", "updated_at"]
    Subscription.objects.bulk_update(existing, fields)
