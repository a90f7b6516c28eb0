"""The feed URLs: RSS and Atom documents, iCalendar files and the /feeds/ overview page."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.events.models import EventPage

from . import definitions, ical, overview, queries
from .http import feed_response
from .syndication import CONTENT_TYPES, build_feed


def syndication_response(request, make_spec, extension):
    # Feeds are German whatever the reader's Accept-Language says; cached bytes are shared.
    with translation.override(settings.LANGUAGE_CODE):
        spec = make_spec()
        return feed_response(
            request,
            f"{spec.key}.{extension}",
            lambda built_at: build_feed(spec, extension, built_at),
            CONTENT_TYPES[extension],
        )


@require_safe
def blog_feed(request, extension):
    return syndication_response(request, definitions.blog_feed, extension)


@require_safe
def events_feed(request, extension):
    return syndication_response(request, definitions.events_feed, extension)


@require_safe
def newsletter_feed(request, extension):
    return syndication_response(request, definitions.newsletter_feed, extension)


@require_safe
def country_feed(request, slug, extension):
    return syndication_response(request, lambda: definitions.country_feed(slug), extension)


@require_safe
def topic_feed(request, slug, extension):
    return syndication_response(request, lambda: definitions.topic_feed(slug), extension)


@require_safe
def events_calendar(request):
    def build(built_at):
        events = queries.upcoming_events()
        return ical.build_calendar(events, _("Veranstaltungen"), built_at)

    with translation.override(settings.LANGUAGE_CODE):
        return feed_response(request, "events.ics", build, ical.CONTENT_TYPE)


@require_safe
def event_calendar(request, pk):
    """One event as a .ics download, for the link on its page (past events too)."""
    event = get_object_or_404(EventPage.objects.live().public(), pk=pk)

    def build(built_at):
        return ical.build_calendar([event], event.title, built_at)

    with translation.override(settings.LANGUAGE_CODE):
        return feed_response(
            request, f"event/{event.pk}.ics", build, ical.CONTENT_TYPE, filename=f"{event.slug}.ics"
        )


@require_safe
def feed_overview(request):
    return TemplateResponse(request, "pages/feeds.html", overview.overview_context())
