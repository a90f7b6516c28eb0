"""Telling staff about a send that ended, failed, paused itself or missed its time.

Staff mail is not subscriber mail: it goes through Django's EMAIL_BACKEND to
NEWSLETTER_STAFF_EMAILS, or to the Newsletter managers (superusers while that group is empty).
It is sent after the commit and a failure is logged, never raised: a broken SMTP must not stop
a send.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cms.core.validators import single_line

logger = logging.getLogger(__name__)

SUBJECTS = {
    "finished": gettext_noop("Versand abgeschlossen: %(issue)s"),
    "failed": gettext_noop("Versand fehlgeschlagen: %(issue)s"),
    "paused": gettext_noop("Versand angehalten: %(issue)s"),
    "overdue": gettext_noop("Versand verpasst: %(issue)s"),
    "complaints": gettext_noop("Beschwerdequote auffällig: %(issue)s"),
}


def staff_addresses():
    if settings.NEWSLETTER_STAFF_EMAILS:
        return list(settings.NEWSLETTER_STAFF_EMAILS)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    managers = users.filter(groups__name=settings.SUBSCRIBERS_MANAGERS_GROUP)
    chosen = managers if managers.exists() else users.filter(is_superuser=True)
    return sorted(set(chosen.values_list("email", flat=True)))


def tell_staff(send, event_name):
    """Queue the mail for after the commit (the state it reports must be visible by then)."""
    send_id = send.pk
    transaction.on_commit(lambda: deliver(send_id, event_name))


def deliver(send_id, event_name):
    from .status import send_status

    recipients = staff_addresses()
    if not recipients:
        logger.warning("Versand %s: niemand zu benachrichtigen (%s)", send_id, event_name)
        return
    with translation.override("de"):
        status = send_status(send_id)
        subject = single_line(_(SUBJECTS[event_name]) % {"issue": status["issue"]})
        body = status_text(status)
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # a broken mail server must not stop the send
        logger.exception("Versand %s: Mitteilung an die Redaktion gescheitert", send_id)


def status_text(status):
    lines = [_("Ausgabe: %(issue)s") % status, _("Status: %(state_label)s") % status]
    if status["reason"]:
        lines.append(_("Grund: %(reason)s") % status)
    for key, label in [
        ("total", _("Empfänger")),
        ("sent", _("Versendet")),
        ("queued", _("Wartend")),
        ("failed", _("Fehlgeschlagen")),
        ("uncertain", _("Ungewiss")),
        ("skipped", _("Übersprungen")),
    ]:
        lines.append(f"{label}: {status[key]}")
    lines.append(_("Details: manage.py newsletter_status %(issue_id)s") % status)
    return "\n".join(lines) + "\n"
