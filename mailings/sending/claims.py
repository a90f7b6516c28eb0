"""The delivery state transitions that must be atomic, each one SQL statement.

A worker claims due rows with a lease (queued -> claimed), commits them as `sending` right
before their requests leave (claimed -> sending, only rows it still owns), and records results.
Whoever finds an expired lease returns claimed rows to the queue; expired `sending` rows become
`uncertain`: their request may have reached SES, and SES has no idempotency key, so they are
never sent again automatically.

PostgreSQL claims with FOR UPDATE SKIP LOCKED, so many workers share a send without waiting;
SQLite has no SKIP LOCKED, but one UPDATE … RETURNING in an immediate transaction is atomic.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from .models import Delivery
from .states import DeliveryState

TABLE = Delivery._meta.db_table

CLAIM_SQL = f"""
UPDATE {TABLE} SET state = 'claimed', worker = %s, lease_until = %s, updated_at = %s
WHERE id IN (
    SELECT id FROM {TABLE}
    WHERE send_id = %s AND state = 'queued' AND (not_before IS NULL OR not_before <= %s)
    ORDER BY id LIMIT %s {{lock}}
)
RETURNING id
"""  # noqa: S608 -- the table name is ours; every value is a parameter

MARK_SENDING_SQL = f"""
UPDATE {TABLE} SET state = 'sending', attempts = attempts + 1, lease_until = %s, updated_at = %s
WHERE id IN ({{ids}}) AND state = 'claimed' AND worker = %s
RETURNING id
"""  # noqa: S608


def db_time(moment):
    return connection.ops.adapt_datetimefield_value(moment)


def claim(send_id, worker, limit, lease_seconds, now=None):
    """Ids of up to `limit` due deliveries of the send, now leased to `worker`."""
    now = now or timezone.now()
    lock = "FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    lease = now + datetime.timedelta(seconds=lease_seconds)
    params = [worker, db_time(lease), db_time(now), send_id, db_time(now), limit]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(CLAIM_SQL.format(lock=lock), params)
        return sorted(row[0] for row in cursor.fetchall())


def mark_sending(ids, worker, lease_seconds, now=None):
    """Commit the rows as `sending` before their requests leave; returns the ids still ours
    (a cancel or an expired lease may have taken some away meanwhile)."""
    if not ids:
        return set()
    now = now or timezone.now()
    lease = now + datetime.timedelta(seconds=lease_seconds)
    sql = MARK_SENDING_SQL.format(ids=", ".join(["%s"] * len(ids)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [db_time(lease), db_time(now), *ids, worker])
        return {row[0] for row in cursor.fetchall()}


def recover_expired_leases(now=None, send_id=None):
    """Claimed rows of dead workers go back to the queue; their `sending` rows become
    uncertain. Returns (requeued, uncertain)."""
    now = now or timezone.now()
    expired = Delivery.objects.filter(lease_until__lt=now)
    if send_id is not None:
        expired = expired.filter(send_id=send_id)
    requeued = expired.filter(state=DeliveryState.CLAIMED).update(
        state=DeliveryState.QUEUED, worker="", lease_until=None, updated_at=now
    )
    uncertain = expired.filter(state=DeliveryState.SENDING).update(
        state=DeliveryState.UNCERTAIN,
        lease_until=None,
        updated_at=now,
        last_error="Worker beendet, während die Nachricht übergeben wurde.",
    )
    return requeued, uncertain


def release(ids, worker, now=None):
    """Give claimed rows back (pause, cancel or shutdown between claim and send)."""
    return Delivery.objects.filter(pk__in=ids, state=DeliveryState.CLAIMED, worker=worker).update(
        state=DeliveryState.QUEUED, worker="", lease_until=None, updated_at=now or timezone.now()
    )
