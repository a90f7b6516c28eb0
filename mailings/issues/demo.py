"""Demo data for this app; called by seed_demo after the site content and the subscribers.

Adds the newsletter archive with one sent issue (last quarter) and one draft issue for the
current quarter, pre-filled by the same assemble step editors use. Idempotent: pages are
looked up by slug first.
"""

import datetime
import json

from django.utils import timezone
from wagtail.models import Page

from cms.home.models import HomePage
from cms.people.models import ContactPerson
from mailings.sending.demo import seed_send_results
from mailings.sending.models import Send
from mailings.sending.states import SendState
from mailings.subscribers.models import Newsletter

from .assemble import assemble_sections, new_posts
from .models import NewsletterArchivePage, NewsletterIssuePage
from .periods import Quarter

INTRO = (
    "<p>Liebe Partnerschaftsaktive, in dieser Ausgabe berichten wir von Begegnungen, "
    "stellen neue Termine vor und blicken in unsere Schwerpunktländer.</p>"
)
CLOSING = (
    "<p>Haben Sie Fragen, Ideen oder eine Geschichte aus Ihrer Partnerschaft? "
    "Schreiben Sie uns, wir freuen uns auf Ihre Nachricht.</p>"
)


def seed():
    newsletter, _created = Newsletter.objects.get_or_create(
        slug="quartal", defaults={"name": "Quartalsnewsletter", "is_default": True}
    )
    home = HomePage.objects.first()
    if home is None:
        return
    archive = seed_archive(home)
    quarter = Quarter.containing(timezone.localdate())
    seed_sent_issue(archive, newsletter, quarter.previous())
    seed_draft_issue(archive, newsletter, quarter)


def seed_archive(home):
    existing = NewsletterArchivePage.objects.child_of(home).first()
    if existing:
        return existing
    archive = NewsletterArchivePage(
        title="Newsletter-Archiv",
        slug="newsletter-archiv",
        introduction="<p>Alle bisherigen Ausgaben unseres Quartalsnewsletters.</p>",
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    return archive


def issue_for(archive, newsletter, quarter, send_date):
    return NewsletterIssuePage(
        title=f"Newsletter {quarter.label}",
        slug=f"newsletter-{quarter.number}-{quarter.year}",
        newsletter=newsletter,
        period=quarter.key,
        planned_send_date=send_date,
        subject=f"Partnerschaften lebendig halten – Newsletter {quarter.label}",
        preheader="Begegnungen, Termine und Neues aus unseren Schwerpunktländern",
        introduction=INTRO,
    )


def exists(archive, quarter):
    slug = f"newsletter-{quarter.number}-{quarter.year}"
    return Page.objects.child_of(archive).filter(slug=slug).exists()


def seed_sent_issue(archive, newsletter, quarter):
    slug = f"newsletter-{quarter.number}-{quarter.year}"
    issue = NewsletterIssuePage.objects.child_of(archive).filter(slug=slug).first()
    if issue is None:
        issue = create_sent_issue(archive, newsletter, quarter)
    # What its send left behind (deliveries, SES feedback, unsubscribes); once only.
    for send in issue.sends.finished().select_related("issue", "newsletter"):
        seed_send_results(send)


def create_sent_issue(archive, newsletter, quarter):
    send_date = quarter.start + datetime.timedelta(days=6)
    issue = issue_for(archive, newsletter, quarter, send_date)
    posts = list(new_posts(issue)[:3])
    issue.sections = json.dumps(
        [
            {
                "type": "featured_posts",
                "value": {
                    "heading": "Aus dem Blog",
                    "posts": [post.pk for post in posts],
                    "channel": "both",
                },
            },
            closing_block(),
        ]
        if posts
        else [closing_block()]
    )
    archive.add_child(instance=issue)
    revision = issue.save_revision()
    revision.publish()
    Send.objects.create(
        issue=issue,
        newsletter=newsletter,
        revision=revision,
        state=SendState.DONE,
        subject=issue.subject,
        created_at=issue.planned_send_at - datetime.timedelta(days=1),
        scheduled_for=issue.planned_send_at,
        started_at=issue.planned_send_at,
        finished_at=issue.planned_send_at,
    )
    return issue


def seed_draft_issue(archive, newsletter, quarter):
    if exists(archive, quarter):
        return
    issue = issue_for(archive, newsletter, quarter, timezone.localdate())
    sections = json.loads(assemble_sections(issue))
    issue.sections = json.dumps([*sections, survey_block(), closing_block()])
    issue.live = False
    archive.add_child(instance=issue)
    issue.save_revision()


def survey_block():
    closing = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "type": "call_to_action",
        "value": {
            "title": "Ihre Meinung zählt",
            "button_label": "Zur Umfrage",
            "text": "Was wünschen Sie sich vom Netzwerkbüro? Fünf Minuten, zehn Fragen.",
            "page": None,
            "url": "https://umfrage.netzwerkbuero.example/2026",
            "closing_date": closing.isoformat(),
            "channel": "both",
        },
    }


def closing_block():
    people = list(ContactPerson.objects.order_by("name").values_list("pk", flat=True)[:2])
    return {
        "type": "closing",
        "value": {
            "heading": "Zum Schluss",
            "text": CLOSING,
            "contact_persons": people,
            "channel": "both",
        },
    }
