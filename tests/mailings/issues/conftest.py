"""Fixtures for the issue tests: settings with imprint data, a newsletter, an archive, and
helpers that build issues from real pages."""

import datetime
import json

import pytest
from wagtail.models import Site

from cms.core.models import SiteSettings
from mailings.issues.models import NewsletterArchivePage, NewsletterIssuePage
from mailings.sending.models import Send
from mailings.sending.states import SendState
from mailings.subscribers.models import Newsletter, Subscriber
from tests import factories


@pytest.fixture
def site_settings(home):
    imprint = factories.StandardPageFactory(parent=home, title="Impressum", slug="impressum")
    values = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values.organisation_name = "Netzwerkbüro Städtepartnerschaften"
    values.street, values.postal_code, values.city = "Lindenallee 7", "30159", "Hannover"
    values.email = "info@netzwerk.example"
    values.newsletter_sender_name = "Netzwerkbüro Newsletter"
    values.newsletter_sender_email = "newsletter@netzwerk.example"
    values.newsletter_reply_to = "redaktion@netzwerk.example"
    values.imprint_page = imprint
    values.save()
    return values


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.get_or_create(
        slug="quartal", defaults={"name": "Quartalsnewsletter", "is_default": True}
    )[0]


@pytest.fixture
def archive(home):
    page = NewsletterArchivePage(title="Newsletter-Archiv", slug="newsletter-archiv")
    home.add_child(instance=page)
    return page


@pytest.fixture
def subscriber(db):
    return Subscriber.objects.create(email="lea.brandt@example.org", name="Léa Brandt")


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def posts_block(posts, **extra):
    return (
        "featured_posts",
        {"heading": "Aus dem Blog", "posts": [p.pk for p in posts], "channel": "both", **extra},
    )


def events_block(events=(), mode="chosen"):
    return (
        "events",
        {"heading": "Termine", "mode": mode, "events": [e.pk for e in events], "channel": "both"},
    )


@pytest.fixture
def make_issue(archive, newsletter, site_settings):
    def make(*blocks, live=True, sent_at=None, **fields):
        defaults = {
            "title": "Newsletter 4/2026",
            "slug": f"newsletter-{NewsletterIssuePage.objects.count()}",
            "newsletter": newsletter,
            "period": "2026-Q4",
            "planned_send_date": datetime.date(2026, 10, 6),
            "subject": "Neues aus dem Netzwerk",
            "preheader": "Begegnungen, Termine, Länder",
            "introduction": "<p>Liebe Leserinnen und Leser, willkommen!</p>",
            "sections": stream(*blocks),
        }
        issue = NewsletterIssuePage(**{**defaults, **fields})
        archive.add_child(instance=issue)
        revision = issue.save_revision()
        if live:
            revision.publish()
        else:
            issue.unpublish()
        issue.refresh_from_db()
        if sent_at:
            Send.objects.create(
                issue=issue,
                newsletter=issue.newsletter,
                state=SendState.DONE,
                revision=revision,
                started_at=sent_at,
                finished_at=sent_at,
            )
        return issue

    return make


@pytest.fixture
def post_with_image(blog_index):
    def make(**fields):
        image = factories.ImageFactory()
        return factories.BlogPageFactory(
            parent=blog_index,
            header_image=image,
            header_image_alt=fields.pop("header_image_alt", "Jugendliche am Hafen"),
            **fields,
        )

    return make
