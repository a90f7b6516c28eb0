"""Only live, public, already published pages appear, and publishing changes refresh feeds."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

FEEDS = [
    "/feeds/blog.rss",
    "/feeds/blog.atom",
    "/feeds/country/polen.rss",
    "/feeds/topic/jugend.atom",
]


def titles(fetch_feed, url):
    return {entry.title for entry in fetch_feed(url).entries}


@pytest.fixture
def tagged(poland, youth):
    return {"countries": [poland], "topics": [youth]}


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_drafts_private_and_future_posts_never_appear(fetch_feed, blog_index, tagged, url):
    factories.BlogPageFactory(parent=blog_index, title="Sichtbar", **tagged)
    draft = factories.BlogPageFactory(parent=blog_index, title="Entwurf", live=False, **tagged)
    private = factories.BlogPageFactory(parent=blog_index, title="Privat", **tagged)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")  # noqa: S106
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    factories.BlogPageFactory(parent=blog_index, title="Morgen", date=tomorrow, **tagged)
    assert draft.live is False
    assert titles(fetch_feed, url) == {"Sichtbar"}


@pytest.mark.django_db
def test_posts_below_a_private_section_are_hidden(fetch_feed, blog_index, tagged):
    factories.BlogPageFactory(parent=blog_index, title="Intern", **tagged)
    PageViewRestriction.objects.create(page=blog_index, restriction_type="login")
    assert titles(fetch_feed, "/feeds/blog.rss") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/events.rss", "/feeds/country/polen.atom"])
def test_draft_and_private_events_never_appear(fetch_feed, event_index, tagged, url):
    factories.EventPageFactory(parent=event_index, title="Offen", **tagged)
    factories.EventPageFactory(parent=event_index, title="Entwurf", live=False, **tagged)
    private = factories.EventPageFactory(parent=event_index, title="Privat", **tagged)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert titles(fetch_feed, url) == {"Offen"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_unpublishing_removes_the_post_from_cached_feeds(fetch_feed, blog_index, tagged, url):
    post = factories.BlogPageFactory(parent=blog_index, title="Bald weg", **tagged)
    assert titles(fetch_feed, url) == {"Bald weg"}
    post.unpublish()
    assert titles(fetch_feed, url) == set()


@pytest.mark.django_db
def test_publishing_a_draft_adds_it_to_the_cached_feed(fetch_feed, blog_index):
    draft = factories.BlogPageFactory(parent=blog_index, title="Neu", live=False)
    assert titles(fetch_feed, "/feeds/blog.rss") == set()
    draft.save_revision().publish()
    assert titles(fetch_feed, "/feeds/blog.rss") == {"Neu"}


@pytest.mark.django_db
def test_deleting_and_restricting_refresh_the_feed(fetch_feed, blog_index):
    first = factories.BlogPageFactory(parent=blog_index, title="Erster")
    second = factories.BlogPageFactory(parent=blog_index, title="Zweiter")
    assert titles(fetch_feed, "/feeds/blog.rss") == {"Erster", "Zweiter"}
    first.delete()
    PageViewRestriction.objects.create(page=second, restriction_type="login")
    assert titles(fetch_feed, "/feeds/blog.rss") == set()


@pytest.mark.django_db
def test_renaming_a_topic_refreshes_categories(fetch_feed, blog_index, youth):
    factories.BlogPageFactory(parent=blog_index, topics=[youth])
    assert fetch_feed("/feeds/blog.atom").entries[0].tags[0].term == "Jugend"
    youth.name = "Jugendarbeit"
    youth.save()
    assert fetch_feed("/feeds/blog.atom").entries[0].tags[0].term == "Jugendarbeit"


@pytest.mark.django_db
def test_post_scheduled_to_go_live_later_is_not_in_the_feed(fetch_feed, blog_index):
    post = factories.BlogPageFactory(parent=blog_index, title="Geplant", live=False)
    post.go_live_at = timezone.now() + datetime.timedelta(days=2)
    post.save_revision().publish()  # with a future go_live_at this only schedules
    assert titles(fetch_feed, "/feeds/blog.rss") == set()
