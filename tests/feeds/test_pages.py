"""The /feeds/ overview page and the autodiscovery links in every page's head."""

import re

import pytest
from django.conf import settings

from tests import factories


def alternate_links(html):
    head = html.split("</head>", 1)[0]
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', head)


@pytest.mark.django_db
def test_overview_lists_every_feed_to_copy(client, poland, youth, topic_index):
    html = client.get("/feeds/").content.decode()
    assert "<h1>Feeds und Kalender</h1>" in html
    for path in [
        "blog.rss",
        "blog.atom",
        "events.rss",
        "events.atom",
        "events.ics",
        "newsletter.rss",
        "newsletter.atom",
        "country/polen.rss",
        "country/polen.atom",
        "topic/jugend.rss",
        "topic/jugend.atom",
    ]:
        assert f"<code>{settings.BASE_URL}/feeds/{path}</code>" in html, path


@pytest.mark.django_db
def test_every_page_announces_the_site_feeds(client, home):
    links = alternate_links(client.get(home.url).content.decode())
    assert ("application/rss+xml", "Blog (RSS)", f"{settings.BASE_URL}/feeds/blog.rss") in links
    assert ("application/atom+xml", "Blog (Atom)", f"{settings.BASE_URL}/feeds/blog.atom") in links
    assert {href.rsplit("/", 1)[-1] for _, _, href in links} == {
        "blog.rss",
        "blog.atom",
        "events.rss",
        "newsletter.rss",
    }


@pytest.mark.django_db
def test_non_page_views_announce_the_site_feeds_too(client, home):
    links = alternate_links(client.get("/suche/").content.decode())
    assert len(links) == 4


@pytest.mark.django_db
def test_country_page_announces_its_own_feed(client, poland):
    links = alternate_links(client.get(poland.url).content.decode())
    assert (
        "application/rss+xml",
        "Polen (RSS)",
        f"{settings.BASE_URL}/feeds/country/polen.rss",
    ) in links
    assert (
        "application/atom+xml",
        "Polen (Atom)",
        f"{settings.BASE_URL}/feeds/country/polen.atom",
    ) in links


@pytest.mark.django_db
def test_topic_page_announces_its_own_feed(client, topic_index, youth):
    links = alternate_links(client.get("/themen/jugend/").content.decode())
    assert (
        "application/rss+xml",
        "Jugend (RSS)",
        f"{settings.BASE_URL}/feeds/topic/jugend.rss",
    ) in links


@pytest.mark.django_db
def test_autodiscovered_feeds_answer(client, poland, blog_index):
    factories.BlogPageFactory(parent=blog_index, countries=[poland])
    for _, _, href in alternate_links(client.get(poland.url).content.decode()):
        assert client.get(href.removeprefix(settings.BASE_URL)).status_code == 200, href
