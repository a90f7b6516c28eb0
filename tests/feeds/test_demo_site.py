"""On the demo site every feed answers, and every country and topic has entries."""

import icalendar
import pytest
from django.core.management import call_command

from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic

SITE_FEEDS = [
    "/feeds/blog.rss",
    "/feeds/blog.atom",
    "/feeds/events.rss",
    "/feeds/events.atom",
    "/feeds/newsletter.rss",
    "/feeds/newsletter.atom",
]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", verbosity=0)


@pytest.mark.django_db
def test_demo_site_feeds_are_valid(client, fetch_feed, demo_site):
    for url in SITE_FEEDS:
        feed = fetch_feed(url)
        assert feed.version in {"rss20", "atom10"}, url
    assert fetch_feed("/feeds/blog.rss").entries
    assert fetch_feed("/feeds/events.atom").entries
    calendar = icalendar.Calendar.from_ical(client.get("/feeds/events.ics").content)
    assert calendar.walk("VEVENT")
    assert client.get("/feeds/").status_code == 200


@pytest.mark.django_db
def test_every_demo_country_and_topic_has_a_non_empty_feed(fetch_feed, demo_site):
    countries = CountryPage.objects.live().values_list("slug", flat=True)
    topics = Topic.objects.values_list("slug", flat=True)
    assert countries and topics
    for slug in countries:
        assert fetch_feed(f"/feeds/country/{slug}.rss").entries, slug
    for slug in topics:
        assert fetch_feed(f"/feeds/topic/{slug}.atom").entries, slug
