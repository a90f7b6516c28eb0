"""The in-memory sending backend: the test double for every subscriber mail.

NEWSLETTER_SENDING_BACKEND=memory selects it. Every instance shares one outbox; a test can
script outcomes per address (e.g. a throttle or a permanent rejection) to drive the worker.
"""

import itertools
import threading

from mailings.sending.backends import BaseSendingBackend, Outcome, Quota, SendResult


class MemoryBackend(BaseSendingBackend):
    outbox = []
    scripted = {}  # address -> list of Outcomes used up in turn, then ACCEPTED
    quota_value = None
    concurrency = 4
    _ids = itertools.count(1)
    _lock = threading.Lock()

    @classmethod
    def reset(cls):
        cls.outbox.clear()
        cls.scripted.clear()
        cls.quota_value = None

    @classmethod
    def script(cls, address, *outcomes):
        cls.scripted[address] = list(outcomes)

    def send_messages(self, messages):
        return [self.send_one(message) for message in messages]

    def send_one(self, message):
        with self._lock:
            planned = self.scripted.get(message.recipients[0]) or []
            outcome = planned.pop(0) if planned else Outcome.ACCEPTED
            if outcome in (Outcome.ACCEPTED, Outcome.UNKNOWN):
                self.outbox.append(message)
            if outcome == Outcome.ACCEPTED:
                return SendResult(outcome, provider_id=f"memory-{next(self._ids)}")
        return SendResult(outcome, error=f"scripted {outcome}", throttled=outcome == Outcome.RETRY)

    def quota(self):
        return self.quota_value or Quota()

    @classmethod
    def recipients(cls):
        return [message.recipients[0] for message in cls.outbox]
