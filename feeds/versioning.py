"""The content version: one token in the cache that every generated feed is keyed by.

Changing the token retires every cached feed at once, so nothing has to know which feeds a
page appears in. The token lives in the shared cache (Redis in production), so a publish in
one worker process refreshes the feeds of all of them.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "feeds:content-version"


def content_version():
    """The current token; a new one if the cache lost it (then every feed is rebuilt once)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed():
    """Retire cached feeds now and again after the commit: a feed rebuilt by another request
    between the two still saw the old rows and must not outlive the transaction."""
    bump_content_version()
    transaction.on_commit(bump_content_version)
