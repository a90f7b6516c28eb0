"""POST /newsletter/ses-events/: the Amazon SNS HTTPS subscription of our SES events topic.

Every message is verified before anything in it is read (sns.py). Forged, unsigned, stale or
foreign messages get 403 and change nothing. Answers are plain text for SNS, not for people.
"""

import json
import logging

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import remote, sns
from .events import Unreadable, read_event
from .handling import record

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def ses_events(request):
    try:
        message = verified_message(request)
    except sns.Refused as refusal:
        logger.warning("SNS-Nachricht abgewiesen: %s", refusal)
        return HttpResponseForbidden("refused", content_type="text/plain")
    except sns.Unavailable as problem:
        logger.warning("SNS-Nachricht vorerst nicht prüfbar: %s", problem)
        return HttpResponse("try again", status=503, content_type="text/plain")
    return HANDLERS[message["Type"]](message)


def verified_message(request):
    try:
        message = json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as error:
        raise sns.Refused("Inhalt ist kein JSON") from error
    sns.verify(message)
    announced = request.headers.get("x-amz-sns-message-type")
    if announced and announced != message["Type"]:
        raise sns.Refused("Kopfzeile x-amz-sns-message-type passt nicht zum Inhalt")
    return message


def confirm_subscription(message):
    """Subscribe the endpoint to the (allowed) topic by visiting SubscribeURL, if it is SNS's."""
    url = message["SubscribeURL"]
    if not sns.sns_url_allowed(url):
        logger.warning("SNS-Bestätigung abgewiesen: SubscribeURL %r gehört nicht zu SNS", url)
        return HttpResponseForbidden("refused", content_type="text/plain")
    try:
        remote.fetch(url)
    except OSError as error:
        logger.warning("SNS-Abonnement %s nicht bestätigt: %s", message["TopicArn"], error)
        return HttpResponse("confirmation failed", status=502, content_type="text/plain")
    logger.info("SNS-Abonnement für %s bestätigt", message["TopicArn"])
    return ok()


def unsubscribed(message):
    logger.warning(
        "SNS meldet: Abonnement für %s beendet; es kommen keine SES-Ereignisse mehr",
        message["TopicArn"],
    )
    return ok()


def notification(message):
    try:
        payload = json.loads(message["Message"])
        event = read_event(payload)
    except (ValueError, Unreadable) as error:  # e.g. a test message sent from the console
        logger.warning(
            "SNS-Nachricht %s enthält kein SES-Ereignis: %s", message["MessageId"], error
        )
        return ok()
    if event is not None and not record(message["MessageId"], event, payload):
        logger.info("SNS-Nachricht %s kam erneut und ändert nichts", message["MessageId"])
    return ok()


def ok():
    return HttpResponse("ok", content_type="text/plain")


HANDLERS = {
    "SubscriptionConfirmation": confirm_subscription,
    "UnsubscribeConfirmation": unsubscribed,
    "Notification": notification,
}
