"""Real worker processes for tests and bench scripts: `manage.py db_worker` (and any other
command) running with the development settings and the database task backend.

The processes need a database they share with their starter: tests get its DATABASE_URL from
tests.support.shared_db.shared_database (on SQLite a file copy of the in-memory test
database), bench scripts use their PostgreSQL database. Output goes to log files whose tails
are shown when a wait runs out.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

# Variables of the developer's shell that would change what the processes do.
INHERITED_PREFIXES = ("NEWSLETTER_", "AWS_", "OUTBOX_BACKEND_")
INHERITED_NAMES = {"DATABASE_URL", "CACHE_URL", "TASKS_BACKEND", "EMAIL_BACKEND", "DEBUG"}


def environment(database_url, **overrides):
    """The environment of every process: development settings, database tasks, the given
    database; `overrides` (None removes a variable) on top."""
    base = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(INHERITED_PREFIXES) and name not in INHERITED_NAMES
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": database_url,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "NEWSLETTER_STAFF_EMAILS": "redaktion@netzwerk.example",
        }
    )
    for name, value in overrides.items():
        if value is None:
            base.pop(name, None)
        else:
            base[name] = str(value)
    return base


class Processes:
    """The processes one test started; stop_all() ends each of them by its own pid."""

    def __init__(self, folder, env):
        self.folder, self.env = Path(folder), env
        self.started = []

    def start(self, name, *args):
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 -- our own manage.py, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.name, process.log_path = name, log.name
        log.close()
        self.started.append(process)
        return process

    def start_worker(self, name):
        return self.start(
            name, "db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay"
        )

    def by_pid(self, pid):
        matches = [p for p in self.started if p.pid == pid and p.poll() is None]
        assert matches, f"Prozess {pid} gehört nicht zu diesem Test oder lebt nicht mehr."
        return matches[0]

    def kill(self, process):
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.started:
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def logs(self, lines=15):
        parts = []
        for process in self.started:
            tail = Path(process.log_path).read_text(errors="replace").splitlines()[-lines:]
            parts.append(
                f"--- {process.name} (pid {process.pid}, Ende {process.poll()})\n" + "\n".join(tail)
            )
        return "\n".join(parts)


def wait_for(condition, timeout, what, details=lambda: ""):
    """Poll `condition` until it returns something truthy; fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Nach {timeout} s nicht eingetreten: {what}\n{details()}")
        time.sleep(0.1)
