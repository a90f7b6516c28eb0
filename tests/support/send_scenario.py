"""A send at scale, for tests and bench scripts alike: a site with imprint data, a sendable
issue and N subscribed subscribers.

Subscribers are seeded in bulk (bulk_create in chunks, no query per row), so 100,000 take
seconds; addresses are numbered, e.g. leser17@example.org. Nothing here depends on pytest:
tests call it with the pytest-django database, bench scripts after bench/_setup.py.
"""

import datetime
import json
from dataclasses import dataclass

from wagtail.models import Collection, Locale, Page, Site

from cms.core.models import SiteSettings
from cms.home.models import HomePage
from cms.standardpages.models import StandardPage
from mailings.issues.models import NewsletterArchivePage, NewsletterIssuePage
from mailings.subscribers.models import Newsletter, Subscriber, Subscription, SubscriptionStatus

CHUNK = 5000
SENDER = "newsletter@netzwerk.example"
PARAGRAPH = (
    "<p>Die Partnerschaft zwischen unseren Städten lebt von Begegnungen: Schulklassen, "
    "Chöre, Sportvereine und Verwaltungen besuchen einander, lernen voneinander und "
    "planen gemeinsame Projekte für Jugend, Klima und Integration.</p>"
)


@dataclass(frozen=True)
class Scenario:
    archive: NewsletterArchivePage
    newsletter: Newsletter
    issue: NewsletterIssuePage

    @property
    def slug(self):
        return self.issue.slug


def address(number, domain="example.org"):
    return f"leser{number}@{domain}"


def build_site():
    """Home page, default site, imprint page and the site settings a send needs."""
    Locale.objects.get_or_create(language_code="de")
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(
        instance=HomePage(title="Startseite", slug="start", introduction="<p>Willkommen</p>")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Partnerpost",
        },
    )
    imprint = home.add_child(instance=StandardPage(title="Impressum", slug="impressum"))
    imprint_settings(imprint)
    return home


def imprint_settings(imprint):
    values = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values.organisation_name = "Netzwerkbüro Städtepartnerschaften"
    values.street, values.postal_code, values.city = "Lindenallee 7", "30159", "Hannover"
    values.email = "info@netzwerk.example"
    values.newsletter_sender_name = "Netzwerkbüro Newsletter"
    values.newsletter_sender_email = SENDER
    values.newsletter_reply_to = "redaktion@netzwerk.example"
    values.imprint_page = imprint
    values.save()


def text_sections(count):
    """`count` text sections of a few paragraphs each: the size of the mail scales with it."""
    return json.dumps(
        [
            {
                "type": "text",
                "value": {
                    "heading": f"Aus dem Netzwerk {n + 1}",
                    "body": PARAGRAPH * 3,
                    "channel": "both",
                },
            }
            for n in range(count)
        ]
    )


def build_archive(home):
    return home.add_child(
        instance=NewsletterArchivePage(title="Newsletter-Archiv", slug="newsletter-archiv")
    )


def build_newsletter(slug="quartal", name="Quartalsnewsletter"):
    return Newsletter.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def build_issue(archive, newsletter, number=1, sections=1):
    """A draft issue without checklist blockers (the send publishes it)."""
    issue = NewsletterIssuePage(
        title=f"Newsletter {number}/2026",
        slug=f"newsletter-{number}-2026",
        newsletter=newsletter,
        period="2026-Q4",
        planned_send_date=datetime.date(2026, 10, 6),
        subject="Neues aus dem Netzwerk",
        preheader="Begegnungen, Termine, Länder",
        introduction="<p>Liebe Leserinnen und Leser, willkommen!</p>",
        sections=text_sections(sections),
    )
    archive.add_child(instance=issue)
    issue.save_revision()
    issue.unpublish()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def seed_subscribers(newsletter, count, start=0, domain="example.org"):
    """`count` subscribed subscribers numbered from `start`; returns how many were made."""
    for first in range(start, start + count, CHUNK):
        numbers = range(first, min(first + CHUNK, start + count))
        people = Subscriber.objects.bulk_create(
            Subscriber(email=address(n, domain), name=f"Leserin {n}") for n in numbers
        )
        Subscription.objects.bulk_create(
            Subscription(
                subscriber=person, newsletter=newsletter, status=SubscriptionStatus.SUBSCRIBED
            )
            for person in people
        )
    return count


def build(count, sections=1):
    """Site, newsletter, sendable issue and `count` subscribers, ready for newsletter_send."""
    archive = build_archive(build_site())
    newsletter = build_newsletter()
    issue = build_issue(archive, newsletter, sections=sections)
    seed_subscribers(newsletter, count)
    return Scenario(archive=archive, newsletter=newsletter, issue=issue)
