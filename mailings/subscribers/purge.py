"""Deleting signups that were never confirmed: we may not keep what nobody agreed to."""

import dataclasses
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Subscriber, Subscription, SubscriptionStatus


@dataclasses.dataclass
class PurgeResult:
    subscriptions: int
    subscribers: int


def purge_unconfirmed(dry_run=False):
    """Remove pending subscriptions older than the setting, then people left with none.

    Their consent-log rows go with them (they are personal data of a person who never
    agreed). A dry run does the same work and rolls it back, so its figures are exact.
    """
    cutoff = timezone.now() - datetime.timedelta(days=settings.SUBSCRIBERS_PURGE_UNCONFIRMED_DAYS)
    with transaction.atomic():
        deleted = Subscription.objects.filter(
            status=SubscriptionStatus.PENDING, signed_up_at__lt=cutoff
        ).delete()[1]
        orphans = Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff)
        result = PurgeResult(
            subscriptions=deleted.get("subscribers.Subscription", 0),
            subscribers=orphans.delete()[1].get("subscribers.Subscriber", 0),
        )
        transaction.set_rollback(dry_run)
    return result
