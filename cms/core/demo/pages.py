"""Small idempotent building blocks for the demo: find a page or create it once."""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site


def child_page(parent, model, slug, **fields):
    """The child with this slug, created and published only if it does not exist yet."""
    return add_child_once(parent, model(slug=slug, **fields))


def add_child_once(parent, page):
    """Add and publish an unsaved page unless its parent already has a child with its slug."""
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def stream(*blocks):
    """StreamField raw data from (block type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def paragraphs(texts):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in texts))]


def replace_welcome_page():
    """Remove the placeholder page Wagtail's first migration creates, if it is still there."""
    plain_page = ContentType.objects.get_for_model(Page)
    Page.objects.filter(depth=2, content_type=plain_page, slug="home").delete()


def point_default_site_at(home):
    """Make the default site serve the demo home page under the configured BASE_URL."""
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id == home.pk:
        return site
    site.root_page, site.hostname, site.port = home, hostname, port
    site.site_name = "Partnerpost"
    site.save()
    return site


def site_address():
    from urllib.parse import urlsplit

    parts = urlsplit(settings.BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port
