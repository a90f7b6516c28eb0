"""Pre-fill a new issue from what is already in the CMS; the editor then reorders and edits.

- posts dated after the day the newsletter's last issue went out (without a sent issue: since
  the start of the issue's quarter), up to the planned send date;
- events whose registration is still open at the planned send moment;
- country pages published (changed) during the issue's quarter.
"""

import datetime
import json

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .blocks import BOTH, EventsBlock


def last_send(issue):
    """The newsletter's last finished send before this issue goes out (not this issue's)."""
    from mailings.sending.models import Send

    sends = Send.objects.finished().filter(
        newsletter_id=issue.newsletter_id, started_at__lt=issue.planned_send_at
    )
    return sends.exclude(issue_id=issue.pk).order_by("-started_at").first()


def new_posts(issue):
    from cms.blog.models import BlogPage

    last = last_send(issue)
    posts = BlogPage.objects.live().public().filter(date__lte=issue.planned_send_date)
    if last:
        posts = posts.filter(date__gt=timezone.localdate(last.started_at))
    else:
        posts = posts.filter(date__gte=issue.quarter.start)
    return posts.order_by("-date", "-pk")


def events_open_for_registration(issue):
    from cms.events.models import EventPage

    moment = issue.planned_send_at
    # The database narrows by date; the exact deadline (end of day in the event's own
    # time zone) is decided by the event itself.
    earliest_deadline = moment.date() - datetime.timedelta(days=1)
    candidates = (
        EventPage.objects.live()
        .public()
        .filter(end__gte=moment)
        .filter(
            Q(registration_deadline__gte=earliest_deadline)
            | Q(registration_deadline__isnull=True, start__gt=moment)
        )
        .order_by("start", "pk")
    )
    return [event for event in candidates if event.registration_is_open(moment)]


def changed_countries(issue):
    from cms.countries.models import CountryPage

    quarter = issue.quarter
    return (
        CountryPage.objects.live()
        .public()
        .filter(
            last_published_at__gte=start_of_day(quarter.start),
            last_published_at__lt=start_of_day(quarter.end),
        )
        .order_by("title")
    )


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def assemble_sections(issue):
    """The pre-filled sections as StreamField data (JSON), empty sections left out."""
    sections = [
        section("featured_posts", heading=_("Aus dem Blog"), posts=ids(new_posts(issue))),
        section(
            "events",
            heading=_("Termine"),
            mode=EventsBlock.CHOSEN,
            events=ids(events_open_for_registration(issue)),
        ),
        section(
            "country_news",
            heading=_("Aus den Schwerpunktländern"),
            text="",
            countries=ids(changed_countries(issue)),
        ),
    ]
    return json.dumps([block for block in sections if block])


def section(kind, **value):
    pages = value.get("posts") or value.get("events") or value.get("countries")
    if not pages:
        return None
    return {"type": kind, "value": {**value, "channel": BOTH}}


def ids(pages):
    return [page.pk for page in pages]
