"""Settings of the send pipeline (mailings/sending), read from the environment; imported by
base.py. docs/sending.md explains each in context."""

import environ

env = environ.Env()

# ses, django, memory (tests) or the dotted path of a backend class.
NEWSLETTER_SENDING_BACKEND = env("NEWSLETTER_SENDING_BACKEND", default="django")
# SES configuration set whose event publishing feeds bounces and complaints back (issue 9).
NEWSLETTER_SES_CONFIGURATION_SET = env("NEWSLETTER_SES_CONFIGURATION_SET", default="")
# Messages per second: unset means the SES account's MaxSendRate times the share below.
NEWSLETTER_SEND_RATE = env.float("NEWSLETTER_SEND_RATE", default=None)
NEWSLETTER_SEND_RATE_SHARE = env.float("NEWSLETTER_SEND_RATE_SHARE", default=0.9)
# Redis for the send-rate limiter shared by all workers; empty: the database holds it.
NEWSLETTER_RATE_REDIS_URL = env("NEWSLETTER_RATE_REDIS_URL", default="")
# Worker tasks started per send, and requests in flight per worker process.
NEWSLETTER_SEND_WORKERS = env.int("NEWSLETTER_SEND_WORKERS", default=2)
NEWSLETTER_SEND_CONCURRENCY = env.int("NEWSLETTER_SEND_CONCURRENCY", default=32)
# How long a worker owns the deliveries it claimed; a dead worker's rows return after this.
NEWSLETTER_LEASE_SECONDS = env.int("NEWSLETTER_LEASE_SECONDS", default=60)
# Attempts per delivery while the provider says "later" (throttling, 5xx) before it fails.
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=10)
# Permanent rejections in a row that pause a send (a broken configuration, not bad addresses).
NEWSLETTER_MAX_FAILURES_IN_A_ROW = env.int("NEWSLETTER_MAX_FAILURES_IN_A_ROW", default=50)
# A scheduled send the clock finds later than this is not sent but marked overdue.
NEWSLETTER_LATE_SEND_MINUTES = env.int("NEWSLETTER_LATE_SEND_MINUTES", default=60)
# Seconds between two passes of `manage.py newsletter_clock`.
NEWSLETTER_CLOCK_SECONDS = env.int("NEWSLETTER_CLOCK_SECONDS", default=5)
# Who hears about finished, failed, paused and overdue sends; empty: the Newsletter managers.
NEWSLETTER_STAFF_EMAILS = env.list("NEWSLETTER_STAFF_EMAILS", default=[])
