"""The embedded default: server, task worker and clock write to one SQLite file at once, and
none of them fails with "database is locked" (cms/settings/base.py configures SQLite for it).

This runs real processes on a real SQLite file with the development settings, whatever
database the rest of the test run uses: the in-memory test database cannot show file locking.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time

from django.conf import settings

PROCESSES = 3
TRANSACTIONS_PER_PROCESS = 200

# Each process waits at a barrier so that all of them write at the same time, then runs
# short transactions that read before they write, as a sign-up (is the address known?),
# a worker (which rows are mine?) and the clock (which sends are due?) do. It reports every
# failed transaction instead of stopping at the first one.
WRITER = """
import json, os, sys, time
import django
django.setup()
from django.contrib.auth.models import Group
from django.db import OperationalError, transaction

role, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
open(os.path.join(folder, "ready-" + role), "w").close()
while not os.path.exists(os.path.join(folder, "go")):
    time.sleep(0.01)
errors = []
for number in range(count):
    try:
        with transaction.atomic():
            Group.objects.filter(name__startswith=role).count()
            Group.objects.create(name=f"{role}-{number}")
    except OperationalError as error:
        errors.append(str(error))
sys.stdout.write(json.dumps(errors))
"""


def sqlite_environment(database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def migrate(environment):
    # Only the tables the writers use: a full migrate of every app takes far longer.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "auth", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        timeout=60,
    )


def start_writers(environment, folder):
    return [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", WRITER, role, str(folder), str(TRANSACTIONS_PER_PROCESS)],
            cwd=settings.BASE_DIR,
            env=environment,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for role in ("signup", "worker", "clock")[:PROCESSES]
    ]


def release_when_ready(folder, timeout=60):
    deadline = time.monotonic() + timeout
    while len(list(folder.glob("ready-*"))) < PROCESSES:
        assert time.monotonic() < deadline, "Die Schreibprozesse sind nicht gestartet."
        time.sleep(0.05)
    (folder / "go").touch()


def failed_transactions(writer):
    stdout, stderr = writer.communicate(timeout=60)
    assert writer.returncode == 0, stderr
    return json.loads(stdout)


def rows_written(database):
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM auth_group").fetchone()[0]


def test_three_processes_write_to_one_sqlite_file_without_lock_errors(tmp_path):
    database = tmp_path / "db.sqlite3"
    environment = sqlite_environment(database)
    writers = start_writers(environment, tmp_path)  # they start up while the tables are made
    try:
        migrate(environment)
        release_when_ready(tmp_path)
        errors = [error for writer in writers for error in failed_transactions(writer)]
    finally:
        for writer in writers:
            writer.kill()  # only matters when a writer hangs; the others have ended
    assert errors == [], f"{len(errors)} Transaktionen gescheitert, z. B. {errors[0]!r}"
    assert rows_written(database) == PROCESSES * TRANSACTIONS_PER_PROCESS
