from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mailings.issues.forms import parse_addresses
from mailings.issues.lookup import find_issue
from mailings.issues.testsend import send_test


class Command(BaseCommand):
    help = (
        "Schickt eine Newsletter-Ausgabe als Test („[TEST]“ im Betreff) an eine oder "
        "mehrere Adressen."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", help="ID oder Kurzname (slug) der Ausgabe")
        parser.add_argument(
            "--to",
            action="append",
            required=True,
            dest="to",
            metavar="ADRESSE",
            help="Empfängeradresse (mehrfach möglich)",
        )

    def handle(self, *args, **options):
        issue = find_issue(options["issue"])
        try:
            addresses = parse_addresses(",".join(options["to"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.report(send_test(issue, addresses))

    def report(self, results):
        """Each refusal on stderr; a non-zero exit when no address took the mail."""
        for result in results:
            if not result.accepted:
                self.stderr.write(result.refusal())
        sent = sum(result.accepted for result in results)
        if not sent:
            raise CommandError(_("Testversand: keine E-Mail verschickt."))
        message = ngettext(
            "Testversand: %(count)d E-Mail verschickt.",
            "Testversand: %(count)d E-Mails verschickt.",
            sent,
        ) % {"count": sent}
        self.stdout.write(self.style.SUCCESS(message))
