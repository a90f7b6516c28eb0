"""Render an issue once: MJML from the layout template, compiled by mjml-python, plus the
plain-text part. Personal links are placeholder tokens here, replaced per recipient."""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from cms.core.html import clean_html
from cms.core.models import SiteSettings
from mailings.mjml import compile_mjml

from .blocks import EMAIL, WEB
from .links import Links
from .plaintext import html_to_text
from .sections import build_sections

# Plain words survive autoescaping, MJML and the text template unchanged.
TOKENS = {
    "preferences_url": "PPTOKEN_PREFERENCES_URL",
    "unsubscribe_url": "PPTOKEN_UNSUBSCRIBE_URL",
}


@dataclass(frozen=True)
class RenderedIssue:
    mjml: str
    html: str
    text: str


def render_issue(issue):
    """The issue as MJML source, compiled HTML and text, each with personal-link tokens."""
    with translation.override("de"):
        context = email_context(issue)
        source = render_to_string(f"mailings/issues/email/{issue.layout}.mjml", context)
        text = render_to_string("mailings/issues/email/text.txt", context)
    return RenderedIssue(mjml=source, html=compile_mjml(source), text=tidy_text(text))


def email_context(issue):
    links = Links(issue.utm_campaign)
    site_settings = load_site_settings()
    html, text = introduction(issue, links)
    return {
        "issue": issue,
        "sections": build_sections(issue, EMAIL),
        "tokens": TOKENS,
        "introduction_html": html,
        "introduction_text": text,
        "site_settings": site_settings,
        "reason": reason(issue, site_settings),
        "web_url": links.page(issue) if issue.live else "",
        "imprint_url": links.page(site_settings.imprint_page),
        "privacy_url": links.page(site_settings.privacy_page),
    }


def web_context(issue):
    """What the web version adds to the page context: the same sections, web-only ones."""
    html, _text = introduction(issue, Links(issue.utm_campaign))
    return {"sections": build_sections(issue, WEB), "introduction_html": html}


def introduction(issue, links):
    html = clean_html(expand_db_html(issue.introduction or ""), base_url=links.base)
    return html, html_to_text(html)


def load_site_settings():
    """The default site's settings with their legal pages, in one query (unsaved if none)."""
    found = (
        SiteSettings.objects.select_related("imprint_page", "privacy_page")
        .filter(site__is_default_site=True)
        .first()
    )
    return found or SiteSettings(site=Site.objects.filter(is_default_site=True).first())


def reason(issue, site_settings):
    """Why the reader gets this mail (part of the footer every mailing must carry)."""
    sender = site_settings.organisation_name or "Partnerpost"
    return _(
        "Sie erhalten diese E-Mail, weil Sie den Newsletter „%(newsletter)s“ von "
        "%(sender)s abonniert haben."
    ) % {"newsletter": issue.newsletter.name, "sender": sender}


def tidy_text(text):
    text = re.sub(r"[ \t]+\n", "\n", text.replace("-- \n", "--\u00a0\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text.replace("--\u00a0\n", "-- \n")  # keep the signature separator's space


def personalise(content, values):
    """Replace the tokens with one reader's values (str.replace: microseconds per mail)."""
    for name, token in TOKENS.items():
        content = content.replace(token, values[name])
    return content


def sample_personalisation(content):
    """Tokens replaced by links that look real but belong to nobody (for previews)."""
    return personalise(content, dict.fromkeys(TOKENS, "#"))
