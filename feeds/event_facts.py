"""What every event entry and calendar entry says: when, where or online, the registration
deadline and the fee — as (label, text) pairs shared by feeds and .ics files."""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cms.events.models import EventFormat


def event_facts(event):
    return [
        (_("Wann"), when(event)),
        (_("Wo"), where(event)),
        (_("Anmeldeschluss"), registration_deadline(event)),
        (_("Teilnahmegebühr"), event.fee or _("keine")),
    ]


def when(event):
    """Start and end in the event's own time zone, the way the event page shows them."""
    start = timezone.localtime(event.start, event.zone)
    end = timezone.localtime(event.end, event.zone)
    end_format = "H:i" if start.date() == end.date() else "l, j. F Y, H:i"
    text = _("%(start)s bis %(end)s Uhr") % {
        "start": format_date(start, "l, j. F Y, H:i"),
        "end": format_date(end, end_format),
    }
    return f"{text} ({event.time_zone})"


def where(event):
    places = []
    if event.format != EventFormat.ONLINE and event.venue:
        places.append(", ".join(line.strip() for line in event.venue.splitlines() if line.strip()))
    if event.format != EventFormat.ON_SITE:
        places.append(online_note(event))
    return "; ".join(places)


def online_note(event):
    if event.online_platform:
        return _("online über %(platform)s") % {"platform": event.online_platform}
    return _("online")


def registration_deadline(event):
    if event.registration_deadline:
        return _("%(date)s (Ende des Tages)") % {
            "date": format_date(event.registration_deadline, "j. F Y")
        }
    return _("bis zum Beginn der Veranstaltung")


def facts_as_text(event):
    return "\n".join(f"{label}: {value}" for label, value in event_facts(event))


def facts_as_html(event):
    rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", event_facts(event))
    return format_html("<dl>{}</dl>", rows)
