"""The figures of sends as staff read them: per row of the history, and with rates for one
send's report. Counts come from the delivery states, the recorded SES events and the consent
log (mailings.feedback.figures); nothing here knows who opened or clicked anything."""

import dataclasses

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mailings.feedback.figures import SendFigures, send_figures
from mailings.feedback.guard import PAUSE_AT, WARN_ABOVE

from ..states import OPEN_DELIVERY_STATES
from ..status import state_counts


def attach_figures(sends):
    """Give every send of a page of the history its `figures` (two queries for any count)."""
    sends = list(sends)
    by_id = send_figures(send.pk for send in sends)
    for send in sends:
        send.figures = by_id.get(send.pk, SendFigures())
    return sends


def percent(part, whole):
    """ "12,5 %" in the active language, or None when there is nothing to divide by."""
    if not whole:
        return None
    # Rounded here: number_format cuts digits off (2/3 would read 66,66 %).
    return number_format(round(100 * part / whole, 2), decimal_pos=2) + "\u00a0%"


@dataclasses.dataclass(frozen=True)
class Figure:
    label: str
    count: int
    of_recipients: str | None = None
    of_accepted: str | None = None


@dataclasses.dataclass(frozen=True)
class ComplaintVerdict:
    level: str  # "ok", "warning" or "critical": also the CSS modifier, never the only signal
    rate: str | None
    text: str


def complaint_verdict(complaints, accepted):
    """The complaint rate against what mailbox providers tolerate (see feedback/guard.py)."""
    if not accepted:
        return ComplaintVerdict(
            "ok",
            None,
            _("Noch keine angenommenen Mails: Eine Beschwerdequote gibt es erst danach."),
        )
    rate, shown = complaints / accepted, percent(complaints, accepted)
    if rate >= PAUSE_AT:
        return ComplaintVerdict(
            "critical",
            shown,
            _(
                "Kritisch: ab 0,3 %. Gmail und Yahoo stufen Mails dieses Absenders "
                "ab dieser Quote als unerwünscht ein. Prüfen Sie, wie die Empfänger/innen auf die "
                "Liste gekommen sind, bevor Sie wieder versenden."
            ),
        )
    if rate > WARN_ABOVE:
        return ComplaintVerdict(
            "warning",
            shown,
            _(
                "Warnung: über 0,1 %. Gmail bittet Absender, darunter zu bleiben; ab 0,3 % "
                "werden Mails abgewiesen oder als Spam einsortiert."
            ),
        )
    return ComplaintVerdict(
        "ok", shown, _("In Ordnung: höchstens 0,1 %, die Grenze, die Gmail Absendern empfiehlt.")
    )


@dataclasses.dataclass(frozen=True)
class Report:
    recipients: int
    accepted: int
    counts: dict
    figures: SendFigures
    rows: list
    verdict: ComplaintVerdict


def build_report(send):
    """Three queries: delivery states, SES events, attributed unsubscribes."""
    counts = state_counts(send.pk)
    figures = send_figures([send.pk])[send.pk]
    recipients = send.total or sum(counts.values())
    accepted = counts["sent"]
    return Report(
        recipients,
        accepted,
        counts,
        figures,
        report_rows(recipients, accepted, counts, figures),
        complaint_verdict(figures.complaints, accepted),
    )


def report_rows(recipients, accepted, counts, figures):
    def both(label, count):
        return Figure(label, count, percent(count, recipients), percent(count, accepted))

    def of_all(label, count):
        return Figure(label, count, percent(count, recipients))

    return [
        Figure(_("Empfänger/innen"), recipients, percent(recipients, recipients)),
        of_all(_("Vom Mailanbieter angenommen"), accepted),
        both(_("Zugestellt (laut SES)"), figures.delivered),
        both(_("Unzustellbar, dauerhaft (Hard Bounce)"), figures.bounced_hard),
        both(_("Unzustellbar, vorübergehend (Soft Bounce)"), figures.bounced_soft),
        both(_("Beschwerden"), figures.complaints),
        both(_("Abmeldungen über diese Ausgabe"), figures.unsubscribes),
        of_all(_("Abgewiesen"), counts["failed"]),
        of_all(_("Übersprungen (inzwischen abgemeldet oder gesperrt)"), counts["skipped"]),
        of_all(_("Ungewiss"), counts["uncertain"]),
        of_all(_("Noch offen"), sum(counts[state] for state in OPEN_DELIVERY_STATES)),
    ]
