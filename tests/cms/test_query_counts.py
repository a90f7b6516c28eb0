"""Listing pages cost the same number of queries with 3 posts as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.fixture
def site_with_content(home, blog_index, event_index, country_index, topic_index):
    country = factories.CountryPageFactory(parent=country_index, title="Polen", slug="polen")
    topic = factories.TopicFactory(name="Jugend", slug="jugend")
    author = factories.ContactPersonFactory()

    def add_items(count):
        for _ in range(count):
            factories.BlogPageFactory(
                parent=blog_index,
                header_image=factories.ImageFactory(),
                header_image_alt="Alt",
                topics=[topic],
                countries=[country],
                authors=[author],
            )
            factories.EventPageFactory(parent=event_index, topics=[topic], countries=[country])

    return {"country": country, "add_items": add_items}


def queries_for(client, url):
    client.get(url)  # warm caches that are filled once per process (site root paths, …)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/blog/",
        "/blog/?thema=jugend",
        "/laender/",
        "/laender/polen/",
        "/veranstaltungen/",
        "/themen/jugend/",
    ],
)
def test_query_count_does_not_grow_with_posts(client, site_with_content, url):
    site_with_content["add_items"](3)
    with_three = queries_for(client, url)
    site_with_content["add_items"](27)
    assert queries_for(client, url) == with_three
