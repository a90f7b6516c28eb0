"""What staff, the clock and the workers do to a send. Each action changes the state with one
conditional update (so two callers cannot both win), writes Wagtail's audit log and, where
staff must know, queues a mail to them (notify.py)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mailings.issues.checklist import open_blockers

from . import notify
from .audience import freeze_audience
from .backends import Outcome, SendResult
from .frozen import freeze_render
from .models import Delivery, Send
from .revisions import revision_to_send
from .states import ACTIVE_SEND_STATES, OPEN_DELIVERY_STATES, DeliveryState, SendState

logger = logging.getLogger(__name__)

QUOTA_REASON = _("Das Tageskontingent (Max24HourSend) des Versanddienstes ist erreicht.")


def unknown_result(error):
    return SendResult(Outcome.UNKNOWN, error=f"{type(error).__name__}: {error}"[:500])


def audit(send, action, user=None, **data):
    log(
        instance=send.issue.specific,
        action=f"sending.{action}",
        user=user,
        data={"send": send.pk, **data},
    )


def move(send, to_state, from_states, **fields):
    """Conditional state change; True if this caller made it."""
    changed = Send.objects.filter(pk=send.pk, state__in=from_states).update(
        state=to_state, **fields
    )
    if changed:
        send.state = to_state
        for name, value in fields.items():
            setattr(send, name, value)
    return bool(changed)


# --- planning and starting ----------------------------------------------------------------


def schedule_send(issue, user=None, at=None, audience=None):
    """A new send of the issue, at `at` or now. Raises ValidationError with German reasons."""
    blockers = open_blockers(issue.get_latest_revision_as_object())
    if blockers:
        raise ValidationError([finding.message for finding in blockers])
    if at is not None and at < timezone.now():
        raise ValidationError(_("Der geplante Zeitpunkt liegt in der Vergangenheit."))
    try:
        with transaction.atomic():
            send = Send.objects.create(
                issue=issue,
                newsletter=issue.newsletter,
                revision=issue.get_latest_revision(),
                created_by=user,
                scheduled_for=at or timezone.now(),
                audience=audience or {},
            )
    except IntegrityError:
        raise ValidationError(
            _("Für diese Ausgabe läuft oder wartet bereits ein Versand.")
        ) from None
    audit(send, "scheduled" if at else "requested", user, at=(at or send.scheduled_for).isoformat())
    if at is None:
        from .tasks import start_send_task

        transaction.on_commit(lambda: start_send_task.enqueue(send.pk))
    return send


def start_send(send_id, user=None):
    """Freeze the issue and its audience and hand the send to the workers."""
    with transaction.atomic():
        send = Send.objects.select_for_update().select_related("issue").get(pk=send_id)
        if send.state not in (SendState.SCHEDULED, SendState.OVERDUE):
            return send
        issue = send.issue.specific
        revision = revision_to_send(send, issue)
        blockers = open_blockers(revision.as_object())
        if blockers:
            return fail_send(send, "; ".join(finding.message for finding in blockers))
        begin(send, issue, revision, user)
    transaction.on_commit(lambda: kick_workers(send.pk))
    return send


def begin(send, issue, revision, user):
    send.revision = publish_for_send(revision, issue, user)
    freeze_render(send, send.revision.as_object())
    send.state, send.started_at = SendState.SENDING, timezone.now()
    send.heartbeat_at, send.state_reason = send.started_at, ""
    send.save()
    send.total = freeze_audience(send)
    send.save(update_fields=["total"])
    audit(send, "started", user, recipients=send.total)


def publish_for_send(revision, issue, user):
    """The web version must be live and be what the mail says."""
    if not issue.live or issue.live_revision_id != revision.pk:
        revision.publish(user=user)
    return revision


def kick_workers(send_id, count=None):
    from .tasks import run_send_task

    for _worker in range(count or settings.NEWSLETTER_SEND_WORKERS):
        run_send_task.enqueue(send_id)


# --- stopping and going on ----------------------------------------------------------------


def pause_send(send, reason="", user=None):
    if not move(send, SendState.PAUSED, [SendState.SENDING], state_reason=reason[:500]):
        return False
    audit(send, "paused", user, reason=reason)
    if user is None:  # the send paused itself: somebody has to look
        notify.tell_staff(send, "paused")
    return True


def resume_send(send, user=None):
    if send.state == SendState.OVERDUE:
        return start_send(send.pk, user).state == SendState.SENDING
    if not move(
        send, SendState.SENDING, [SendState.PAUSED], state_reason="", heartbeat_at=timezone.now()
    ):
        return False
    Send.objects.filter(pk=send.pk).update(failures_in_a_row=0)
    audit(send, "resumed", user)
    transaction.on_commit(lambda: kick_workers(send.pk))
    return True


def cancel_send(send, user=None):
    now = timezone.now()
    with transaction.atomic():
        if not move(send, SendState.CANCELLED, ACTIVE_SEND_STATES, finished_at=now):
            return False
        skipped = send.deliveries.filter(
            state__in=[DeliveryState.QUEUED, DeliveryState.CLAIMED]
        ).update(
            state=DeliveryState.SKIPPED,
            last_error="Versand abgebrochen.",
            updated_at=now,
            lease_until=None,
            worker="",
        )
        audit(send, "cancelled", user, skipped=skipped)
    return True


def finish_send(send_id):
    """Done once no delivery is open; only the caller that makes the change tells staff."""
    send = Send.objects.select_related("issue").get(pk=send_id)
    if send.deliveries.filter(state__in=OPEN_DELIVERY_STATES).exists():
        return False
    if not move(send, SendState.DONE, [SendState.SENDING], finished_at=timezone.now()):
        return False
    audit(send, "finished")
    notify.tell_staff(send, "finished")
    return True


def fail_send(send, reason):
    move(
        send,
        SendState.FAILED,
        [SendState.SCHEDULED, SendState.OVERDUE, SendState.SENDING],
        state_reason=reason[:500],
        finished_at=timezone.now(),
    )
    audit(send, "failed", reason=reason)
    notify.tell_staff(send, "failed")
    return send


def mark_overdue(send):
    reason = _("Der geplante Zeitpunkt ist um mehr als %(minutes)d Minuten verstrichen.") % {
        "minutes": settings.NEWSLETTER_LATE_SEND_MINUTES
    }
    if move(send, SendState.OVERDUE, [SendState.SCHEDULED], state_reason=reason):
        audit(send, "overdue", reason=reason)
        notify.tell_staff(send, "overdue")


def record_failures(send, results, now):
    """Heartbeat plus the count of permanent rejections in a row; a reason once too many."""
    rejected = sum(1 for result in results if result.outcome == Outcome.REJECTED)
    if rejected < len(results) or not results:
        Send.objects.filter(pk=send.pk).update(heartbeat_at=now, failures_in_a_row=0)
        return ""
    Send.objects.filter(pk=send.pk).update(
        heartbeat_at=now, failures_in_a_row=F("failures_in_a_row") + rejected
    )
    in_a_row = Send.objects.values_list("failures_in_a_row", flat=True).get(pk=send.pk)
    if in_a_row < settings.NEWSLETTER_MAX_FAILURES_IN_A_ROW:
        return ""
    return _(
        "%(count)d Nachrichten in Folge wurden dauerhaft abgelehnt; bitte die "
        "Versandeinstellungen prüfen."
    ) % {"count": in_a_row}


# --- uncertain deliveries ---------------------------------------------------------------


def resolve_uncertain(send, ids, how, user=None):
    """Staff decide: "sent" (SES has it) or "resend" (send it again, accepting the risk)."""
    uncertain = Delivery.objects.filter(send=send, pk__in=ids, state=DeliveryState.UNCERTAIN)
    if how == "sent":
        count = uncertain.update(
            state=DeliveryState.SENT,
            updated_at=timezone.now(),
            last_error="Von Hand als versendet bestätigt.",
        )
    else:
        count = uncertain.update(
            state=DeliveryState.QUEUED, not_before=None, updated_at=timezone.now()
        )
        if count and move(send, SendState.SENDING, [SendState.DONE], finished_at=None):
            transaction.on_commit(lambda: kick_workers(send.pk))
    audit(send, "uncertain_resolved", user, how=how, count=count)
    return count
