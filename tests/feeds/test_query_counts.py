"""Building a feed costs the same number of queries for 3 entries as for 30."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.pages import LISTING_RENDITION
from tests import factories
from tests.feeds.helpers import body, image_block, paragraph

FEEDS = [
    "/feeds/blog.rss",
    "/feeds/events.atom",
    "/feeds/country/polen.rss",
    "/feeds/topic/jugend.atom",
    "/feeds/events.ics",
]


@pytest.fixture
def add_content(blog_index, event_index, youth, poland):
    picture = factories.ImageFactory()
    # Renditions are made once, on first use, like on the site; the counts compare later builds.
    picture.get_rendition(LISTING_RENDITION)
    picture.get_rendition("width-960|format-jpeg|jpegquality-80")
    author = factories.ContactPersonFactory()
    rich_body = body(
        paragraph(f'<p>Siehe <a linktype="page" id="{blog_index.pk}">Blog</a>.</p>'),
        image_block(picture, "Ein Bild"),
        ("quote", {"text": "Zitat", "attribution": "Sie"}),
    )
    related = {"topics": [youth], "countries": [poland]}

    def add(count):
        for _ in range(count):
            factories.BlogPageFactory(
                parent=blog_index,
                body=rich_body,
                header_image=picture,
                header_image_alt="Titelbild",
                authors=[author],
                **related,
            )
            factories.EventPageFactory(
                parent=event_index, body=rich_body, header_image=picture, **related
            )

    return add


def queries_for(client, url):
    cache.clear()  # measure a real build, not a cache hit
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_queries_do_not_grow_with_entries(client, add_content, url):
    add_content(3)
    queries_for(client, url)  # the first build also stores the default site settings
    with_three = queries_for(client, url)
    add_content(27)
    assert queries_for(client, url) == with_three
    assert with_three < 35  # a small constant: lookups per list, never per entry
