"""The list of all feeds with their addresses, for /feeds/ and the autodiscovery links."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.taxonomy.models import Topic

from . import queries

SYNDICATION = [("RSS", "rss", "application/rss+xml"), ("Atom", "atom", "application/atom+xml")]


@dataclass
class FeedLink:
    format: str
    url: str
    media_type: str


@dataclass
class FeedEntry:
    title: str
    description: str
    links: list


def feed_url(url_name, **kwargs):
    return settings.BASE_URL + reverse(f"feeds:{url_name}", kwargs=kwargs)


def syndication_links(url_name, **kwargs):
    return [
        FeedLink(label, feed_url(url_name, extension=extension, **kwargs), media)
        for label, extension, media in SYNDICATION
    ]


def site_feeds():
    calendar = FeedLink("iCalendar", feed_url("events_ics"), "text/calendar")
    return [
        FeedEntry(_("Blog"), _("Alle Beiträge, neueste zuerst."), syndication_links("blog")),
        FeedEntry(
            _("Veranstaltungen"),
            _("Kommende Veranstaltungen, die nächsten zuerst."),
            [*syndication_links("events"), calendar],
        ),
        FeedEntry(
            _("Newsletter"),
            _("Die Webversionen der erschienenen Ausgaben."),
            syndication_links("newsletter"),
        ),
    ]


def country_feeds():
    return [
        FeedEntry(
            country.title,
            _("Beiträge und Veranstaltungen zu diesem Land."),
            syndication_links("country", slug=country.slug),
        )
        for country in queries.live_countries()
    ]


def topic_feeds():
    return [
        FeedEntry(
            topic.name,
            _("Beiträge und Veranstaltungen zu diesem Thema."),
            syndication_links("topic", slug=topic.slug),
        )
        for topic in Topic.objects.all()
    ]


def overview_context():
    return {
        "site_feeds": site_feeds(),
        "country_feeds": country_feeds(),
        "topic_feeds": topic_feeds(),
    }
