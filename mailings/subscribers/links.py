"""Personal links that every mail to a subscriber carries: preferences and unsubscribe.

They are signed (django.core.signing) with the subscriber's link_key, so they need no login,
cannot be guessed or altered, and are all revoked at once by giving the subscriber a new key.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

PERSONAL_SALT = "mailings.subscribers.personal"


def personal_token(subscriber):
    return signing.dumps({"s": subscriber.pk, "k": subscriber.link_key.hex}, salt=PERSONAL_SALT)


def subscriber_from_token(token):
    """The subscriber a personal token belongs to, or None if it is forged or revoked."""
    from .models import Subscriber

    try:
        data = signing.loads(token, salt=PERSONAL_SALT)
    except signing.BadSignature:
        return None
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or subscriber.link_key.hex != data.get("k"):
        return None
    return subscriber


def personal_links(subscriber, newsletter):
    """Absolute URLs for one subscriber and newsletter, ready for mail templates and headers."""
    token = personal_token(subscriber)
    kwargs = {"token": token, "newsletter": newsletter.slug}
    return {
        "preferences_url": absolute(reverse("subscribers:preferences", kwargs={"token": token})),
        "unsubscribe_url": absolute(reverse("subscribers:unsubscribe", kwargs=kwargs)),
        "one_click_url": absolute(reverse("subscribers:one_click", kwargs=kwargs)),
        "unsubscribe_mailto": (
            f"mailto:{unsubscribe_mailbox()}?subject=unsubscribe-{newsletter.slug}"
        ),
    }


def list_unsubscribe_headers(links):
    """RFC 2369 and RFC 8058 headers from personal_links()."""
    return {
        "List-Unsubscribe": f"<{links['one_click_url']}>, <{links['unsubscribe_mailto']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def absolute(path):
    return settings.BASE_URL + path


def unsubscribe_mailbox():
    return getattr(settings, "UNSUBSCRIBE_MAILBOX", "") or settings.DEFAULT_FROM_EMAIL
