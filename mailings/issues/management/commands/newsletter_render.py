from django.core.management.base import BaseCommand

from mailings.issues.lookup import find_issue
from mailings.issues.message import MessageFactory, example_subscriber, sample_personalisation
from mailings.issues.rendering import render_issue


class Command(BaseCommand):
    help = (
        "Gibt eine Newsletter-Ausgabe gerendert aus: HTML, Text oder die ganze E-Mail (eml), "
        "wie sie eine Abonnentin erhält (mit Beispiel-Links, die niemandem gehören)."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", help="ID oder Kurzname (slug) der Ausgabe")
        parser.add_argument("--format", choices=["html", "text", "eml"], default="html")

    def handle(self, *args, **options):
        issue = find_issue(options["issue"])
        if options["format"] == "eml":
            raw = MessageFactory(issue).build(example_subscriber()).raw
            self.stdout.write(raw.decode("ascii").replace("\r\n", "\n"), ending="")
            return
        rendered = render_issue(issue)
        content = rendered.html if options["format"] == "html" else rendered.text
        self.stdout.write(sample_personalisation(issue, content), ending="")
