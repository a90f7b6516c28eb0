"""Settling deliveries a killed worker left "uncertain": SES's own events say what happened.

Any event that proves SES took the message (Send, Delivery, Bounce, Complaint, DeliveryDelay)
makes it "sent" with SES's message id; a Reject or Rendering Failure makes it "failed". Each
update names the state it expects, so a row a live worker still owns is never touched.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from mailings.sending.models import Delivery, Send, TransactionalMail
from mailings.sending.states import ACTIVE_SEND_STATES, DeliveryState

from .models import ACCEPTED_EVENTS, EventType, FeedbackEvent

REFUSED_EVENTS = [EventType.REJECT, EventType.RENDERING_FAILURE]
# How long after a send finished its uncertain rows are still looked at by the clock.
RECENT_SENDS = datetime.timedelta(days=3)


def settle(event, target):
    """Settle the delivery or transactional mail of one event, if it is uncertain."""
    row = target.delivery or target.mail
    if row is None or row.state != DeliveryState.UNCERTAIN:  # the usual case: no query
        return 0
    rows = type(row).objects.filter(pk=row.pk, state=DeliveryState.UNCERTAIN)
    if event.event_type in ACCEPTED_EVENTS:
        return rows.update(**sent_fields(type(row), event.message_id, event.accepted_at))
    if event.event_type in REFUSED_EVENTS:
        error = f"SES: {EventType(event.event_type).label} {event.diagnostic}".strip()
        return rows.update(**failed_fields(type(row), error))
    return 0


def sent_fields(model, message_id, accepted_at):
    fields = {
        "state": DeliveryState.SENT,
        "provider_message_id": message_id,
        "sent_at": accepted_at,
    }
    if model is Delivery:
        fields["updated_at"] = timezone.now()
    return fields


def failed_fields(model, error):
    fields = {"state": DeliveryState.FAILED, "last_error": error[:500]}
    if model is Delivery:
        fields["updated_at"] = timezone.now()
    return fields


def settle_uncertain(now):
    """For the clock: settle uncertain rows whose events came while they were still "sending"
    (a killed worker's rows turn uncertain only when their lease runs out, usually after SES's
    Send and Delivery events arrived). Looks only at sends running or finished lately, so the
    index on (send, state) keeps it cheap. Returns how many rows it settled."""
    recent = Send.objects.filter(
        Q(state__in=ACTIVE_SEND_STATES) | Q(finished_at__gte=now - RECENT_SENDS)
    )
    deliveries = Delivery.objects.filter(send__in=recent.values("pk"))
    return settle_recorded(deliveries, "delivery", now) + settle_recorded(
        TransactionalMail.objects.all(), "transactional_mail", now
    )


def settle_recorded(rows, field, now):
    accepted = FeedbackEvent.objects.filter(
        **{field: OuterRef("pk")}, event_type__in=ACCEPTED_EVENTS
    ).order_by("occurred_at")
    fields = {
        "state": DeliveryState.SENT,
        "provider_message_id": Subquery(accepted.values("provider_message_id")[:1]),
        "sent_at": Subquery(accepted.values("occurred_at")[:1]),
    }
    if rows.model is Delivery:
        fields["updated_at"] = now
    return rows.filter(state=DeliveryState.UNCERTAIN).filter(Exists(accepted)).update(**fields)
