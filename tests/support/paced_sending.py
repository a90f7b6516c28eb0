"""The memory backend at a walking pace, for browser tests that watch a send move.

Each message takes PACED_SENDING_SECONDS (a setting, read when sending; default 0.1 s) and one
worker sends one at a time, so N recipients take about N × that: long enough to see the bar
move, bounded by the number of recipients the test creates.
"""

import time

from django.conf import settings

from .sending import MemoryBackend

DEFAULT_SECONDS = 0.1


class PacedMemoryBackend(MemoryBackend):
    concurrency = 1

    def send_one(self, message):
        time.sleep(getattr(settings, "PACED_SENDING_SECONDS", DEFAULT_SECONDS))
        return super().send_one(message)
