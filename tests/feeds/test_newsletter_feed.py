"""The newsletter feed: published issues link their web versions; empty but valid otherwise."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from mailings.subscribers.models import Newsletter


@pytest.fixture
def archive(home):
    archive_model = apps.get_model("newsletter_issues", "NewsletterArchivePage")
    archive = archive_model(title="Newsletter-Archiv", slug="newsletter-archiv")
    home.add_child(instance=archive)
    return archive


@pytest.fixture
def add_issue(archive):
    issue_model = apps.get_model("newsletter_issues", "NewsletterIssuePage")
    newsletter = Newsletter.objects.create(name="Quartalsbrief", slug="quartal")

    def add(title, days_ago, live=True, **fields):
        issue = issue_model(
            title=title, slug=slugify(title), newsletter=newsletter, live=live, **fields
        )
        archive.add_child(instance=issue)
        issue.first_published_at = timezone.now() - datetime.timedelta(days=days_ago)
        issue.save()
        return issue

    return add


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_live_issues_newest_first_linking_their_web_version(
    fetch_feed, add_issue, extension, version
):
    add_issue(
        "Ausgabe Frühjahr",
        90,
        subject="Frühjahr im Netzwerk",
        preheader="Kurz gesagt",
        introduction='<p>Liebe Leserinnen, <a href="/blog/">mehr</a>.</p>',
    )
    add_issue("Ausgabe Sommer", 1, subject="Sommer im Netzwerk")
    add_issue("Ausgabe Entwurf", 0, live=False)
    feed = fetch_feed(f"/feeds/newsletter.{extension}")
    assert feed.version == version
    assert feed.feed.link == settings.BASE_URL + "/newsletter-archiv/"
    assert [e.title for e in feed.entries] == ["Sommer im Netzwerk", "Frühjahr im Netzwerk"]
    spring = feed.entries[1]
    assert spring.link == settings.BASE_URL + "/newsletter-archiv/ausgabe-fruhjahr/"
    assert f'href="{settings.BASE_URL}/blog/"' in spring.content[0].value
    assert spring.summary == "Kurz gesagt"
    assert [tag.term for tag in spring.tags] == ["Quartalsbrief"]


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_valid_and_empty_while_there_is_no_issue_model(
    fetch_feed, home, monkeypatch, extension, version
):
    real_get_model = apps.get_model

    def without_issue_pages(app_label, model_name=None, **kwargs):
        if app_label == "newsletter_issues":
            raise LookupError(f"App '{app_label}' doesn't have a '{model_name}' model.")
        return real_get_model(app_label, model_name, **kwargs)

    monkeypatch.setattr(apps, "get_model", without_issue_pages)
    feed = fetch_feed(f"/feeds/newsletter.{extension}")
    assert feed.version == version
    assert feed.feed.title == "Partnerpost: Newsletter-Ausgaben"
    assert feed.feed.link == settings.BASE_URL + "/"
    assert feed.entries == []
