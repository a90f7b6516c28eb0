"""Freezing the audience at the start of a send: one INSERT … SELECT, no row-by-row Python.

One delivery per address subscribed to the newsletter at that moment. Pending, unsubscribed,
bounced and complained subscriptions are left out, and so is anyone an earlier send of the same
issue may already have reached (sent, sending or uncertain), so a send after a cancel never
mails anyone twice. An audience narrowed by topics or countries (issue 10, chosen in the send
dialog) keeps the subscribers who chose at least one of them.

The suppression list holds peppered hashes that SQL cannot compute; suppressed addresses are
skipped when their turn comes (worker.py), in the same batch query as late unsubscribes.
"""

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from mailings.subscribers.models import Subscriber, Subscription

from .claims import db_time
from .models import Delivery, Send
from .states import MAYBE_DELIVERED

FREEZE_SQL = """
INSERT INTO {delivery} (send_id, subscriber_id, email, state, attempts, worker,
                        provider_message_id, last_error, queued_at)
SELECT %s, s.id, s.email, 'queued', 0, '', '', '', %s
FROM {subscriber} s
JOIN {subscription} sub ON sub.subscriber_id = s.id
WHERE sub.newsletter_id = %s AND sub.status = 'subscribed'
  AND NOT EXISTS (
    SELECT 1 FROM {delivery} d JOIN {send} x ON x.id = d.send_id
    WHERE x.issue_id = %s AND d.subscriber_id = s.id AND d.state IN ({maybe})
  )
  {narrowing}
ORDER BY s.id
"""  # noqa: S608 -- table names are ours; every value is a parameter


def tables():
    return {
        "delivery": Delivery._meta.db_table,
        "send": Send._meta.db_table,
        "subscriber": Subscriber._meta.db_table,
        "subscription": Subscription._meta.db_table,
    }


def narrowing(audience):
    """SQL and parameters that keep subscribers interested in the chosen topics/countries."""
    parts, params = [], []
    for field in ("topics", "countries"):
        ids = [int(pk) for pk in audience.get(field) or []]
        if ids:
            through = Subscriber._meta.get_field(field).remote_field.through
            column = through._meta.get_field(field_target(field)).column
            parts.append(
                f"EXISTS (SELECT 1 FROM {through._meta.db_table} t WHERE "  # noqa: S608
                f"t.subscriber_id = s.id AND t.{column} IN "
                f"({', '.join(['%s'] * len(ids))}))"
            )
            params.extend(ids)
    if not parts:
        return "", []
    return "AND (" + " OR ".join(parts) + ")", params


def field_target(field):
    return {"topics": "topic", "countries": "countrypage"}[field]


def freeze_audience(send):
    """Create the send's deliveries; returns how many. Call inside the start transaction."""
    extra_sql, extra_params = narrowing(send.audience or {})
    maybe = ", ".join(f"'{state}'" for state in MAYBE_DELIVERED)
    sql = FREEZE_SQL.format(maybe=maybe, narrowing=extra_sql, **tables())
    params = [send.pk, db_time(timezone.now()), send.newsletter_id, send.issue_id, *extra_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def audience_count(newsletter_id, audience=None, issue_id=None):
    """How many would get the issue if it started now (for the confirmation prompt)."""
    subscribed = Subscription.objects.filter(newsletter_id=newsletter_id, status="subscribed")
    if issue_id:
        subscribed = subscribed.exclude(
            subscriber__deliveries__send__issue_id=issue_id,
            subscriber__deliveries__state__in=MAYBE_DELIVERED,
        )
    interested = Q()
    for field in ("topics", "countries"):
        ids = (audience or {}).get(field)
        if ids:
            interested |= Q(**{f"subscriber__{field}__in": ids})
    return subscribed.filter(interested).values("subscriber_id").distinct().count()
