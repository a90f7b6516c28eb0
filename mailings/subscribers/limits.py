"""Abuse limits that hold across processes: the shared cache for IPs, the consent log for mails.

Over a limit, callers answer exactly as usual and do nothing, so the limit reveals nothing.
"""

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import ConsentAction, ConsentEvent

logger = logging.getLogger(__name__)


def signup_allowed(ip):
    """Count this signup POST against the per-minute limit of its IP; False when over it."""
    window = int(timezone.now().timestamp()) // 60
    key = f"subscribers:signup:{ip or 'unknown'}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first POST of the window
        cache.set(key, 1, timeout=120)
        count = 1
    if count > settings.SUBSCRIBERS_SIGNUPS_PER_MINUTE:
        logger.warning("Anmeldelimit je IP überschritten")
        return False
    return True


def optin_mail_allowed(subscriber):
    """Fewer than the allowed number of confirmation mails in the last 24 hours?

    Callers hold a row lock on the subscriber, so two parallel requests cannot both pass.
    """
    since = timezone.now() - datetime.timedelta(hours=24)
    sent = ConsentEvent.objects.filter(
        subscriber=subscriber, action=ConsentAction.REQUESTED, created_at__gte=since
    ).count()
    if sent >= settings.SUBSCRIBERS_OPTIN_MAILS_PER_DAY:
        logger.warning("Limit für Bestätigungsmails je Adresse erreicht")
        return False
    return True
