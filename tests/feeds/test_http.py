"""HTTP behaviour of feeds: content types, ETag, Last-Modified, 304 and cache refresh."""

import pytest
from django.utils.http import http_date

from tests import factories
from tests.feeds.helpers import publish

CONTENT_TYPES = {
    "/feeds/blog.rss": "application/rss+xml; charset=utf-8",
    "/feeds/blog.atom": "application/atom+xml; charset=utf-8",
    "/feeds/events.rss": "application/rss+xml; charset=utf-8",
    "/feeds/newsletter.atom": "application/atom+xml; charset=utf-8",
    "/feeds/events.ics": "text/calendar; charset=utf-8",
    "/feeds/": "text/html; charset=utf-8",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "content_type"), CONTENT_TYPES.items())
def test_content_types_with_charset(client, home, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


@pytest.mark.django_db
def test_conditional_get_answers_304(client, blog_index):
    factories.BlogPageFactory(parent=blog_index)
    first = client.get("/feeds/blog.rss")
    assert first["ETag"] and first["Last-Modified"]
    by_etag = client.get("/feeds/blog.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get("/feeds/blog.rss", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert client.get("/feeds/blog.rss", HTTP_IF_NONE_MATCH='"veraltet"').status_code == 200


@pytest.mark.django_db
def test_served_from_cache_until_content_changes(client, blog_index, django_assert_num_queries):
    post = factories.BlogPageFactory(parent=blog_index, title="Alt")
    first = client.get("/feeds/blog.rss")
    with django_assert_num_queries(0):
        again = client.get("/feeds/blog.rss")
    assert again["ETag"] == first["ETag"] and again.content == first.content
    post.title = "Neu"
    publish(post)
    changed = client.get("/feeds/blog.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"<title>Neu</title>" in changed.content


@pytest.mark.django_db
def test_last_build_date_matches_last_modified(client, blog_index):
    factories.BlogPageFactory(parent=blog_index)
    response = client.get("/feeds/blog.atom")
    assert response["Last-Modified"] == http_date(_atom_updated_timestamp(response.content))


def _atom_updated_timestamp(content):
    import datetime
    import re

    updated = re.search(rb"<updated>([^<]+)</updated>", content).group(1).decode()
    return int(datetime.datetime.fromisoformat(updated).timestamp())


@pytest.mark.django_db
def test_only_get_and_head(client, home):
    assert client.head("/feeds/blog.rss").status_code == 200
    assert client.post("/feeds/blog.rss").status_code == 405
