from django.conf import settings
from django.core.management.base import BaseCommand

from mailings.subscribers.purge import purge_unconfirmed


class Command(BaseCommand):
    help = "Löscht unbestätigte Anmeldungen, die älter als die eingestellte Frist sind."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, **options):
        result = purge_unconfirmed(dry_run=dry_run)
        days = settings.SUBSCRIBERS_PURGE_UNCONFIRMED_DAYS
        verb = "Würde löschen" if dry_run else "Gelöscht"
        self.stdout.write(
            f"{verb}: {result.subscriptions} unbestätigte Anmeldungen (älter als {days} Tage), "
            f"{result.subscribers} Abonnent/innen ohne weitere Anmeldung."
        )
