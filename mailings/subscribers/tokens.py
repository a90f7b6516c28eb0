"""Signed, expiring, single-use confirmation links for the double opt-in.

The token names the consent-log row of the request and the subscriber's link key. Signing
makes it unforgeable, the signature's timestamp makes it expire, and the unique constraint
"one confirmation per request" in the consent log makes it single-use.
"""

import datetime
import enum

from django.conf import settings
from django.core import signing

from .models import ConsentAction, ConsentEvent

CONFIRM_SALT = "mailings.subscribers.confirm"


class LinkState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    INVALID = "invalid"


def confirmation_token(request_event):
    key = request_event.subscriber.link_key.hex
    return signing.dumps({"e": request_event.pk, "k": key}, salt=CONFIRM_SALT)


def confirm_max_age():
    return datetime.timedelta(hours=settings.SUBSCRIBERS_CONFIRM_HOURS)


def read_confirmation_token(token):
    """(state, request event or None). Expired and used links still name their request,
    so the page can offer a new mail; forged or revoked ones name nothing."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
        state = LinkState.VALID
    except signing.SignatureExpired:
        data = signing.loads(token, salt=CONFIRM_SALT)
        state = LinkState.EXPIRED
    except signing.BadSignature:
        return LinkState.INVALID, None
    event = request_event(data)
    if event is None:
        return LinkState.INVALID, None
    if state is LinkState.VALID and event.answers.filter(action=ConsentAction.CONFIRMED).exists():
        state = LinkState.USED
    return state, event


def request_event(data):
    event = (
        ConsentEvent.objects.select_related("subscriber")
        .filter(pk=data.get("e"), action=ConsentAction.REQUESTED, subscriber__isnull=False)
        .first()
    )
    if event is None or event.subscriber.link_key.hex != data.get("k"):
        return None
    return event
