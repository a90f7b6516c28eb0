"""Settings of the subscribers app, read from the environment; imported by base.py."""

import environ

env = environ.Env()

# Double opt-in: how long a confirmation link is valid.
SUBSCRIBERS_CONFIRM_HOURS = env.int("SUBSCRIBERS_CONFIRM_HOURS", default=48)
# Pending signups older than this are deleted by `manage.py purge_unconfirmed`.
SUBSCRIBERS_PURGE_UNCONFIRMED_DAYS = env.int("SUBSCRIBERS_PURGE_UNCONFIRMED_DAYS", default=7)
# Abuse limits: signup POSTs per minute per IP, confirmation mails per address per 24 hours.
SUBSCRIBERS_SIGNUPS_PER_MINUTE = env.int("SUBSCRIBERS_SIGNUPS_PER_MINUTE", default=5)
SUBSCRIBERS_OPTIN_MAILS_PER_DAY = env.int("SUBSCRIBERS_OPTIN_MAILS_PER_DAY", default=3)
# Mixed into the address hashes of the suppression list; never change it once in use.
SUBSCRIBERS_HASH_PEPPER = env("SUBSCRIBERS_HASH_PEPPER", default="")
# Name of the group whose members (and superusers) see subscribers' personal data.
SUBSCRIBERS_MANAGERS_GROUP = "Newsletter managers"
