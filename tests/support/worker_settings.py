"""Settings of a real `manage.py db_worker` that a test starts in a subprocess: the test
settings with the database task backend and the slow file sending backend. The test passes
the database and the outbox file through the environment."""

import os

from cms.settings.test import *  # noqa: F403
from cms.settings.test import MEDIA_ROOT, env

os.rmdir(MEDIA_ROOT)  # the test settings made an empty folder; this worker stores nothing
MEDIA_ROOT = env("SLOW_SENDING_MEDIA_ROOT", default=MEDIA_ROOT)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NEWSLETTER_SENDING_BACKEND = "tests.support.slow_sending.SlowFileBackend"
SLOW_SENDING_OUTBOX = env("SLOW_SENDING_OUTBOX")
SLOW_SENDING_SECONDS = env.float("SLOW_SENDING_SECONDS", default=0.01)
SLOW_SENDING_STALL_AFTER = env.int("SLOW_SENDING_STALL_AFTER", default=0)
