"""The send worker: claims deliveries in batches and hands them to the backend in chunks.

Per chunk (as many messages as may be in flight at once): book the rate, commit the rows as
`sending`, send them in parallel, record every result in one bulk update. So a worker killed
at any moment leaves at most one chunk `sending` (they become `uncertain`), and its claimed
rows return to the queue when their lease expires. Several processes may run this loop on the
same send; the claim keeps them apart.
"""

import concurrent.futures
import logging
import os
import socket
import time
import uuid

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from mailings.subscribers.models import Subscription, SuppressedAddress, address_hash

from . import actions, claims
from .backends import get_backend
from .frozen import frozen_factory
from .models import Delivery, Send
from .rate import limiter_for
from .results import RESULT_FIELDS, apply_result, halting_reason
from .states import DeliveryState, SendState

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
QUOTA_REFRESH_SECONDS = 60
IDLE_WAIT_SECONDS = 5


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class SendWorker:
    def __init__(self, send_id, backend=None):
        self.send_id = send_id
        self.name = worker_name()
        self.backend = backend
        self.lease = settings.NEWSLETTER_LEASE_SECONDS
        self.quota, self.quota_at, self.sent_since_quota = None, 0.0, 0

    def run(self):
        send = Send.objects.select_related("newsletter", "revision").get(pk=self.send_id)
        if send.state != SendState.SENDING or not self.connect(send):
            return
        self.send, self.factory = send, frozen_factory(send)
        self.refresh_quota()
        self.limiter = limiter_for(self.quota)
        logger.info("Versand %s: Worker %s beginnt", send.pk, self.name)
        with concurrent.futures.ThreadPoolExecutor(self.concurrency) as pool:
            self.pool = pool
            self.loop()
        self.backend.close()

    def loop(self):
        while self.current_state() == SendState.SENDING:
            batch = self.next_batch()
            if batch is None:
                return
            if not self.deliver(batch):
                return

    def connect(self, send):
        """The backend, or a paused send saying why there is none (e.g. no AWS region)."""
        try:
            self.backend = self.backend or get_backend()
        except Exception as error:  # a configuration fault: staff must see it, not a log
            logger.exception("Versand %s: Versanddienst nicht nutzbar", send.pk)
            actions.pause_send(send, f"Versanddienst nicht nutzbar: {error}"[:500])
            return False
        self.concurrency = max(
            1, min(settings.NEWSLETTER_SEND_CONCURRENCY, self.backend.concurrency)
        )
        return True

    def current_state(self):
        if not connection.in_atomic_block:  # never drop a connection inside a transaction
            close_old_connections()  # survive a database restart between batches
        return Send.objects.filter(pk=self.send_id).values_list("state", flat=True).first()

    # --- claiming -------------------------------------------------------------------------

    def next_batch(self):
        """Deliveries to send now; [] to look again; None when this worker is done."""
        limit = self.batch_limit()
        if limit <= 0:
            actions.pause_send(self.send, actions.QUOTA_REASON)
            return None
        ids = claims.claim(self.send_id, self.name, limit, self.lease)
        if not ids:
            return self.settle()
        return self.eligible(
            list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))
        )

    def batch_limit(self):
        limit = BATCH_SIZE
        if self.limiter.rate:  # claim no more than can leave well within the lease
            limit = min(limit, max(1, int(self.limiter.rate * self.lease / 3)))
        headroom = self.quota_headroom()
        return limit if headroom is None else min(limit, headroom)

    def settle(self):
        """Nothing claimable: finish, wait for retries that are due soon, or leave."""
        claims.recover_expired_leases(send_id=self.send_id)
        open_rows = Delivery.objects.filter(
            send_id=self.send_id,
            state__in=[DeliveryState.QUEUED, DeliveryState.CLAIMED, DeliveryState.SENDING],
        )
        if not open_rows.exists():
            actions.finish_send(self.send_id)
            return None
        waiting = open_rows.filter(state=DeliveryState.QUEUED).order_by("not_before").first()
        if waiting is None:
            return None  # the rest belongs to other workers
        delay = (waiting.not_before - timezone.now()).total_seconds() if waiting.not_before else 0
        time.sleep(min(IDLE_WAIT_SECONDS, max(0.05, delay)))
        return []

    def eligible(self, deliveries):
        """Skip whoever unsubscribed, bounced, complained or was erased since the freeze."""
        subscribed = set(
            Subscription.objects.filter(
                newsletter_id=self.send.newsletter_id,
                status="subscribed",
                subscriber_id__in=[d.subscriber_id for d in deliveries if d.subscriber_id],
            ).values_list("subscriber_id", flat=True)
        )
        suppressed = set(
            SuppressedAddress.objects.filter(
                email_hash__in=[address_hash(d.email) for d in deliveries]
            ).values_list("email_hash", flat=True)
        )
        skip = [
            d.pk
            for d in deliveries
            if d.subscriber_id not in subscribed or address_hash(d.email) in suppressed
        ]
        if skip:
            Delivery.objects.filter(pk__in=skip, worker=self.name).update(
                state=DeliveryState.SKIPPED,
                lease_until=None,
                updated_at=timezone.now(),
                last_error="Nicht mehr abonniert oder gesperrt.",
            )
        return [d for d in deliveries if d.pk not in set(skip)]

    # --- sending --------------------------------------------------------------------------

    def deliver(self, batch):
        """Send the batch chunk by chunk; False when the send stopped meanwhile."""
        for start in range(0, len(batch), self.concurrency):
            if start and self.current_state() != SendState.SENDING:
                claims.release([d.pk for d in batch[start:]], self.name)
                return False
            if not self.deliver_chunk(batch[start : start + self.concurrency]):
                claims.release([d.pk for d in batch[start + self.concurrency :]], self.name)
                return False
        return True

    def deliver_chunk(self, chunk):
        messages = [self.factory.build(d) for d in chunk]
        time.sleep(self.limiter.reserve(len(chunk)))
        ours = claims.mark_sending([d.pk for d in chunk], self.name, self.lease)
        pairs = [(d, m) for d, m in zip(chunk, messages, strict=True) if d.pk in ours]
        results = list(self.pool.map(self.send_one, [m for _d, m in pairs]))
        return self.record([d for d, _m in pairs], results)

    def send_one(self, message):
        try:
            return self.backend.send_messages([message])[0]
        except Exception as error:  # the request may have left: never resend blindly
            logger.exception("Versand %s: unerwarteter Fehler beim Übergeben", self.send_id)
            return actions.unknown_result(error)

    def record(self, deliveries, results):
        now = timezone.now()
        for delivery, result in zip(deliveries, results, strict=True):
            delivery.attempts += 1
            apply_result(delivery, result, now)
        Delivery.objects.bulk_update(deliveries, RESULT_FIELDS)
        self.sent_since_quota += sum(1 for r in results if r.accepted)
        if any(r.throttled for r in results):
            self.limiter.penalise(1.0)
        return self.after_chunk(results, now)

    def after_chunk(self, results, now):
        """Heartbeat and the circuit breakers; False when the send had to pause."""
        reason = halting_reason(results) or actions.record_failures(self.send, results, now)
        if reason:
            actions.pause_send(self.send, reason)
            return False
        return True

    # --- quota ----------------------------------------------------------------------------

    def refresh_quota(self):
        self.quota = self.backend.quota()
        self.quota_at, self.sent_since_quota = time.monotonic(), 0

    def quota_headroom(self):
        if time.monotonic() - self.quota_at > QUOTA_REFRESH_SECONDS:
            self.refresh_quota()
        headroom = self.quota.headroom_24h if self.quota else None
        return None if headroom is None else headroom - self.sent_since_quota
