"""Where the latest send of an issue stands: counts by state, rate, ETA, uncertain ids.

Why: staff and monitoring need the figures without the admin; --json is for scripts.
"""

import json

from django.core.management.base import BaseCommand

from mailings.sending.commands import issue_page, latest_send
from mailings.sending.status import send_status

LABELS = [
    ("total", "Empfänger"),
    ("sent", "Versendet"),
    ("queued", "Wartend"),
    ("sending", "In Übergabe"),
    ("failed", "Fehlgeschlagen"),
    ("uncertain", "Ungewiss"),
    ("skipped", "Übersprungen"),
    ("rate_per_s", "Nachrichten/s"),
    ("eta_s", "Restzeit (s)"),
    ("started_at", "Begonnen"),
    ("finished_at", "Beendet"),
]


class Command(BaseCommand):
    help = "Zeigt den Stand des letzten Versands einer Newsletter-Ausgabe."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="Kurzname oder ID der Ausgabe")
        parser.add_argument("--json", action="store_true", help="Ausgabe als JSON")

    def handle(self, *args, **options):
        status = send_status(latest_send(issue_page(options["issue"])).pk)
        if options["json"]:
            self.stdout.write(json.dumps(status, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{status['issue']}: {status['state_label']}")
        if status["reason"]:
            self.stdout.write(f"  {status['reason']}")
        for key, label in LABELS:
            self.stdout.write(f"  {label}: {status[key] if status[key] is not None else '–'}")
        if status["uncertain_ids"]:
            ids = ", ".join(map(str, status["uncertain_ids"]))
            self.stdout.write(f"  Ungewisse Zustellungen (IDs): {ids}")
