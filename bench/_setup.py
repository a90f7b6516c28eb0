"""Shared start-up for bench scripts: a throwaway database, Django set up, tasks deferred."""

import atexit
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    """Point Django at a fresh SQLite file (or DATABASE_URL if given) and migrate it."""
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        database = ROOT / "var" / "bench" / f"bench-{os.getpid()}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        atexit.register(database.unlink, missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django
    from django.conf import settings

    django.setup()
    # Search indexing per saved page would dominate seeding; it is not what we measure.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_ms(samples):
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000
