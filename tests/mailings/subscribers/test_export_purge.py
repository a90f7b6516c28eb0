"""Export to CSV and the daily purge of unconfirmed signups."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription

from .conftest import confirm_url_in, path_of


def export(*args):
    out = io.StringIO()
    call_command("export_subscribers", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_export_shows_each_state_and_its_evidence(client, signup, newsletters, mailoutbox):
    signup(email="a@example.org", REMOTE_ADDR="192.0.2.1")
    client.post(path_of(confirm_url_in(mailoutbox[0])), REMOTE_ADDR="192.0.2.2")
    signup(email="b@example.org", chosen=newsletters, REMOTE_ADDR="192.0.2.3")

    rows = export()
    assert [(r["email"], r["newsletter"], r["status"]) for r in rows] == [
        ("a@example.org", "quartal", "subscribed"),
        ("b@example.org", "quartal", "pending"),
        ("b@example.org", "ukraine", "pending"),
    ]
    first = rows[0]
    assert first["signed_up_ip"] == "192.0.2.1" and first["confirmed_ip"] == "192.0.2.2"
    assert first["signed_up_at"].endswith("Z") and first["confirmed_at"].endswith("Z")
    assert first["source"] == "http://testserver/"
    assert rows[1]["confirmed_at"] == ""


def test_export_of_one_newsletter(signup, newsletters):
    signup(email="b@example.org", chosen=newsletters)
    assert [r["newsletter"] for r in export("--newsletter", "ukraine")] == ["ukraine"]


def test_export_queries_do_not_grow_with_rows(newsletters, django_assert_max_num_queries):
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"p{i}@example.org") for i in range(300)]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=newsletters[0]) for s in subscribers]
    )
    with django_assert_max_num_queries(2):
        assert len(export()) == 300


@pytest.fixture
def old_and_new(signup, newsletters, client, mailoutbox):
    """An 8-day-old unconfirmed signup, a fresh one, and an old confirmed one."""
    signup(email="alt@example.org", REMOTE_ADDR="192.0.2.1")
    signup(email="frisch@example.org", REMOTE_ADDR="192.0.2.2")
    signup(email="treu@example.org", REMOTE_ADDR="192.0.2.3")
    client.post(path_of(confirm_url_in(mailoutbox[2])))
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    old = Subscriber.objects.filter(email__in=["alt@example.org", "treu@example.org"])
    old.update(created_at=eight_days_ago)
    Subscription.objects.filter(subscriber__in=old).update(signed_up_at=eight_days_ago)


def test_purge_dry_run_counts_but_keeps(old_and_new):
    out = io.StringIO()
    call_command("purge_unconfirmed", "--dry-run", stdout=out)
    assert "Würde löschen: 1 unbestätigte Anmeldungen" in out.getvalue()
    assert Subscriber.objects.count() == 3


def test_purge_deletes_old_unconfirmed_signups_and_their_log(old_and_new):
    out = io.StringIO()
    call_command("purge_unconfirmed", stdout=out)
    assert "Gelöscht: 1 unbestätigte Anmeldungen" in out.getvalue()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "frisch@example.org",
        "treu@example.org",
    ]
    assert not ConsentEvent.objects.filter(subscriber__isnull=True).exists()
