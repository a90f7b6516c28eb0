"""The one HTML sanitiser for everything that leaves the site: feeds and mails.

nh3 (ammonia) replaces bleach, which is unmaintained since 2026-06. Relative URLs are
rewritten against BASE_URL, so every link and image in a feed item or mail is absolute.
"""

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html, base_url=None):
    """Safe HTML: no scripts, no event handlers, no foreign schemes, only absolute URLs."""
    base = (base_url or settings.BASE_URL).rstrip("/") + "/"
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        url_schemes=URL_SCHEMES,
        url_relative=("rewrite_with_base", base),
        link_rel="noopener noreferrer",
    )
