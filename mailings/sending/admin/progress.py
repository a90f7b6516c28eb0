"""What the progress screens show of a send, for the page, the issue's panel and the JSON
endpoint alike: send_status plus a percentage, German display strings (so the browser script
only copies text) and which controls fit the send's state."""

import datetime
import zoneinfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Delivery
from ..states import DeliveryState, SendState
from ..status import RATE_WINDOW_SECONDS, send_status

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RECENT_ERRORS = 10
FINAL_STATES = {SendState.DONE, SendState.CANCELLED, SendState.FAILED}
# Which buttons a send in each state offers (everything else would be refused anyway).
ACTIONS_BY_STATE = {
    SendState.SCHEDULED: ["cancel"],
    SendState.SENDING: ["pause", "cancel"],
    SendState.PAUSED: ["resume", "cancel"],
    SendState.OVERDUE: ["resume", "cancel"],
}
COUNTED_STATES = [
    DeliveryState.QUEUED,
    DeliveryState.CLAIMED,
    DeliveryState.SENDING,
    DeliveryState.SENT,
    DeliveryState.FAILED,
    DeliveryState.UNCERTAIN,
    DeliveryState.SKIPPED,
]


def percent_done(status):
    """Share of deliveries no worker will touch again; 100 only when none is left open."""
    total = status["total"]
    if not total:
        return 100 if status["state"] == SendState.DONE else 0
    return (total - status["open"]) * 100 // total


def local_moment(iso_text):
    if not iso_text:
        return "–"
    moment = datetime.datetime.fromisoformat(iso_text).astimezone(BERLIN)
    return formats.date_format(moment, "DATETIME_FORMAT")


def eta_text(seconds):
    if seconds is None:
        return "–"
    if seconds < 60:
        return _("unter einer Minute")
    return _("etwa %(minutes)d Min.") % {"minutes": round(seconds / 60)}


def rate_text(rate):
    if not rate:
        return "–"
    return _("%(rate)s Mails pro Sekunde") % {"rate": formats.number_format(rate, 1)}


def steady_rate(status, now):
    """send_status averages over the last minute; in a send's first minute that counts empty
    seconds before the start, so scale to the time the send has actually run."""
    rate = status["rate_per_s"]
    if not rate or not status["started_at"]:
        return rate
    elapsed = (now - datetime.datetime.fromisoformat(status["started_at"])).total_seconds()
    return rate * RATE_WINDOW_SECONDS / min(RATE_WINDOW_SECONDS, max(1.0, elapsed))


def display(status, percent, now):
    """Every figure as the page shows it, keyed like the page's data-key attributes."""
    rate = steady_rate(status, now)
    counts = {
        state: formats.number_format(status[state], force_grouping=True)
        for state in DeliveryState.values
    }
    return {
        **counts,
        "total": formats.number_format(status["total"], force_grouping=True),
        "percent": f"{percent} %",
        "state_label": status["state_label"],
        "reason": status["reason"],
        "rate": rate_text(rate),
        "eta": eta_text(status["open"] / rate if rate else None),
        "scheduled_for": local_moment(status["scheduled_for"]),
        "started_at": local_moment(status["started_at"]),
        "finished_at": local_moment(status["finished_at"]),
    }


def recent_errors(send_id, show_addresses):
    rows = (
        Delivery.objects.filter(send_id=send_id, state=DeliveryState.FAILED)
        .exclude(last_error="")
        .order_by("-updated_at", "-pk")
        .values("pk", "email", "last_error", "updated_at")[:RECENT_ERRORS]
    )
    return [
        {
            "who": row["email"] if show_addresses else delivery_label(row["pk"]),
            "error": row["last_error"],
            "when": local_moment(row["updated_at"].isoformat() if row["updated_at"] else None),
        }
        for row in rows
    ]


def delivery_label(pk):
    return _("Zustellung Nr. %(id)d") % {"id": pk}


def uncertain_rows(ids, show_addresses):
    if not show_addresses:
        return [{"id": pk, "label": delivery_label(pk)} for pk in ids]
    emails = dict(Delivery.objects.filter(pk__in=ids).values_list("pk", "email"))
    return [{"id": pk, "label": emails.get(pk) or delivery_label(pk)} for pk in ids]


def snapshot(send_id, can_control=False, show_addresses=False):
    """The send as the progress screens show it (a dict that is also the JSON answer)."""
    status = send_status(send_id)
    percent = percent_done(status)
    shown = display(status, percent, timezone.now())
    return {
        **status,
        "percent": percent,
        "final": status["state"] in FINAL_STATES,
        "actions": ACTIONS_BY_STATE.get(status["state"], []) if can_control else [],
        "display": shown,
        "errors": recent_errors(send_id, show_addresses),
        "uncertain_rows": uncertain_rows(status["uncertain_ids"], show_addresses),
        "count_rows": [
            (state, DeliveryState(state).label, shown[state]) for state in COUNTED_STATES
        ],
    }
