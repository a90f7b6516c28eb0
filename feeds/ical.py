"""iCalendar files (RFC 5545) for upcoming events, one VEVENT each, times in Europe/Berlin."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cms.events.models import EventFormat

from .event_facts import facts_as_text, online_note
from .items import page_link, tag_uri

CONTENT_TYPE = "text/calendar; charset=utf-8"


def build_calendar(events, name, built_at):
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerpost//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(calendar_event(event, built_at))
    add_time_zone(calendar, events)
    return calendar.to_ical()


def add_time_zone(calendar, events):
    """The VTIMEZONE, limited to the years the events span (the full history is large)."""
    if not events:
        return
    first = min(event.start for event in events).date().replace(month=1, day=1)
    last = max(event.end for event in events).date() + datetime.timedelta(days=366)
    calendar.add_missing_timezones(first_date=first, last_date=last)


def calendar_event(event, built_at):
    zone = timezone.get_default_timezone()
    vevent = Event()
    vevent.add("uid", tag_uri(event.pk))
    vevent.add("dtstamp", built_at.astimezone(datetime.UTC))
    vevent.add("dtstart", timezone.localtime(event.start, zone))
    vevent.add("dtend", timezone.localtime(event.end, zone))
    vevent.add("summary", event.title)
    vevent.add("description", description(event))
    vevent.add("location", location(event))
    vevent.add("url", page_link(event))
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    categories = [topic.name for topic in event.topics.all()]
    if categories:
        vevent.add("categories", categories)
    return vevent


def description(event):
    parts = [event.teaser, facts_as_text(event)]
    if event.registration_url:
        parts.append(_("Anmeldung: %(url)s") % {"url": event.registration_url})
    parts.append(_("Details: %(url)s") % {"url": page_link(event)})
    return "\n\n".join(part for part in parts if part)


def location(event):
    """The venue on one line, or the online note for online events."""
    venue = ", ".join(line.strip() for line in event.venue.splitlines() if line.strip())
    note = online_note(event)
    if event.format == EventFormat.ONLINE or not venue:
        return note[:1].upper() + note[1:]
    return venue if event.format == EventFormat.ON_SITE else f"{venue} / {note}"
