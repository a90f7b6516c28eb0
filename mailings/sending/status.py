"""A send's figures in one place: for `newsletter_status`, staff mails and the admin."""

import datetime

from django.db.models import Count
from django.utils import timezone

from .models import Delivery, Send
from .states import DeliveryState

RATE_WINDOW_SECONDS = 60
UNCERTAIN_LISTED = 200


def state_counts(send_id):
    rows = Delivery.objects.filter(send_id=send_id).values("state").annotate(n=Count("id"))
    counts = dict.fromkeys(DeliveryState.values, 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def rate_window_seconds(send, now):
    """The last minute, or less while the send is younger: dividing the first seconds' mail by a
    whole minute showed a fraction of the real rate and an ETA several times too long."""
    if send.started_at is None:
        return RATE_WINDOW_SECONDS
    age = (now - send.started_at).total_seconds()
    return min(RATE_WINDOW_SECONDS, max(age, 1.0))


def recent_rate(send, now):
    window = rate_window_seconds(send, now)
    since = now - datetime.timedelta(seconds=window)
    recent = Delivery.objects.filter(send_id=send.pk, sent_at__gte=since).count()
    return recent / window


def iso(moment):
    return moment.isoformat() if moment else None


def send_status(send_id, now=None):
    now = now or timezone.now()
    send = Send.objects.select_related("issue").get(pk=send_id)
    counts = state_counts(send_id)
    waiting = counts["queued"] + counts["claimed"] + counts["sending"]
    rate = recent_rate(send, now) if send.state == "sending" else 0.0
    return {
        "send_id": send.pk,
        "issue": send.issue.title,
        "issue_id": send.issue_id,
        "state": send.state,
        "state_label": str(send.get_state_display()),
        "reason": send.state_reason,
        "total": send.total,
        **counts,
        "open": waiting,
        "rate_per_s": round(rate, 1),
        "eta_s": round(waiting / rate) if rate else None,
        "scheduled_for": iso(send.scheduled_for),
        "started_at": iso(send.started_at),
        "finished_at": iso(send.finished_at),
        "uncertain_ids": list(
            Delivery.objects.filter(send_id=send_id, state=DeliveryState.UNCERTAIN)
            .order_by("pk")
            .values_list("pk", flat=True)[:UNCERTAIN_LISTED]
        ),
    }
