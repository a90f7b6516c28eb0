"""Fixtures for send tests: an issue ready to send, an audience in every status, the memory
backend, and a helper that runs everything the commit would start (tasks run at once here)."""

import pytest
from django.test import override_settings

from mailings.subscribers.models import (
    Subscriber,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)
from tests.support.sending import MemoryBackend


@pytest.fixture
def memory():
    MemoryBackend.reset()
    with override_settings(
        NEWSLETTER_SENDING_BACKEND="memory",
        NEWSLETTER_SEND_RATE=None,
        NEWSLETTER_STAFF_EMAILS=["redaktion@netzwerk.example"],
    ):
        yield MemoryBackend
    MemoryBackend.reset()


@pytest.fixture
def ready_issue(make_issue):
    """A draft issue without blockers (a closing text only)."""
    return make_issue(
        ("text", {"heading": "Hallo", "body": "<p>Neues aus dem Netzwerk</p>", "channel": "both"}),
        live=False,
    )


def subscribe(newsletter, email, status=SubscriptionStatus.SUBSCRIBED, name=""):
    subscriber = Subscriber.objects.create(email=email, name=name)
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=status)
    return subscriber


@pytest.fixture
def audience(newsletter):
    """Three subscribed addresses and one of every kind that must never get the issue."""
    subscribed = [subscribe(newsletter, f"leser{n}@example.org") for n in range(3)]
    for status in ("pending", "unsubscribed", "bounced", "complained"):
        subscribe(newsletter, f"{status}@example.org", status=status)
    suppressed = subscribe(newsletter, "gesperrt@example.org")
    SuppressedAddress.objects.create(email_hash=address_hash(suppressed.email), reason="test")
    return [s.email for s in subscribed]
