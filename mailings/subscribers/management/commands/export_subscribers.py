from django.core.management.base import BaseCommand, CommandError

from mailings.subscribers.exporting import write_csv
from mailings.subscribers.models import Newsletter, Subscription


class Command(BaseCommand):
    help = (
        "Gibt die Abonnements als CSV aus: Adresse, Name, Newsletter, Status, "
        "Anmeldung (Zeit, IP), Bestätigung (Zeit, IP), Herkunft."
    )

    def add_arguments(self, parser):
        parser.add_argument("--newsletter", metavar="SLUG", help="Nur diesen Newsletter.")

    def handle(self, *args, newsletter=None, **options):
        subscriptions = Subscription.objects.all()
        if newsletter:
            if not Newsletter.objects.filter(slug=newsletter).exists():
                raise CommandError(f"Keinen Newsletter mit dem Kurznamen „{newsletter}“ gefunden.")
            subscriptions = subscriptions.filter(newsletter__slug=newsletter)
        write_csv(self.stdout, subscriptions)
