"""Helpers shared by the sending management commands."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from mailings.issues.lookup import find_issue
from mailings.issues.models import NewsletterIssuePage

from .models import Send


def issue_page(identifier):
    """The issue page itself (not a revision) for a slug or id, or a German CommandError."""
    return NewsletterIssuePage.objects.select_related("newsletter").get(
        pk=find_issue(identifier).pk
    )


def latest_send(issue):
    send = Send.objects.filter(issue=issue).order_by("-created_at", "-pk").first()
    if send is None:
        raise CommandError(
            _("Für „%(issue)s“ gibt es noch keinen Versand.") % {"issue": issue.title}
        )
    return send


def parse_local_time(value):
    """ "YYYY-MM-DD HH:MM" in the site's time zone (Europe/Berlin)."""
    try:
        moment = datetime.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        message = _(
            "Zeitpunkt „%(value)s“ nicht lesbar; erwartet wird JJJJ-MM-TT HH:MM, "
            "z. B. 2026-12-01 09:00."
        ) % {"value": value}
        raise CommandError(message) from None
    return timezone.make_aware(moment)
