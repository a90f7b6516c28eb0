"""Per-country and per-topic feeds: only their own posts and events; 404 for unknown slugs."""

import pytest
from django.conf import settings

from tests import factories


@pytest.fixture
def mixed_content(blog_index, event_index, poland, youth, country_index):
    hungary = factories.CountryPageFactory(
        parent=country_index, title="Ungarn", slug="ungarn", iso_code="HU"
    )
    factories.BlogPageFactory(
        parent=blog_index, title="Polen und Jugend", countries=[poland], topics=[youth]
    )
    factories.BlogPageFactory(parent=blog_index, title="Nur Ungarn", countries=[hungary])
    factories.EventPageFactory(parent=event_index, title="Treffen Polen", countries=[poland])
    factories.EventPageFactory(parent=event_index, title="Treffen Jugend", topics=[youth])


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_country_feed_has_posts_and_events_of_that_country(
    fetch_feed, mixed_content, poland, extension
):
    feed = fetch_feed(f"/feeds/country/polen.{extension}")
    assert feed.feed.title == "Partnerpost: Polen"
    assert feed.feed.link == settings.BASE_URL + poland.url
    assert sorted(e.title for e in feed.entries) == ["Polen und Jugend", "Treffen Polen"]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_topic_feed_has_posts_and_events_of_that_topic(
    fetch_feed, mixed_content, topic_index, extension
):
    feed = fetch_feed(f"/feeds/topic/jugend.{extension}")
    assert feed.feed.title == "Partnerpost: Jugend"
    assert feed.feed.link == settings.BASE_URL + "/themen/jugend/"
    assert sorted(e.title for e in feed.entries) == ["Polen und Jugend", "Treffen Jugend"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/feeds/country/atlantis.rss",
        "/feeds/country/atlantis.atom",
        "/feeds/topic/gibt-es-nicht.rss",
        "/feeds/topic/gibt-es-nicht.atom",
        "/feeds/blog.json",
        "/feeds/country/polen.xml",
    ],
)
def test_unknown_feeds_answer_404(client, poland, youth, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_unpublished_country_has_no_feed(client, poland):
    poland.unpublish()
    assert client.get("/feeds/country/polen.rss").status_code == 404
