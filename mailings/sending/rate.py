"""The send rate, shared by every worker process.

SES counts the rate per account, so all workers draw from one limiter: a GCRA ("next free
moment") kept in Redis when NEWSLETTER_RATE_REDIS_URL is set, otherwise in one database row.
reserve(n) books n messages and says how long to wait before sending them. When SES throttles
anyway, penalise() pushes the next free moment back for everybody.
"""

import logging
import time

from django.conf import settings
from django.db import connection, transaction

from .models import RateWindow

logger = logging.getLogger(__name__)

RESERVE_SQL = (
    f"UPDATE {RateWindow._meta.db_table} SET next_free = {{greatest}}(next_free, %s) + %s "  # noqa: S608
    "WHERE key = %s RETURNING next_free"
)

REDIS_RESERVE = """
local next_free = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if next_free < now then next_free = now end
redis.call('SET', KEYS[1], tostring(next_free + tonumber(ARGV[2])), 'EX', 3600)
return tostring(next_free)
"""


def configured_rate(quota):
    """Messages per second: the setting, else the provider's MaxSendRate times the share."""
    if settings.NEWSLETTER_SEND_RATE:
        return settings.NEWSLETTER_SEND_RATE
    if quota is not None and quota.max_send_rate:
        return quota.max_send_rate * settings.NEWSLETTER_SEND_RATE_SHARE
    return None


class UnlimitedRate:
    rate = None

    def reserve(self, count):
        return 0.0

    def penalise(self, seconds):
        """Nothing to slow down."""


class DatabaseRate:
    def __init__(self, rate, key="ses"):
        self.rate, self.key = rate, key
        RateWindow.objects.get_or_create(key=key)

    def reserve(self, count):
        """Seconds to wait before `count` messages may leave."""
        now = time.time()
        start = self.book(now, count / self.rate) - count / self.rate
        return max(0.0, start - now)

    def penalise(self, seconds):
        self.book(time.time(), seconds)

    def book(self, now, cost):
        greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(RESERVE_SQL.format(greatest=greatest), [now, cost, self.key])
            return cursor.fetchone()[0]


class RedisRate:
    def __init__(self, rate, url, key="partnerpost:send-rate:ses"):
        import redis

        self.rate, self.key = rate, key
        self.client = redis.Redis.from_url(url, socket_timeout=5)
        self.script = self.client.register_script(REDIS_RESERVE)

    def reserve(self, count):
        now = time.time()
        return max(0.0, self.book(now, count / self.rate) - now)

    def penalise(self, seconds):
        self.book(time.time(), seconds)

    def book(self, now, cost):
        """Start of the booked slot; waits for Redis to come back rather than send unlimited."""
        import redis

        while True:
            try:
                return float(self.script(keys=[self.key], args=[now, cost]))
            except redis.RedisError as error:
                logger.warning("Sendetakt: Redis nicht erreichbar (%s); warte", error)
                time.sleep(2)
                now = time.time()


def limiter_for(quota):
    rate = configured_rate(quota)
    if not rate:
        return UnlimitedRate()
    if settings.NEWSLETTER_RATE_REDIS_URL:
        return RedisRate(rate, settings.NEWSLETTER_RATE_REDIS_URL)
    return DatabaseRate(rate)
