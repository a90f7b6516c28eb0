"""A database that the test and a worker subprocess both see.

Tests that start a real worker need committed data in a database another process can open:
- PostgreSQL: the test database itself (the test uses `transactional_db`, which empties it
  afterwards).
- SQLite: the test database lives in memory, so it is copied (schema and all, in
  milliseconds, instead of migrating a new one for 20 s) into a file, and the test's default
  connection points at that file until the test ends.
"""

import contextlib
import sqlite3
from urllib.parse import quote

from django.db import connection, connections


def postgres_url(settings_dict):
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


@contextlib.contextmanager
def sqlite_file_copy(path):
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")  # the worker writes while the test reads
    original = connections["default"]
    copy = original.__class__({**original.settings_dict, "NAME": str(path)}, "default")
    connections["default"] = copy
    try:
        yield f"sqlite:///{path}"
    finally:
        copy.close()
        connections["default"] = original


@contextlib.contextmanager
def shared_database(tmp_path):
    """Yields the DATABASE_URL for subprocesses; the test's ORM calls go to the same data."""
    if connection.vendor == "postgresql":
        yield postgres_url(connection.settings_dict)
    elif connection.vendor == "sqlite":
        with sqlite_file_copy(tmp_path / "shared.sqlite3") as url:
            yield url
    else:
        raise NotImplementedError(connection.vendor)
