"""Single mails (opt-in confirmation, welcome, test): rows first, delivery by a task.

queue_mail() writes a TransactionalMail row in the caller's transaction, so the row exists
exactly when the sign-up or confirmation that causes it exists, and enqueues the delivery task
on commit. The task claims its rows atomically with a lease, builds each message
(transactional_build.py), hands it to the configured sending backend (the seam every
subscriber mail passes: the SES configuration set and the feedback apply) and records the
outcome on the row.

Decisions:
- At-least-once. A worker killed mid-way leaves its rows claimed or sending; once the lease
  has expired, recover_expired() puts them back in the queue and kick_waiting() hands them to
  a new task. A second confirmation mail is harmless, a lost one breaks the opt-in for good.
  (Newsletter deliveries decide the other way, see claims.py: there a second copy of an issue
  to thousands is the worse error.)
- A queued row's lease_until says until when the clock leaves it alone after a kick, so a
  long task queue is not flooded with a new task for the same row on every pass.
- The suppression list (SuppressedAddress) stops every kind except the confirmation mail: it
  answers a request just made with this address, and only its confirmation may lift an
  erasure (docs/subscribers.md). Test mails to a suppressed address are refused too: an
  editor's address is never on the list, so a hit means a reader who asked to be forgotten.
- Test mails are not retried when the provider says "later": the editor waits for the answer
  and sends again. (A test send whose process died mid-way is recovered like any row.)
"""

import logging
import os
import socket
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .backends import Outcome, SendResult, send_messages
from .models import MailKind, TransactionalMail
from .states import DeliveryState
from .transactional_build import prepare

logger = logging.getLogger(__name__)

MAILS_PER_TASK = 100
KICK_GRACE = timedelta(seconds=30)  # a fresh row is left to the task its caller enqueued
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
GAVE_UP = "Zustellung wiederholt abgebrochen"  # kept on the row, as the admin shows it
RESULT_FIELDS = [
    "state",
    "attempts",
    "not_before",
    "lease_until",
    "provider_message_id",
    "last_error",
    "sent_at",
    "email",
]


# --- Queueing --------------------------------------------------------------------------------


def queue_mail(kind, *, subscriber=None, email="", payload=None):
    """Write the row in the caller's transaction; its delivery task starts on commit."""
    mail = TransactionalMail.objects.create(
        kind=kind,
        subscriber=subscriber,
        email=email or getattr(subscriber, "email", ""),
        payload=payload or {},
    )
    enqueue_on_commit([mail.pk])
    return mail


def queue_mails(kind, recipients):
    """Many rows in one INSERT, e.g. after an import; recipients are (subscriber id, payload)
    pairs. The address is filled in when the mail is built."""
    mails = TransactionalMail.objects.bulk_create(
        [
            TransactionalMail(kind=kind, subscriber_id=subscriber_id, payload=payload)
            for subscriber_id, payload in recipients
        ]
    )
    enqueue_on_commit([mail.pk for mail in mails])
    return mails


def chunks(mail_ids):
    return [
        mail_ids[start : start + MAILS_PER_TASK]
        for start in range(0, len(mail_ids), MAILS_PER_TASK)
    ]


def enqueue_on_commit(mail_ids):
    for chunk in chunks(mail_ids):
        transaction.on_commit(partial(deliver_mails.enqueue, chunk))


@task()
def deliver_mails(mail_ids):
    claimed = claim(mail_ids, timezone.now())
    if claimed:
        deliver(
            list(
                TransactionalMail.objects.filter(pk__in=claimed)
                .select_related("subscriber")
                .order_by("pk")
            )
        )


def send_now(kind, messages, payload=None):
    """Send prebuilt OutgoingMessages in this call through the same rows (test mails: their
    sender waits for the answer); returns the rows with their outcome, in order."""
    lease = timezone.now() + lease_length()
    mails = TransactionalMail.objects.bulk_create(
        [
            TransactionalMail(
                kind=kind,
                email=message.recipients[0],
                raw=message.raw,
                state=DeliveryState.CLAIMED,
                lease_until=lease,
                worker=worker_name(),
                payload={
                    **(payload or {}),
                    "sender": message.sender,
                    "message_id": message.message_id,
                    "subject": message.subject,
                },
            )
            for message in messages
        ]
    )
    deliver(mails)
    return mails


# --- Claiming --------------------------------------------------------------------------------


def lease_length():
    return timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def update_returning_ids(assignments, conditions, params, ids):
    """One UPDATE … RETURNING id over the given rows (SQLite ≥ 3.35 and PostgreSQL): atomic,
    so two workers can never both win the same row. params fill assignments and conditions."""
    table = connection.ops.quote_name(TransactionalMail._meta.db_table)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"UPDATE {table} SET {assignments} "  # noqa: S608 -- our own SQL; values are params
        f"WHERE {conditions} AND id IN ({placeholders}) RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids])
        return {row[0] for row in cursor.fetchall()}


