"""Run the development server together with the task worker and the send clock.

Why: Wagtail 8 updates its search index and reference index in django-tasks tasks, and
Partnerpost sends its mails from tasks too. With the embedded database task backend nothing
happens until a worker runs, so a newcomer would see no search results and get no mails.
Scheduled newsletter sends and scheduled pages need `newsletter_clock`, whatever the task
backend. This starts both beside `runserver` and stops them again when the server ends.
"""

import logging
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Startet den Entwicklungsserver, den Taktgeber und den Hintergrund-Worker."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        # Stopped by SIGTERM (an IDE's stop button), still stop the helpers in `finally`.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        helpers = self.start_helpers()
        try:
            call_command("runserver", options["addrport"])
        finally:
            self.stop_helpers(helpers)

    def start_helpers(self):
        # The autoreloader re-runs this command in a child process (RUN_MAIN is set there);
        # only the outer process starts helpers, so there is exactly one of each.
        if os.environ.get("RUN_MAIN"):
            return []
        helpers = [self.start("newsletter_clock", label="Taktgeber")]
        if self.uses_database_tasks():
            helpers.append(self.start("db_worker", "--queue-name", "*", label="Hintergrund-Worker"))
        return helpers

    def start(self, *command, label):
        self.stdout.write(f"{label} gestartet ({command[0]}).")
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=settings.BASE_DIR
        )

    def stop_helpers(self, helpers):
        for helper in helpers:
            helper.terminate()
        for helper in helpers:
            try:
                helper.wait(timeout=10)
            except subprocess.TimeoutExpired:  # e.g. a task that does not end: leave no orphan
                helper.kill()

    def uses_database_tasks(self):
        return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")
