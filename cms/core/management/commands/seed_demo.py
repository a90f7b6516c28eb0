"""Build the demo site a newcomer sees first.

Why: a newsletter and publishing system is hard to judge empty. This fills the CMS with a
realistic German network office (seven focus countries, six topics, posts over two quarters,
past and upcoming events, newsletters) so every page, feed and mail has something to show.
It is idempotent: everything is looked up before it is created, so a second run changes
nothing. It runs in one transaction: a failure leaves the database as it was.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "partnerpost-demo"  # noqa: S105 - a demo account, announced on stdout

# Each app that has demo data contributes one seeder; they run in this order.
SEEDERS = [
    "cms.core.demo.content.seed_content",
    "mailings.subscribers.demo.seed",
    "mailings.issues.demo.seed",
]


class Command(BaseCommand):
    help = "Legt Demo-Inhalte und ein Demo-Konto an (wiederholbar, ändert beim zweiten Mal nichts)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)()
            created = self.ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind angelegt."))
        if created:
            self.stdout.write("Demo-Konto angelegt.")
        self.stdout.write(
            f"Anmeldung unter /admin/ mit Benutzername „{DEMO_USERNAME}“ "
            f"und Passwort „{DEMO_PASSWORD}“ (nur für die Demo)."
        )

    def ensure_demo_admin(self):
        users = get_user_model().objects
        if users.filter(username=DEMO_USERNAME).exists():
            return False
        users.create_superuser(DEMO_USERNAME, "admin@netzwerkbuero.example", DEMO_PASSWORD)
        return True
