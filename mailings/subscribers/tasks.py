"""Background mail of the opt-in. Tasks take ids and re-fetch: the row may be gone by then."""

import logging

from django.core.mail import get_connection
from django_tasks import task

from .models import ConsentEvent, Subscription, SubscriptionStatus
from .optin_mail import build_confirmation, build_welcome, log_mail_sent

logger = logging.getLogger(__name__)


@task()
def send_confirmation_mail(request_event_id):
    send_confirmation_mails.call([request_event_id])


@task()
def send_confirmation_mails(request_event_ids):
    """One connection for a batch, e.g. after an import with --send-optin."""
    events = ConsentEvent.objects.select_related("subscriber").filter(
        pk__in=request_event_ids, subscriber__isnull=False
    )
    with get_connection() as connection:
        for event in events:
            built = build_confirmation(event)
            if built is None:
                continue
            message, mail = built
            message.connection = connection
            message.send()
            log_mail_sent(event, mail)


@task()
def send_welcome_mail(subscription_id):
    subscription = (
        Subscription.objects.select_related("subscriber", "newsletter")
        .filter(pk=subscription_id, status=SubscriptionStatus.SUBSCRIBED).first()
    )
    if subscription is None:
        logger.info("Willkommensmail entfällt: Abonnement %s nicht mehr aktiv", subscription_id)
        return
    build_welcome(subscription).send()
