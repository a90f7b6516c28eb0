"""Settings of the issues app, read from the environment; imported by base.py."""

import environ

env = environ.Env()

# Gmail clips mails whose HTML is larger than about 102 KB and hides the rest, footer included.
NEWSLETTER_MAX_HTML_BYTES = env.int("NEWSLETTER_MAX_HTML_BYTES", default=100 * 1024)
