"""Events as feed entries and calendar files: when, where, deadline and fee."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings

from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def seminar(event_index, youth):
    return factories.EventPageFactory(
        parent=event_index,
        title="Seminar Fördermittel",
        format="on_site",
        venue="Rathaus Musterstadt\nMarktplatz 1",
        online_platform="",
        fee="25 Euro",
        start=berlin(2036, 6, 17, 10),
        end=berlin(2036, 6, 17, 16),
        registration_deadline=datetime.date(2036, 6, 1),
        topics=[youth],
    )


@pytest.fixture
def meeting(event_index):
    return factories.EventPageFactory(
        parent=event_index,
        title="Online-Treffen",
        start=berlin(2036, 5, 5, 18),
        end=berlin(2036, 5, 5, 19, 30),
        online_platform="BigBlueButton",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_upcoming_events_soonest_first(fetch_feed, seminar, meeting, event_index, extension):
    factories.EventPageFactory(
        parent=event_index, title="Vorbei", start=berlin(2020, 1, 1, 10), end=berlin(2020, 1, 1, 12)
    )
    feed = fetch_feed(f"/feeds/events.{extension}")
    assert feed.feed.title == "Partnerpost: Veranstaltungen"
    assert [e.title for e in feed.entries] == ["Online-Treffen", "Seminar Fördermittel"]
    assert feed.entries[1].link == settings.BASE_URL + seminar.url


@pytest.mark.django_db
def test_event_entry_says_when_where_deadline_and_fee(fetch_feed, seminar, meeting):
    entries = {e.title: e for e in fetch_feed("/feeds/events.atom").entries}
    content = entries["Seminar Fördermittel"].content[0].value
    assert "Dienstag, 17. Juni 2036, 10:00 bis 16:00 Uhr" in content
    assert "Rathaus Musterstadt, Marktplatz 1" in content
    assert "1. Juni 2036 (Ende des Tages)" in content
    assert "25 Euro" in content
    online = entries["Online-Treffen"].content[0].value
    assert "online über BigBlueButton" in online
    assert "<dd>keine</dd>" in online  # no fee
    assert "bis zum Beginn der Veranstaltung" in online


@pytest.mark.django_db
def test_event_texts_stay_german_for_english_browsers(client, seminar):
    feed = client.get("/feeds/events.rss", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dienstag, 17. Juni 2036" in feed


@pytest.mark.django_db
def test_calendar_parses_with_stable_uids_and_locations(client, seminar, meeting):
    response = client.get("/feeds/events.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Seminar Fördermittel", "Online-Treffen"}
    assert str(events["Seminar Fördermittel"]["UID"]) == f"tag:127.0.0.1,2026:seite-{seminar.pk}"
    assert str(events["Seminar Fördermittel"]["LOCATION"]) == "Rathaus Musterstadt, Marktplatz 1"
    assert str(events["Online-Treffen"]["LOCATION"]) == "Online über BigBlueButton"
    assert str(events["Seminar Fördermittel"]["URL"]) == settings.BASE_URL + seminar.url
    assert "25 Euro" in str(events["Seminar Fördermittel"]["DESCRIPTION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


@pytest.mark.django_db
def test_calendar_times_are_right_across_the_clock_change(client, event_index):
    # Summer time ends on 26 October 2036 at 3:00 (CEST to CET).
    factories.EventPageFactory(
        parent=event_index,
        title="Vorher",
        start=berlin(2036, 10, 25, 10),
        end=berlin(2036, 10, 25, 12),
    )
    factories.EventPageFactory(
        parent=event_index,
        title="Nachher",
        start=berlin(2036, 10, 27, 10),
        end=berlin(2036, 10, 27, 12),
    )
    calendar = icalendar.Calendar.from_ical(client.get("/feeds/events.ics").content)
    starts = {str(e["SUMMARY"]): e["DTSTART"] for e in calendar.walk("VEVENT")}
    assert starts["Vorher"].params["TZID"] == "Europe/Berlin"
    assert starts["Vorher"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert starts["Nachher"].dt.utcoffset() == datetime.timedelta(hours=1)
    assert starts["Vorher"].dt.astimezone(datetime.UTC).hour == 8
    assert starts["Nachher"].dt.astimezone(datetime.UTC).hour == 9
    raw = client.get("/feeds/events.ics").content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20361025T100000" in raw
    assert "DTSTART;TZID=Europe/Berlin:20361027T100000" in raw


@pytest.mark.django_db
def test_event_page_offers_its_own_calendar_file(client, seminar):
    page = client.get(seminar.url).content.decode()
    assert f'href="/feeds/event/{seminar.pk}.ics"' in page
    response = client.get(f"/feeds/event/{seminar.pk}.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{seminar.slug}.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Seminar Fördermittel"]


@pytest.mark.django_db
def test_calendar_file_of_a_draft_event_is_not_found(client, seminar):
    seminar.unpublish()
    assert client.get(f"/feeds/event/{seminar.pk}.ics").status_code == 404
    assert client.get("/feeds/event/999999.ics").status_code == 404
