"""Subscriber growth per week from the consent log: one query for a whole year.

The log is the evidence of every change, so it is also the honest source of the chart:
confirmed sign-ups (and newsletters added in the preference centre) against unsubscribes
(link, one-click or preference centre), bounces and complaints reported by SES. Imports are
left out: an import with opt-in mails is confirmed later and counted then.
"""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from mailings.subscribers.models import ConsentAction, ConsentEvent

WEEKS = 53  # this week and the 52 before it: twelve months

Action = ConsentAction
COUNTS = {
    "signups": Count(
        "pk",
        filter=Q(action=Action.CONFIRMED)
        | Q(action=Action.PREFERENCES, details__subscribed__0__isnull=False),
    ),
    "unsubscribes": Count(
        "pk",
        filter=Q(action=Action.UNSUBSCRIBED)
        | Q(action=Action.PREFERENCES, details__unsubscribed__0__isnull=False),
    ),
    "bounces": Count("pk", filter=Q(action=Action.BOUNCED)),
    "complaints": Count("pk", filter=Q(action=Action.COMPLAINED)),
}


@dataclasses.dataclass(frozen=True)
class Week:
    start: datetime.date
    signups: int = 0
    unsubscribes: int = 0
    bounces: int = 0
    complaints: int = 0

    @property
    def losses(self):
        return self.unsubscribes + self.bounces + self.complaints

    @property
    def net(self):
        return self.signups - self.losses


def first_week(today=None):
    today = today or timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    return this_monday - datetime.timedelta(weeks=WEEKS - 1)


def weekly_growth(today=None):
    """WEEKS Week rows, oldest first; weeks without events are there with zeros."""
    start = first_week(today)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    rows = (
        ConsentEvent.objects.filter(created_at__gte=since)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(**COUNTS)
        .order_by()
    )
    counted = {timezone.localdate(row.pop("week")): row for row in rows}
    weeks = (start + datetime.timedelta(weeks=n) for n in range(WEEKS))
    return [Week(monday, **counted.get(monday, {})) for monday in weeks]
