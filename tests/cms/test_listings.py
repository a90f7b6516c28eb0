"""Listings show the right items: blog filters, upcoming events first, the archive."""

import datetime

import pytest

from tests import factories


@pytest.fixture
def tagged_posts(blog_index, country_index):
    youth = factories.TopicFactory(name="Jugend", slug="jugend")
    digital = factories.TopicFactory(name="Digitalisierung", slug="digitalisierung")
    poland = factories.CountryPageFactory(parent=country_index, title="Polen", slug="polen")
    usa = factories.CountryPageFactory(parent=country_index, title="USA", slug="usa")
    make = factories.BlogPageFactory
    return {
        "youth_poland_2026": make(
            parent=blog_index,
            title="Jugend in Polen",
            topics=[youth],
            countries=[poland],
            date=datetime.date(2026, 5, 1),
        ),
        "digital_usa_2025": make(
            parent=blog_index,
            title="Digital in den USA",
            topics=[digital],
            countries=[usa],
            date=datetime.date(2025, 10, 1),
        ),
        "youth_usa_2025": make(
            parent=blog_index,
            title="Jugend in den USA",
            topics=[youth],
            countries=[usa],
            date=datetime.date(2025, 3, 1),
        ),
    }


def titles(response):
    return [post.title for post in response.context["posts"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Jugend in Polen", "Digital in den USA", "Jugend in den USA"]),
        ("?thema=jugend", ["Jugend in Polen", "Jugend in den USA"]),
        ("?land=usa", ["Digital in den USA", "Jugend in den USA"]),
        ("?jahr=2025", ["Digital in den USA", "Jugend in den USA"]),
        ("?thema=jugend&land=usa&jahr=2025", ["Jugend in den USA"]),
        ("?thema=gibt-es-nicht", []),
        ("?jahr=abc", ["Jugend in Polen", "Digital in den USA", "Jugend in den USA"]),
    ],
)
def test_blog_index_filters(client, blog_index, tagged_posts, query, expected):
    response = client.get(blog_index.url + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.django_db
def test_blog_pagination_keeps_the_filters(client, blog_index):
    youth = factories.TopicFactory(name="Jugend", slug="jugend")
    for _ in range(12):
        factories.BlogPageFactory(parent=blog_index, topics=[youth])
    html = client.get(blog_index.url + "?thema=jugend").content.decode()
    assert "?thema=jugend&amp;seite=2" in html
    assert len(client.get(blog_index.url + "?thema=jugend&seite=2").context["posts"]) == 2


@pytest.mark.django_db
def test_drafts_do_not_appear_in_listings(client, blog_index):
    factories.BlogPageFactory(parent=blog_index, title="Entwurf", live=False)
    assert "Entwurf" not in client.get(blog_index.url).content.decode()


@pytest.mark.django_db
def test_event_index_lists_upcoming_soonest_first_and_past_in_the_archive(client, event_index):
    make, in_days = factories.EventPageFactory, factories.in_days
    later = make(parent=event_index, title="Später", start=in_days(30))
    sooner = make(parent=event_index, title="Bald", start=in_days(3))
    past = make(parent=event_index, title="Vorbei", start=in_days(-3))
    upcoming = list(client.get(event_index.url).context["events"])
    archive = list(client.get(event_index.url + "archiv/").context["events"])
    assert [e.pk for e in upcoming] == [sooner.pk, later.pk]
    assert [e.pk for e in archive] == [past.pk]


@pytest.mark.django_db
def test_country_page_lists_its_posts_and_events(client, blog_index, event_index, country_index):
    poland = factories.CountryPageFactory(parent=country_index, title="Polen", slug="polen")
    other = factories.CountryPageFactory(parent=country_index, title="Ungarn", slug="ungarn")
    factories.BlogPageFactory(parent=blog_index, title="Gdynia-Bericht", countries=[poland])
    factories.BlogPageFactory(parent=blog_index, title="Budapest-Bericht", countries=[other])
    factories.EventPageFactory(parent=event_index, title="Runder Tisch Polen", countries=[poland])
    html = client.get(poland.url).content.decode()
    assert "Gdynia-Bericht" in html and "Runder Tisch Polen" in html
    assert "Budapest-Bericht" not in html


@pytest.mark.django_db
def test_topic_page_lists_posts_and_events_of_the_topic(
    client, topic_index, blog_index, event_index
):
    youth = factories.TopicFactory(name="Jugend", slug="jugend")
    factories.BlogPageFactory(parent=blog_index, title="Jugendaustausch", topics=[youth])
    factories.BlogPageFactory(parent=blog_index, title="Klimapartnerschaft")
    factories.EventPageFactory(parent=event_index, title="Jugendforum", topics=[youth])
    html = client.get("/themen/jugend/").content.decode()
    assert "Jugendaustausch" in html and "Jugendforum" in html
    assert "Klimapartnerschaft" not in html
