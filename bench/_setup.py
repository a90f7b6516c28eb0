"""Shared start-up for bench scripts: a throwaway database, Django set up, tasks deferred."""

import os
import sys
import tempfile
from pathlib import Path


def setup_django():
    """Point Django at a fresh SQLite file (or DATABASE_URL if given) and migrate it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="partnerpost-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
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
