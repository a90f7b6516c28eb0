"""Per-send figures from SES events and the consent log: an unsubscribe counts for the issue
whose mail held the link, without anything recording who read what; the raw JSON goes after
NEWSLETTER_FEEDBACK_RAW_DAYS, the facts stay."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from mailings.feedback.figures import SendFigures, send_figures
from mailings.feedback.models import FeedbackEvent
from mailings.feedback.retention import purge_raw
from mailings.subscribers.links import personal_links
from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription

from .conftest import deliver_row, ses_event, statuses, tags_of


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def send(make_send):
    return make_send()


def test_the_unsubscribe_button_names_the_send_its_link_came_with(client, reader, quarterly, send):
    links = personal_links(reader, quarterly, send_id=send.pk)
    page = client.get(path_of(links["unsubscribe_url"]))
    assert page.status_code == 200
    client.post(path_of(links["unsubscribe_url"]))
    assert statuses(reader)["quartal"] == "unsubscribed"
    assert ConsentEvent.objects.get(action="unsubscribed").details == {
        "newsletters": ["quartal"],
        "via": "link",
        "send": send.pk,
    }


def test_one_click_names_the_send_too(reader, quarterly, send):
    links = personal_links(reader, quarterly, send_id=send.pk)
    response = Client(enforce_csrf_checks=True).post(
        path_of(links["one_click_url"]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert ConsentEvent.objects.get(action="unsubscribed").details["send"] == send.pk


def test_links_outside_an_issue_name_no_send(client, reader, quarterly):
    links = personal_links(reader, quarterly)
    client.post(path_of(links["unsubscribe_url"]))
    assert "send" not in ConsentEvent.objects.get(action="unsubscribed").details


def test_the_send_in_a_link_cannot_be_altered(client, reader, quarterly, send):
    url = path_of(personal_links(reader, quarterly, send_id=send.pk)["unsubscribe_url"])
    token = url.rstrip("/").rsplit("/", 1)[1]
    payload, rest = token.split(":", 1)
    forged = url.replace(token, payload[:-2] + "xy:" + rest)
    assert client.post(forged).status_code == 404
    assert statuses(reader)["quartal"] == "subscribed"


def readers(count, quarterly):
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"leserin{n}@example.org") for n in range(count)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, newsletter=quarterly, status="subscribed") for s in people
    )
    return people


def test_figures_per_send_in_two_queries(
    fake_sns, client, quarterly, make_send, django_assert_num_queries
):
    first, second, quiet = make_send(), make_send(), make_send()
    people = readers(6, quarterly)
    rows = [deliver_row(first, person) for person in people] + [deliver_row(second, people[0])]
    events = [
        ("Delivery", {}),
        ("Delivery", {}),
        ("Delivery", {}),
        ("Bounce", {}),
        ("Bounce", {"bounce_type": "Transient"}),
        ("Complaint", {}),
    ]
    for row, (kind, details) in zip(rows, events, strict=False):
        fake_sns.deliver(
            ses_event(kind, row.email, row.provider_message_id, tags=tags_of(row), **details)
        )
    fake_sns.deliver(
        ses_event("Delivery", rows[0].email, rows[0].provider_message_id, tags=tags_of(rows[0]))
    )  # SES reported it twice: counted once
    fake_sns.deliver(
        ses_event("Delivery", rows[6].email, rows[6].provider_message_id, tags=tags_of(rows[6]))
    )
    for person in people[1:3]:
        client.post(path_of(personal_links(person, quarterly, first.pk)["unsubscribe_url"]))
    with django_assert_num_queries(2):
        figures = send_figures([first.pk, second.pk, quiet.pk])
    assert figures == {
        first.pk: SendFigures(
            delivered=3, bounced_hard=1, bounced_soft=1, complaints=1, unsubscribes=2
        ),
        second.pk: SendFigures(delivered=1),
        quiet.pk: SendFigures(),
    }


def test_raw_json_goes_after_the_retention_period_and_the_facts_stay(
    fake_sns, reader, send, settings
):
    settings.NEWSLETTER_FEEDBACK_RAW_DAYS = 30
    for _ in range(2):
        row = deliver_row(send, reader)
        fake_sns.deliver(ses_event("Delivery", reader.email, row.provider_message_id))
    old, new = FeedbackEvent.objects.order_by("pk")
    FeedbackEvent.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert purge_raw(timezone.now()) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.raw is None and new.raw is not None
    assert (old.event_type, old.diagnostic) == ("delivery", "250 2.0.0 OK")
    assert purge_raw(timezone.now()) == 0
