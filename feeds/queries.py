"""What feeds may show: live, public pages only, nothing dated in the future.

Every list comes with its relations prefetched, so a feed costs the same few queries for 3
entries as for 50.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from cms.blog.models import BlogPage
from cms.core.pages import with_listing_images
from cms.countries.models import CountryPage
from cms.events.models import EventPage


def max_items():
    return settings.FEEDS_MAX_ITEMS


def with_feed_relations(pages):
    """Topics, live countries and header images in one query each for the whole list."""
    countries = CountryPage.objects.live().public().order_by("title")
    pages = pages.prefetch_related("topics", Prefetch("countries", queryset=countries))
    return with_listing_images(pages)


def published_posts():
    """Posts readers may see; a post dated in the future counts as not yet published."""
    posts = BlogPage.objects.live().public().filter(date__lte=timezone.localdate())
    return posts.order_by("-date", "-pk")


def latest_posts(posts=None):
    posts = published_posts() if posts is None else posts
    return list(with_feed_relations(posts).prefetch_related("authors")[: max_items()])


def upcoming_events(events=None):
    """Events not yet over, soonest first."""
    events = EventPage.objects.all() if events is None else events
    return list(with_feed_relations(events.upcoming())[: max_items()])


def live_countries():
    return CountryPage.objects.live().public().order_by("title")


def issues_model(name="NewsletterIssuePage"):
    """A page type of the newsletter issues app, or None while that app does not have it."""
    try:
        return apps.get_model("newsletter_issues", name)
    except LookupError:
        return None


def published_issues():
    """Live, public issues, newest first (their pages are the web versions)."""
    model = issues_model()
    if model is None:
        return []
    issues = model.objects.live().public().select_related("newsletter")
    return list(issues.order_by("-first_published_at", "-pk")[: max_items()])
