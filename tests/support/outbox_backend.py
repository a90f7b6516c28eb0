"""A sending backend for tests that run real worker processes: every accepted message becomes
one line in a shared outbox file, so the test can count what each recipient got, whichever
process sent it and even if that process was killed afterwards.

Selected by its dotted path in NEWSLETTER_SENDING_BACKEND; configured by the environment of
the worker process (read when the backend is made, never at import):

- OUTBOX_BACKEND_FILE: the outbox file (required).
- OUTBOX_BACKEND_DELAY_MS: how long the "provider" takes to answer, so that several workers
  have a send in hand at the same time (default 10).
- OUTBOX_BACKEND_HANG_ADDRESS: a recipient whose message is accepted but whose answer never
  comes: the worker stays inside the request with its chunk committed as `sending`, the
  moment a kill -9 turns into uncertain deliveries.

Line format (tab-separated): unix time, process id, delivery id, recipient, provider id.
"""

import itertools
import os
import time

from django.conf import settings

from mailings.sending.backends import BaseSendingBackend, Outcome, SendResult

HANG_SECONDS = 300  # longer than any test waits: the test kills the process first


class OutboxLineBackend(BaseSendingBackend):
    _numbers = itertools.count(1)

    def __init__(self):
        self.path = os.environ["OUTBOX_BACKEND_FILE"]
        self.delay = int(os.environ.get("OUTBOX_BACKEND_DELAY_MS", "10")) / 1000
        self.hang_address = os.environ.get("OUTBOX_BACKEND_HANG_ADDRESS", "")
        self.concurrency = settings.NEWSLETTER_SEND_CONCURRENCY

    def send_messages(self, messages):
        return [self.send_one(message) for message in messages]

    def send_one(self, message):
        time.sleep(self.delay)
        provider_id = f"outbox-{os.getpid()}-{next(self._numbers)}"
        self.append(message, provider_id)
        if message.recipients[0] == self.hang_address:
            time.sleep(HANG_SECONDS)  # accepted, but the answer never arrives
        return SendResult(Outcome.ACCEPTED, provider_id=provider_id)

    def append(self, message, provider_id):
        line = "\t".join(
            [
                f"{time.time():.6f}",
                str(os.getpid()),
                message.tags.get("delivery", ""),
                message.recipients[0],
                provider_id,
            ]
        )
        # One write() on an O_APPEND descriptor: lines of several processes never interleave.
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (line + "\n").encode())
        finally:
            os.close(descriptor)


def read_outbox(path):
    """The outbox as dicts: time, pid, delivery (int), recipient, provider_id."""
    if not os.path.exists(path):
        return []
    rows = []
    with open(path, encoding="utf-8") as outbox:
        for line in outbox:
            moment, pid, delivery, recipient, provider_id = line.rstrip("\n").split("\t")
            rows.append(
                {
                    "time": float(moment),
                    "pid": int(pid),
                    "delivery": int(delivery),
                    "recipient": recipient,
                    "provider_id": provider_id,
                }
            )
    return rows
