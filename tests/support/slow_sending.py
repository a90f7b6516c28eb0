"""A sending backend for tests that run a real task worker in a subprocess (and kill it).

Each accepted message becomes one JSON line in settings.SLOW_SENDING_OUTBOX, written at once,
so a worker killed with -9 leaves exactly what it handed over. After
SLOW_SENDING_STALL_AFTER messages (0: never) the backend hangs in the middle of the next send,
the moment a killed worker is most dangerous: the mail is claimed and may be leaving.
"""

import itertools
import json
import time
from pathlib import Path

from django.conf import settings

from mailings.sending.backends import BaseSendingBackend, Outcome, SendResult


class SlowFileBackend(BaseSendingBackend):
    _sent_in_this_process = itertools.count(1)

    def send_messages(self, messages):
        return [self.send_one(message) for message in messages]

    def send_one(self, message):
        stall_after = settings.SLOW_SENDING_STALL_AFTER
        if stall_after and next(self._sent_in_this_process) > stall_after:
            self.stall(message)
        time.sleep(settings.SLOW_SENDING_SECONDS)
        line = json.dumps({"to": message.recipients[0], "tags": message.tags})
        with open(settings.SLOW_SENDING_OUTBOX, "a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")
        return SendResult(Outcome.ACCEPTED, provider_id=f"slow-{message.tags.get('mail')}")

    def stall(self, message):
        marker = Path(settings.SLOW_SENDING_OUTBOX).with_suffix(".stalled")
        marker.write_text(message.recipients[0], encoding="utf-8")
        time.sleep(600)  # until the test kills this worker


def read_outbox(path):
    """The lines the backend wrote: one dict per accepted message."""
    if not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
