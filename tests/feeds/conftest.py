"""Fixtures for the feed tests: a clean cache, a small site with posts and events, feedparser."""

import feedparser
import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Generated feeds live in the cache; each test starts without any from earlier tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fetch_feed(client):
    """GET a feed URL, check it answered 200, return the parsed feed."""

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        return parsed

    return fetch


@pytest.fixture
def youth(db):
    return factories.TopicFactory(name="Jugend", slug="jugend")


@pytest.fixture
def poland(country_index):
    return factories.CountryPageFactory(
        parent=country_index, title="Polen", slug="polen", iso_code="PL"
    )
