"""Registration deadline and event state, including time zones."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

UTC = datetime.UTC
# Building a page looks up its content type, so even these tests need the database.
pytestmark = pytest.mark.django_db

CLOSED_MESSAGE = "Die Anmeldefrist für diese Veranstaltung ist leider schon vorbei."


def event_with_deadline(time_zone="Europe/Berlin"):
    start = datetime.datetime(2026, 3, 20, 10, tzinfo=ZoneInfo(time_zone))
    return factories.EventPageFactory.build(
        start=start,
        end=start + datetime.timedelta(hours=4),
        time_zone=time_zone,
        registration_deadline=datetime.date(2026, 3, 12),
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 3, 12, 12, 0, tzinfo=UTC), "open"),  # on the deadline day
        (datetime.datetime(2026, 3, 12, 22, 59, 59, tzinfo=UTC), "open"),  # 23:59:59 Berlin
        (datetime.datetime(2026, 3, 12, 23, 0, 0, tzinfo=UTC), "closed"),  # midnight Berlin
        (datetime.datetime(2026, 3, 15, 9, 0, tzinfo=UTC), "closed"),
        (datetime.datetime(2026, 3, 20, 14, 0, 1, tzinfo=UTC), "past"),  # after the end
    ],
)
def test_deadline_is_the_end_of_the_day_in_the_events_time_zone(now, expected):
    assert event_with_deadline().registration_state(now) == expected


def test_deadline_follows_a_time_zone_other_than_berlin():
    event = event_with_deadline("America/New_York")
    # 23:30 in Berlin is still 18:30 on the deadline day in New York.
    assert event.registration_state(datetime.datetime(2026, 3, 12, 22, 30, tzinfo=UTC)) == "open"
    # New York is already on summer time (UTC-4) on 12 March 2026.
    assert event.registration_state(datetime.datetime(2026, 3, 13, 3, 59, tzinfo=UTC)) == "open"
    assert event.registration_state(datetime.datetime(2026, 3, 13, 4, 0, tzinfo=UTC)) == "closed"


def test_without_deadline_registration_closes_when_the_event_starts():
    event = event_with_deadline()
    event.registration_deadline = None
    assert event.registration_state(event.start - datetime.timedelta(seconds=1)) == "open"
    assert event.registration_state(event.start) == "closed"


@pytest.mark.django_db
def test_page_with_passed_deadline_shows_message_and_no_registration_link(client, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        start=factories.in_days(5),
        registration_deadline=factories.in_days(-1).date(),
        registration_url="https://anmeldung.example.org/seminar",
    )
    html = client.get(event.url).content.decode()
    assert CLOSED_MESSAGE in html
    assert "https://anmeldung.example.org/seminar" not in html
    assert "Jetzt anmelden" not in html


@pytest.mark.django_db
def test_open_event_offers_registration(client, event_index):
    event = factories.EventPageFactory(
        parent=event_index,
        start=factories.in_days(20),
        registration_deadline=factories.in_days(10).date(),
        registration_url="https://anmeldung.example.org/offen",
    )
    html = client.get(event.url).content.decode()
    assert 'href="https://anmeldung.example.org/offen"' in html
    assert CLOSED_MESSAGE not in html


@pytest.mark.django_db
def test_past_event_says_it_has_taken_place(client, event_index):
    event = factories.EventPageFactory(parent=event_index, start=factories.in_days(-3))
    html = client.get(event.url).content.decode()
    assert "Diese Veranstaltung hat bereits stattgefunden." in html
    assert "Jetzt anmelden" not in html


@pytest.mark.django_db
def test_event_times_are_shown_in_the_events_time_zone(client, event_index):
    start = datetime.datetime(2030, 7, 1, 18, 0, tzinfo=ZoneInfo("Europe/London"))
    event = factories.EventPageFactory(
        parent=event_index,
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/London",
    )
    html = client.get(event.url).content.decode()
    assert "18:00" in html and "20:00" in html and "BST" in html
