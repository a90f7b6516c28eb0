"""Send an issue to its newsletter, now or at a time, or pause, resume or cancel its send.

Why a command: staff and scripts (and the acceptance checks) need the whole send lifecycle
without the admin. The send itself runs in the background workers; this only decides.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import gettext as _

from mailings.sending import actions
from mailings.sending.audience import audience_count
from mailings.sending.commands import issue_page, latest_send, parse_local_time


class Command(BaseCommand):
    help = "Versendet eine Newsletter-Ausgabe (sofort oder geplant) oder steuert den Versand."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="Kurzname oder ID der Ausgabe")
        parser.add_argument("--at", help='Zeitpunkt "JJJJ-MM-TT HH:MM" (Europe/Berlin)')
        parser.add_argument("--yes", action="store_true", help="Nicht nachfragen")
        control = parser.add_mutually_exclusive_group()
        control.add_argument("--pause", action="store_true")
        control.add_argument("--resume", action="store_true")
        control.add_argument("--cancel", action="store_true")

    def handle(self, *args, **options):
        issue = issue_page(options["issue"])
        for name in ("pause", "resume", "cancel"):
            if options[name]:
                return self.control(issue, name)
        at = parse_local_time(options["at"]) if options["at"] else None
        count = audience_count(issue.newsletter_id, issue_id=issue.pk)
        if not options["yes"] and not self.confirmed(issue, count, at):
            raise CommandError(_("Abgebrochen; nichts wurde geplant."))
        self.schedule(issue, at, count)

    def confirmed(self, issue, count, at):
        when = formats.date_format(at, "DATETIME_FORMAT") if at else _("jetzt")
        question = _("„%(issue)s“ an %(count)d Empfänger senden (%(when)s)? [j/N] ") % {
            "issue": issue.title,
            "count": count,
            "when": when,
        }
        return input(question).strip().lower() in {"j", "ja", "y", "yes"}

    def schedule(self, issue, at, count):
        try:
            send = actions.schedule_send(issue, at=at)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        if at:
            self.stdout.write(
                _("Versand %(id)d geplant für %(when)s (derzeit %(count)d Empfänger).")
                % {
                    "id": send.pk,
                    "count": count,
                    "when": formats.date_format(at, "DATETIME_FORMAT"),
                }
            )
        else:
            self.stdout.write(
                _(
                    "Versand %(id)d an %(count)d Empfänger gestartet; Fortschritt: "
                    "manage.py newsletter_status %(issue)s"
                )
                % {"id": send.pk, "count": count, "issue": issue.slug}
            )

    def control(self, issue, name):
        send = latest_send(issue)
        action = {
            "pause": actions.pause_send,
            "resume": actions.resume_send,
            "cancel": actions.cancel_send,
        }[name]
        kwargs = {"reason": _("Von Hand angehalten.")} if name == "pause" else {}
        if not action(send, **kwargs):
            raise CommandError(
                _("Nicht möglich: der Versand ist „%(state)s“.")
                % {"state": send.get_state_display()}
            )
        send.refresh_from_db()
        self.stdout.write(
            _("Versand %(id)d: %(state)s") % {"id": send.pk, "state": send.get_state_display()}
        )
