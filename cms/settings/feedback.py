"""Settings of the SES feedback (mailings/feedback), read from the environment; imported by
base.py. docs/sending.md explains how the SNS topic and its subscription are set up."""

import environ

env = environ.Env()

# SNS topics whose messages the endpoint /newsletter/ses-events/ accepts, as full ARNs
# (comma-separated). Empty: every message is refused, and the log says why.
NEWSLETTER_SNS_TOPIC_ARNS = env.list("NEWSLETTER_SNS_TOPIC_ARNS", default=[])
# Soft bounces in a row (across sends, no delivery in between) that count as a hard bounce.
NEWSLETTER_SOFT_BOUNCE_LIMIT = env.int("NEWSLETTER_SOFT_BOUNCE_LIMIT", default=3)
# Days the raw SES event JSON is kept; afterwards only the recorded facts remain.
NEWSLETTER_FEEDBACK_RAW_DAYS = env.int("NEWSLETTER_FEEDBACK_RAW_DAYS", default=30)
