"""One pass of the clock: what no task backend here does on its own.

Starts due scheduled sends (or marks them overdue when the machine was down too long), returns
expired leases, kicks sends whose workers died, finishes drained sends, re-kicks waiting
transactional mails, purges old raw feedback and runs Wagtail's publish_scheduled. Each step
is guarded: one failing step (e.g. the database away for a moment) is logged and the next pass
tries again.
"""

import datetime
import logging

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from . import actions, claims
from .models import ClockBeat, Delivery, Send
from .states import OPEN_DELIVERY_STATES, DeliveryState, SendState

logger = logging.getLogger(__name__)


def start_due_sends(now):
    late = now - datetime.timedelta(minutes=settings.NEWSLETTER_LATE_SEND_MINUTES)
    for send in Send.objects.filter(state=SendState.SCHEDULED, scheduled_for__lte=now):
        if send.scheduled_for < late:
            actions.mark_overdue(send)
        else:
            actions.start_send(send.pk)


def stale_moment(now):
    return now - datetime.timedelta(seconds=max(30, settings.NEWSLETTER_LEASE_SECONDS))


def kick_stalled_sends(now):
    """Sends with work left whose workers gave no sign of life: start new workers."""
    stalled = Send.objects.filter(state=SendState.SENDING, heartbeat_at__lt=stale_moment(now))
    for send in stalled.filter(deliveries__state=DeliveryState.QUEUED).distinct():
        if Send.objects.filter(pk=send.pk, heartbeat_at=send.heartbeat_at).update(heartbeat_at=now):
            logger.info("Versand %s: keine Worker mehr aktiv, starte neue", send.pk)
            actions.kick_workers(send.pk)


def finish_drained_sends(now):
    busy = Delivery.objects.filter(state__in=OPEN_DELIVERY_STATES).values("send_id")
    for send_id in (
        Send.objects.filter(state=SendState.SENDING)
        .exclude(pk__in=busy)
        .values_list("pk", flat=True)
    ):
        actions.finish_send(send_id)


def settle_uncertain(now):
    """SES events that came while a row was still `sending` settle it once it is uncertain."""
    from mailings.feedback.resolution import settle_uncertain as settle

    settle(now)


def recover_transactional(now):
    from . import transactional

    transactional.recover_expired(now)
    transactional.kick_waiting(now)


def purge_feedback(now):
    try:
        from mailings.feedback.retention import purge_raw
    except ImportError:
        return
    purge_raw(now)


def publish_scheduled(now):
    call_command("publish_scheduled", verbosity=0)


def beat(now):
    ClockBeat.objects.update_or_create(name="clock", defaults={"beat_at": now})


def recover_leases(now):
    claims.recover_expired_leases(now)


STEPS = [
    start_due_sends,
    recover_leases,
    settle_uncertain,
    kick_stalled_sends,
    finish_drained_sends,
    recover_transactional,
    purge_feedback,
    publish_scheduled,
    beat,
]


def clock_pass(now=None):
    """Run every step once; returns the names of the steps that failed."""
    failed = []
    for step in STEPS:
        try:
            step(now or timezone.now())
        except Exception:  # keep ticking: the next pass tries again
            logger.exception("Uhr: Schritt %s fehlgeschlagen", step.__name__)
            failed.append(step.__name__)
    return failed
