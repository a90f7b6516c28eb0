"""Pre-filling a new issue picks exactly the posts, events and countries around its dates."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from cms.countries.models import CountryPage
from mailings.issues.assemble import (
    assemble_sections,
    changed_countries,
    events_open_for_registration,
    new_posts,
)
from mailings.subscribers.models import Newsletter
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def at(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def post_on(blog_index, day, title):
    return factories.BlogPageFactory(parent=blog_index, title=title, date=day)


@pytest.fixture
def issue(make_issue):
    # Issue for Q4 2026, planned for Tuesday 6 October 2026 (sent at 9:00).
    return make_issue(live=False)


def titles(pages):
    return [page.title for page in pages]


def test_without_a_sent_issue_posts_start_with_the_quarter(issue, blog_index):
    for day, title in [
        (datetime.date(2026, 9, 30), "Ende Q3"),
        (datetime.date(2026, 10, 1), "Anfang Q4"),
        (datetime.date(2026, 10, 6), "Versandtag"),
        (datetime.date(2026, 10, 7), "Nach dem Versand"),
    ]:
        post_on(blog_index, day, title)
    assert titles(new_posts(issue)) == ["Versandtag", "Anfang Q4"]


def test_posts_since_the_last_sent_issue_of_the_same_newsletter(issue, make_issue, blog_index):
    make_issue(
        slug="q3",
        period="2026-Q3",
        planned_send_date=datetime.date(2026, 7, 3),
        sent_at=at(2026, 7, 3, 9),
    )
    other = Newsletter.objects.create(name="Jugend", slug="jugend")
    make_issue(slug="jugend", newsletter=other, sent_at=at(2026, 9, 1, 9))
    for day, title in [
        (datetime.date(2026, 7, 3), "Am letzten Versandtag"),
        (datetime.date(2026, 7, 4), "Tag danach"),
        (datetime.date(2026, 9, 30), "Ende Q3"),
    ]:
        post_on(blog_index, day, title)
    assert titles(new_posts(issue)) == ["Ende Q3", "Tag danach"]


def test_events_with_registration_open_at_the_planned_send_moment(issue, event_index):
    def event(title, start, deadline=None, time_zone="Europe/Berlin"):
        return factories.EventPageFactory(
            parent=event_index,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            registration_deadline=deadline,
            time_zone=time_zone,
        )

    event("Frist gestern", at(2026, 10, 20, 10), datetime.date(2026, 10, 5))
    event("Frist am Versandtag", at(2026, 10, 21, 10), datetime.date(2026, 10, 6))
    event("Beginnt vor dem Versand", at(2026, 10, 6, 8))
    event("Beginnt nach dem Versand", at(2026, 10, 6, 10))
    event("Im nächsten Quartal", at(2027, 1, 15, 10), datetime.date(2027, 1, 10))
    event(
        "New York, Frist gestern Ortszeit",
        at(2026, 10, 22, 18),
        datetime.date(2026, 10, 5),
        time_zone="America/New_York",
    )
    assert titles(events_open_for_registration(issue)) == [
        "Beginnt nach dem Versand",
        "Frist am Versandtag",
        "Im nächsten Quartal",
    ]


def test_country_pages_changed_in_the_quarter(issue, country_index):
    for title, published in [
        ("Vorher", at(2026, 9, 30, 23, 30)),
        ("Erster Tag", at(2026, 10, 1, 0, 10)),
        ("Letzter Tag", at(2026, 12, 31, 23, 50)),
        ("Nachher", at(2027, 1, 1, 0, 0)),
    ]:
        page = factories.CountryPageFactory(parent=country_index, title=title)
        CountryPage.objects.filter(pk=page.pk).update(last_published_at=published)
    assert titles(changed_countries(issue)) == ["Erster Tag", "Letzter Tag"]


def test_assembled_sections_hold_the_picks_and_skip_empty_ones(issue, blog_index, event_index):
    post = post_on(blog_index, datetime.date(2026, 10, 2), "Neu")
    event = factories.EventPageFactory(
        parent=event_index, start=at(2026, 11, 3, 10), end=at(2026, 11, 3, 12)
    )
    sections = json.loads(assemble_sections(issue))
    assert [section["type"] for section in sections] == ["featured_posts", "events"]
    assert sections[0]["value"]["posts"] == [post.pk]
    assert sections[1]["value"]["events"] == [event.pk]
