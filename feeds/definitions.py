"""Which feeds exist: each names its title, description, web page and how to find its entries.

The entries are only gathered when a feed is (re)built, never for a cached response.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.blog.models import BlogIndexPage
from cms.events.models import EventIndexPage, EventPage
from cms.taxonomy.models import Topic
from cms.topics.models import TopicIndexPage

from . import items, queries


@dataclass
class FeedSpec:
    key: str  # names the feed in cache keys and URLs, e.g. "blog" or "land/polen"
    title: str
    description: str
    link: Callable[[], str]
    entries: Callable[[], list]
    url_name: str = ""
    url_kwargs: dict | None = None

    def url(self, extension):
        kwargs = {**(self.url_kwargs or {}), "extension": extension}
        return settings.BASE_URL + reverse(f"feeds:{self.url_name}", kwargs=kwargs)


def index_link(model):
    """The absolute URL of the first live index page of this type, else the home page."""
    index = model.objects.live().public().first() if model else None
    return items.page_link(index) if index else settings.BASE_URL + "/"


def blog_feed():
    return FeedSpec(
        key="blog",
        url_name="blog",
        title=_("Blog"),
        description=_("Berichte, Beispiele und Hintergründe aus dem Netzwerk, neueste zuerst."),
        link=lambda: index_link(BlogIndexPage),
        entries=lambda: items.post_items(queries.latest_posts()),
    )


def events_feed():
    return FeedSpec(
        key="events",
        url_name="events",
        title=_("Veranstaltungen"),
        description=_("Kommende Seminare, Runde Tische und Online-Treffen, die nächsten zuerst."),
        link=lambda: index_link(EventIndexPage),
        entries=lambda: items.event_items(queries.upcoming_events()),
    )


def newsletter_feed():
    return FeedSpec(
        key="newsletter",
        url_name="newsletter",
        title=_("Newsletter-Ausgaben"),
        description=_("Die Webversionen aller erschienenen Newsletter-Ausgaben."),
        link=lambda: index_link(queries.issues_model("NewsletterArchivePage")),
        entries=lambda: items.issue_items(queries.published_issues()),
    )


def country_feed(slug):
    """Posts and upcoming events of one focus country; 404 for unknown or hidden countries."""
    country = get_object_or_404(queries.live_countries(), slug=slug)
    return FeedSpec(
        key=f"land/{country.pk}",
        url_name="country",
        url_kwargs={"slug": country.slug},
        title=country.title,
        description=_("Beiträge und Veranstaltungen zum Länderschwerpunkt %(country)s.")
        % {"country": country.title},
        link=lambda: items.page_link(country),
        entries=lambda: mixed_entries(countries=country),
    )


def topic_feed(slug):
    """Posts and upcoming events of one topic; 404 for unknown topics."""
    topic = get_object_or_404(Topic, slug=slug)
    return FeedSpec(
        key=f"thema/{topic.pk}",
        url_name="topic",
        url_kwargs={"slug": topic.slug},
        title=topic.name,
        description=_("Beiträge und Veranstaltungen zum Thema %(topic)s.") % {"topic": topic.name},
        link=lambda: topic_link(topic),
        entries=lambda: mixed_entries(topics=topic),
    )


def topic_link(topic):
    """The topic's page under the topic index, else the home page."""
    index = TopicIndexPage.objects.live().public().first()
    if index is None:
        return settings.BASE_URL + "/"
    return items.absolute(index.topic_url(topic))


def mixed_entries(**lookup):
    """Posts and upcoming events matching the lookup, newest publication first."""
    posts = queries.latest_posts(queries.published_posts().filter(**lookup))
    events = queries.upcoming_events(EventPage.objects.filter(**lookup))
    return items.newest_first(items.post_items(posts) + items.event_items(events))