def claim(mail_ids, now):
    """The ids among mail_ids that were queued and due and now belong to this worker."""
    if not mail_ids:
        return set()
    adapt = connection.ops.adapt_datetimefield_value
    return update_returning_ids(
        "state = %s, lease_until = %s, worker = %s",
        "state = %s AND (not_before IS NULL OR not_before <= %s)",
        [
            DeliveryState.CLAIMED.value,
            adapt(now + lease_length()),
            worker_name(),
            DeliveryState.QUEUED.value,
            adapt(now),
        ],
        mail_ids,
    )


def mark_sending(mails):
    """Commit the rows as sending (one more attempt) right before they leave; returns the ids
    still ours: a row whose lease ran out meanwhile may belong to another worker now."""
    if not mails:
        return set()
    ours = update_returning_ids(
        "state = %s, attempts = attempts + 1",
        "state = %s AND worker = %s",
        [DeliveryState.SENDING.value, DeliveryState.CLAIMED.value, worker_name()],
        [mail.pk for mail in mails],
    )
    for mail in mails:
        if mail.pk in ours:
            mail.state, mail.attempts = DeliveryState.SENDING, mail.attempts + 1
    return ours


# --- Delivering ------------------------------------------------------------------------------


def deliver(mails):
    """Build, send and record claimed rows."""
    prepared = prepare(mails)
    settle_unsendable([item for item in prepared if item.outgoing is None])
    ours = mark_sending([item.mail for item in prepared if item.outgoing is not None])
    sendable = [item for item in prepared if item.mail.pk in ours]
    if sendable:
        results = send_messages([item.outgoing for item in sendable])
        record(sendable, results, timezone.now())


def settle_unsendable(prepared):
    """Skipped rows are done; a row that could not be built waits like a refused one."""
    for item in prepared:
        mail = item.mail
        if item.build_error:
            mail.attempts += 1
            apply_result(mail, SendResult(Outcome.RETRY, error=item.build_error), timezone.now())
        else:
            mail.state, mail.last_error, mail.lease_until = (
                DeliveryState.SKIPPED,
                item.skip_reason,
                None,
            )
            logger.info("Einzelmail %s übersprungen: %s", mail.pk, item.skip_reason)
    TransactionalMail.objects.bulk_update([item.mail for item in prepared], RESULT_FIELDS)


def record(sendable, results, now):
    with transaction.atomic():
        for item, result in zip(sendable, results, strict=True):
            apply_result(item.mail, result, now)
            if result.accepted and item.on_accept is not None:
                item.on_accept()
        TransactionalMail.objects.bulk_update([item.mail for item in sendable], RESULT_FIELDS)


def apply_result(mail, result, now):
    mail.lease_until, mail.last_error = None, result.error[:500]
    if result.outcome == Outcome.ACCEPTED:
        mail.state, mail.provider_message_id, mail.sent_at = (
            DeliveryState.SENT,
            result.provider_id[:200],
            now,
        )
    elif result.outcome == Outcome.RETRY and may_retry(mail):
        mail.state, mail.not_before = DeliveryState.QUEUED, now + backoff(mail.attempts)
    elif result.outcome == Outcome.UNKNOWN:
        mail.state = DeliveryState.UNCERTAIN
    else:
        mail.state = DeliveryState.FAILED


def may_retry(mail):
    return mail.kind != MailKind.TEST and mail.attempts < settings.NEWSLETTER_MAX_ATTEMPTS


def backoff(attempts):
    """30 s after the first attempt, then 1 min, 2 min, … at most an hour."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


# --- Recovery (the clock calls both on every pass) -------------------------------------------


def recover_expired(now):
    """Rows whose worker died (lease expired) go back to the queue; returns how many. A row
    that used up its attempts that way (a mail that kills every worker) fails instead."""
    expired = TransactionalMail.objects.filter(
        state__in=[DeliveryState.CLAIMED, DeliveryState.SENDING], lease_until__lt=now
    )
    expired.filter(attempts__gte=settings.NEWSLETTER_MAX_ATTEMPTS).update(
        state=DeliveryState.FAILED, lease_until=None, last_error=GAVE_UP
    )
    count = expired.update(state=DeliveryState.QUEUED, lease_until=None, worker="")
    if count:
        logger.warning("%d Einzelmails eines abgebrochenen Workers neu eingereiht", count)
    return count


def kick_waiting(now):
    """A task for queued rows that are due and waited longer than the grace period (their own
    task was lost or never ran); returns how many rows were kicked."""
    due = TransactionalMail.objects.filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now),
        Q(lease_until__isnull=True) | Q(lease_until__lte=now),
        state=DeliveryState.QUEUED,
        created_at__lte=now - KICK_GRACE,
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    for chunk in chunks(ids):
        TransactionalMail.objects.filter(pk__in=chunk).update(lease_until=now + KICK_GRACE)
        transaction.on_commit(partial(deliver_mails.enqueue, chunk))
    return len(ids)
