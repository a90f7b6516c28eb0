from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mailings.subscribers.consent import Evidence
from mailings.subscribers.importing import (
    FileRejected,
    ImportOptions,
    ImportRejected,
    import_subscribers,
)
from mailings.subscribers.models import Newsletter


class Command(BaseCommand):
    help = (
        "Importiert Abonnent/innen aus einer CSV-Datei (UTF-8 oder Windows-1252, "
        "Trennzeichen ; oder ,, Spalten email und optional name)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--newsletter", required=True, metavar="SLUG")
        parser.add_argument(
            "--consent-note",
            default="",
            help="Nachweis der Einwilligung, z. B. „Teilnehmerliste 2026, "
            "schriftliche Einwilligung liegt vor“.",
        )
        parser.add_argument(
            "--send-optin",
            action="store_true",
            help="Adressen unbestätigt eintragen und die Bestätigungsmail senden.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Fehlerhafte Zeilen überspringen statt nichts zu importieren.",
        )

    def handle(self, *args, **options):
        newsletter = Newsletter.objects.filter(slug=options["newsletter"]).first()
        if newsletter is None:
            raise CommandError(f"Keinen Newsletter „{options['newsletter']}“ gefunden.")
        if not options["send_optin"] and not options["consent_note"].strip():
            raise CommandError(
                "Ohne --send-optin braucht der Import einen Nachweis der "
                'Einwilligung: --consent-note "…".'
            )
        if not options["file"].is_file():
            raise CommandError(f"Datei nicht gefunden: {options['file']}")
        self.report(self.run(options, newsletter))

    def run(self, options, newsletter):
        import_options = ImportOptions(
            newsletter=newsletter,
            consent_note=options["consent_note"].strip(),
            send_optin=options["send_optin"],
            skip_invalid=options["skip_invalid"],
            evidence=Evidence(actor="manage.py import_subscribers"),
            file_name=options["file"].name,
        )
        try:
            with options["file"].open("rb") as binary:
                return import_subscribers(binary, import_options)
        except FileRejected as error:
            raise CommandError(f"Nichts importiert. {error}") from error
        except ImportRejected as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(error)) from error

    def report(self, result):
        for problem in [*result.problems, *result.skipped]:
            self.stderr.write(f"übersprungen – {problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Importiert: {result.subscribed} abonniert, {result.pending} unbestätigt "
                f"(Bestätigungsmail folgt), {result.unchanged} unverändert, "
                f"{len(result.skipped) + len(result.problems)} übersprungen; "
                f"{result.new_subscribers} neue Adressen."
            )
        )
