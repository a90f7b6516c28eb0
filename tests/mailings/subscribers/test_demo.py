"""The demo seeder: both newsletters and one subscriber per state, idempotent."""

from mailings.subscribers import demo
from mailings.subscribers.models import ConsentEvent, Newsletter, Subscription


def test_demo_has_both_newsletters_and_every_state_with_evidence(home):
    demo.seed()
    assert Newsletter.objects.get(is_default=True).slug == "quartal"
    assert Newsletter.objects.filter(slug="ukraine").exists()
    states = set(Subscription.objects.values_list("status", flat=True))
    assert {"subscribed", "pending", "unsubscribed", "bounced"} <= states
    assert ConsentEvent.objects.filter(action="mail_sent").exclude(mail_text="").exists()
    assert ConsentEvent.objects.filter(action="imported").exclude(consent_text="").exists()


def test_a_second_run_changes_nothing(home):
    demo.seed()
    counts = (Subscription.objects.count(), ConsentEvent.objects.count())
    demo.seed()
    assert (Subscription.objects.count(), ConsentEvent.objects.count()) == counts
