"""The two mails of the opt-in: the confirmation request and the welcome.

Both are rendered from MJML plus a plain-text twin, come from the sender in the site settings
and carry the List-Unsubscribe headers (RFC 2369/8058) like every mail to a subscriber.
"""

import dataclasses
import hashlib
from email.headerregistry import Address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template, render_to_string
from wagtail.models import Site

from cms.core.models import SiteSettings
from cms.core.validators import single_line
from mailings.mjml import compile_mjml

from .links import list_unsubscribe_headers, personal_links

TEMPLATES = "mailings/subscribers/mail/"
CONFIRM_LINK_PLACEHOLDER = "[Bestätigungslink]"


@dataclasses.dataclass
class RenderedMail:
    subject: str
    text: str
    html: str

    @property
    def digest(self):
        return hashlib.sha256("\n".join([self.subject, self.text, self.html]).encode()).hexdigest()


def default_site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def template_version(name):
    """A short hash of the templates of one mail: which wording the recipient saw."""
    sources = [
        get_template(f"{TEMPLATES}{name}{ext}").template.source
        for ext in ("_subject.txt", ".txt", ".mjml")
    ]
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()[:16]


def render(name, context):
    context = {"site_settings": default_site_settings(), "base_url": settings.BASE_URL, **context}
    subject = render_to_string(f"{TEMPLATES}{name}_subject.txt", context)
    return RenderedMail(
        subject=single_line(subject),
        text=render_to_string(f"{TEMPLATES}{name}.txt", context),
        html=compile_mjml(render_to_string(f"{TEMPLATES}{name}.mjml", context)),
    )


def sender(site_settings):
    # Cleaned: a stored line break would make Address (and so every opt-in mail) fail.
    email = single_line(site_settings.newsletter_sender_email) or settings.DEFAULT_FROM_EMAIL
    name = single_line(site_settings.newsletter_sender_name or site_settings.organisation_name)
    # Address quotes names with commas; Django encodes the non-ASCII parts when sending.
    return str(Address(display_name=name, addr_spec=email)) if name else email


def site_domain():
    return urlsplit(settings.BASE_URL).hostname or "localhost"


def subscriber_headers(subscriber, newsletter):
    headers = list_unsubscribe_headers(personal_links(subscriber, newsletter))
    headers["List-Id"] = single_line(newsletter.list_id(site_domain()))
    return headers


def build_message(subscriber, newsletter, mail, extra_headers=None):
    site_settings = default_site_settings()
    reply_to = single_line(site_settings.newsletter_reply_to)
    headers = {**subscriber_headers(subscriber, newsletter), **(extra_headers or {})}
    message = EmailMultiAlternatives(
        subject=single_line(mail.subject),
        body=mail.text,
        from_email=sender(site_settings),
        to=[single_line(subscriber.email)],
        reply_to=[reply_to] if reply_to else None,
        headers=headers,
    )
    message.attach_alternative(mail.html, "text/html")
    return message
