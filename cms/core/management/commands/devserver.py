"""Run the development server together with a background task worker.

Why: Wagtail 8 updates its search index and reference index in django-tasks tasks, and
Partnerpost sends its mails from tasks too. With the embedded database task backend nothing
happens until a worker runs, so a newcomer would see no search results and get no mails.
This starts `db_worker` beside `runserver` and stops it again when the server ends.
"""

import logging
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Startet den Entwicklungsserver und den Hintergrund-Worker für Aufgaben."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        worker = self.start_worker()
        try:
            call_command("runserver", options["addrport"])
        finally:
            if worker:
                worker.terminate()
                worker.wait(timeout=10)

    def start_worker(self):
        # The autoreloader re-runs this command in a child process (RUN_MAIN is set there);
        # only the outer process starts a worker, so there is exactly one.
        if os.environ.get("RUN_MAIN") or not self.uses_database_tasks():
            return None
        command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
        self.stdout.write("Hintergrund-Worker gestartet (db_worker).")
        return subprocess.Popen(command, cwd=settings.BASE_DIR)  # noqa: S603

    def uses_database_tasks(self):
        return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")
