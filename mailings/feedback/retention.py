"""The raw SES JSON (addresses, mail headers, remote diagnostics) is kept
NEWSLETTER_FEEDBACK_RAW_DAYS days to explain odd cases; afterwards only the facts stay."""

import datetime
import logging

from django.conf import settings

from .models import FeedbackEvent

logger = logging.getLogger(__name__)


def purge_raw(now):
    """Drop the raw JSON of events received before the retention period; called by the
    clock once per pass (one UPDATE, served by a partial index). Returns how many."""
    cutoff = now - datetime.timedelta(days=settings.NEWSLETTER_FEEDBACK_RAW_DAYS)
    purged = FeedbackEvent.objects.filter(raw__isnull=False, received_at__lt=cutoff).update(
        raw=None
    )
    if purged:
        logger.info("Rohdaten von %d SES-Rückmeldungen gelöscht", purged)
    return purged
