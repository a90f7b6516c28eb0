"""Settings of the feeds app, read from the environment; imported by base.py."""

import environ

env = environ.Env()

# How many entries a feed carries (the newest posts, the soonest events).
FEEDS_MAX_ITEMS = env.int("FEEDS_MAX_ITEMS", default=50)
# Generated feeds stay in the cache until content changes; this bounds how long an event that
# has just ended keeps showing in "upcoming" feeds (nothing is published when time passes).
FEEDS_CACHE_SECONDS = env.int("FEEDS_CACHE_SECONDS", default=900)
# How long feed readers and proxies may reuse a response without asking again.
FEEDS_HTTP_MAX_AGE = env.int("FEEDS_HTTP_MAX_AGE", default=300)
# The date part of the tag: URIs that identify entries (RFC 4151). Never change it once feeds
# are public: readers would show every entry again as new.
FEEDS_TAG_DATE = env("FEEDS_TAG_DATE", default="2026")
# The authority part of those ids; empty means the host name of BASE_URL.
FEEDS_TAG_AUTHORITY = env("FEEDS_TAG_AUTHORITY", default="")
