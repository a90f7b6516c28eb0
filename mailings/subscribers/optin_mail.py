"""Building the confirmation and welcome mails, and logging what the confirmation said."""

from django.conf import settings
from django.urls import reverse

from .links import personal_links
from .mail import CONFIRM_LINK_PLACEHOLDER, build_message, render, template_version
from .models import ConsentAction, ConsentEvent, Newsletter
from .tokens import confirmation_token


def request_newsletters(event):
    slugs = event.details.get("newsletters", [])
    return list(Newsletter.objects.filter(slug__in=slugs))


def build_confirmation(event):
    """(message, rendered mail) for the request logged as `event`; None if its lists are gone."""
    newsletters = request_newsletters(event)
    if not newsletters:
        return None
    token = confirmation_token(event)
    confirm_url = settings.BASE_URL + reverse("subscribers:confirm", kwargs={"token": token})
    mail = render(
        "confirmation",
        {
            "subscriber": event.subscriber,
            "newsletters": newsletters,
            "confirm_url": confirm_url,
            "valid_hours": settings.SUBSCRIBERS_CONFIRM_HOURS,
        },
    )
    headers = {"Auto-Submitted": "auto-generated"}
    message = build_message(event.subscriber, newsletters[0], mail, headers)
    return message, mail


def log_mail_sent(event, mail):
    # The link itself is a secret for 48 hours; the log keeps the text around it and a hash
    # of the exact mail as sent.
    token_url_start = settings.BASE_URL + reverse("subscribers:confirm", kwargs={"token": "x"})
    prefix = token_url_start.rsplit("x/", 1)[0]
    text = "\n".join(
        CONFIRM_LINK_PLACEHOLDER if line.strip().startswith(prefix) else line
        for line in mail.text.splitlines()
    )
    ConsentEvent.objects.create(
        subscriber=event.subscriber,
        email_hash=event.email_hash,
        action=ConsentAction.MAIL_SENT,
        related=event,
        mail_text=text,
        mail_hash=mail.digest,
        mail_template_version=template_version("confirmation"),
        details={"subject": mail.subject, "to": event.subscriber.email},
    )


def build_welcome(subscription):
    subscriber, newsletter = subscription.subscriber, subscription.newsletter
    mail = render(
        "welcome",
        {
            "subscriber": subscriber,
            "newsletter": newsletter,
            "links": personal_links(subscriber, newsletter),
        },
    )
    return build_message(subscriber, newsletter, mail)
