"""Per-send figures from the recorded SES events and the consent log, for the admin history
(issue 10). Two queries for any number of sends; nothing here reads anyone's opening or
clicking: unsubscribes are attributed through the send id in the personal links."""

import dataclasses

from django.db.models import Count, Q

from mailings.subscribers.models import ConsentAction, ConsentEvent

from .models import SOFT_BOUNCES, BounceType, EventType, FeedbackEvent


@dataclasses.dataclass(frozen=True)
class SendFigures:
    delivered: int = 0
    bounced_hard: int = 0
    bounced_soft: int = 0
    complaints: int = 0
    unsubscribes: int = 0


def distinct_deliveries(**conditions):
    return Count("delivery", filter=Q(**conditions), distinct=True)


EVENT_COUNTS = {
    "delivered": distinct_deliveries(event_type=EventType.DELIVERY),
    "bounced_hard": distinct_deliveries(
        event_type=EventType.BOUNCE, bounce_type=BounceType.PERMANENT
    ),
    "bounced_soft": distinct_deliveries(event_type=EventType.BOUNCE, bounce_type__in=SOFT_BOUNCES),
    "complaints": distinct_deliveries(event_type=EventType.COMPLAINT),
}


def send_figures(send_ids):
    """{send id: SendFigures} for every id asked for (zeros where nothing happened)."""
    send_ids = list(send_ids)
    counted = {row.pop("send_id"): row for row in event_counts(send_ids)}
    unsubscribes = unsubscribe_counts(send_ids)
    return {
        send_id: SendFigures(**counted.get(send_id, {}), unsubscribes=unsubscribes.get(send_id, 0))
        for send_id in send_ids
    }


def event_counts(send_ids):
    return (
        FeedbackEvent.objects.filter(send_id__in=send_ids)
        .values("send_id")
        .annotate(**EVENT_COUNTS)
        .order_by()
    )


def unsubscribe_counts(send_ids):
    rows = (
        ConsentEvent.objects.filter(action=ConsentAction.UNSUBSCRIBED, details__send__in=send_ids)
        .values("details__send")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["details__send"]: row["count"] for row in rows}
