"""Feed entries, independent of the format: built once from pages, written as RSS or Atom."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms.core.html import clean_html

from .event_facts import facts_as_html, facts_as_text
from .rendering import expand_many, header_image_html, render_bodies


@dataclass
class FeedItem:
    uid: str
    title: str
    link: str
    published: datetime.datetime
    updated: datetime.datetime
    summary: str
    content: str
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def site_zone():
    return timezone.get_default_timezone()


def tag_uri(page_pk):
    """An id that survives every edit of title or slug: it only knows the page's pk."""
    authority = settings.FEEDS_TAG_AUTHORITY or urlsplit(settings.BASE_URL).hostname
    return f"tag:{authority},{settings.FEEDS_TAG_DATE}:seite-{page_pk}"


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.BASE_URL + url


def page_link(page):
    return absolute(page.url or "/")


def berlin(moment):
    """In the site's zone, to the second (RFC 822 dates have no fractions)."""
    return timezone.localtime(moment, site_zone()).replace(microsecond=0)


def categories(page):
    return [t.name for t in page.topics.all()] + [c.title for c in page.countries.all()]


def post_items(posts):
    bodies = render_bodies(posts)
    return [post_item(post, bodies[post.pk]) for post in posts]


def post_item(post, body_html):
    published = berlin(post.published_at)
    return FeedItem(
        uid=tag_uri(post.pk),
        title=post.title,
        link=page_link(post),
        published=published,
        updated=max(published, berlin(post.last_published_at or post.published_at)),
        summary=post.teaser,
        content=clean_html(header_image_html(post) + body_html),
        authors=[author.name for author in post.authors.all()],
        categories=categories(post),
    )


def event_items(events):
    bodies = render_bodies(events)
    return [event_item(event, bodies[event.pk]) for event in events]


def event_item(event, body_html):
    # Pages created live without publishing (imports, scripts) have no publication time.
    published = berlin(event.first_published_at or timezone.now())
    details = facts_as_html(event) + registration_html(event) + header_image_html(event)
    return FeedItem(
        uid=tag_uri(event.pk),
        title=event.title,
        link=page_link(event),
        published=published,
        updated=berlin(event.last_published_at or published),
        summary=f"{facts_as_text(event)}\n\n{event.teaser}".strip(),
        content=clean_html(details + body_html),
        authors=[event.organiser] if event.organiser else [],
        categories=categories(event),
    )


def registration_html(event):
    if not event.registration_url:
        return ""
    return format_html('<p><a href="{}">{}</a></p>', event.registration_url, _("Zur Anmeldung"))


def issue_items(issues):
    introductions = expand_many([issue.introduction or "" for issue in issues])
    return [issue_item(issue, html) for issue, html in zip(issues, introductions, strict=True)]


def issue_item(issue, introduction_html):
    published = berlin(issue.first_published_at or timezone.now())
    return FeedItem(
        uid=tag_uri(issue.pk),
        title=issue.subject or issue.title,
        link=page_link(issue),
        published=published,
        updated=berlin(issue.last_published_at or published),
        summary=issue.preheader,
        content=clean_html(introduction_html + web_version_html(issue)),
        categories=[issue.newsletter.name],
    )


def web_version_html(issue):
    return format_html('<p><a href="{}">{}</a></p>', page_link(issue), _("Zur Webversion"))


def newest_first(items):
    return sorted(items, key=lambda item: item.published, reverse=True)
