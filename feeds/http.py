"""Cached feed responses with ETag, Last-Modified and 304 Not Modified.

A feed is built once per content version (see versioning.py) and day, then served from the
cache; the ETag is a hash of the stored bytes, so it only changes when the feed does.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from .versioning import content_version


@dataclass(frozen=True)
class BuiltFeed:
    body: bytes
    etag: str
    built_at: datetime.datetime

    @property
    def last_modified(self):
        return int(self.built_at.timestamp())


def cache_key(name):
    # The day is part of the key: at midnight posts dated today become visible.
    return f"feeds:{content_version()}:{timezone.localdate().isoformat()}:{name}"


def cached_feed(name, build):
    """The stored feed `name`, built with build(built_at) when the cache has none."""
    key = cache_key(name)
    feed = cache.get(key)
    if feed is None:
        built_at = timezone.localtime().replace(microsecond=0)  # HTTP dates have seconds
        body = build(built_at)
        feed = BuiltFeed(body, quote_etag(hashlib.sha256(body).hexdigest()[:32]), built_at)
        cache.set(key, feed, timeout=settings.FEEDS_CACHE_SECONDS)
    return feed


def feed_response(request, name, build, content_type, filename=None):
    """200 with the feed, or 304 when the reader's copy is still current."""
    feed = cached_feed(name, build)
    response = HttpResponse(feed.body, content_type=content_type)
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(feed.last_modified)
    patch_cache_control(response, public=True, max_age=settings.FEEDS_HTTP_MAX_AGE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return get_conditional_response(
        request, etag=feed.etag, last_modified=feed.last_modified, response=response
    )
