"""Events: seminars, round tables, conferences and online meetings, with registration rules."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.pages import IndexPage, TeaserMixin, with_listing_images

EVENTS_PER_PAGE = 12


class EventType(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    NETWORK_MEETING = "network_meeting", _("Netzwerktreffen")
    ROUND_TABLE = "round_table", _("Runder Tisch")
    REGIONAL_CONFERENCE = "regional_conference", _("Regionalkonferenz")
    ONLINE_MEETING = "online_meeting", _("Online-Treffen")
    CONSULTATION = "consultation", _("Sprechstunde")
    STUDY_TRIP = "study_trip", _("Studienreise")
    OTHER = "other", _("Sonstiges")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("Vor Ort")
    HYBRID = "hybrid", _("Hybrid")


TIME_ZONES = [
    ("Europe/Berlin", _("Deutschland (Europe/Berlin)")),
    ("Europe/London", _("Vereinigtes Königreich (Europe/London)")),
    ("Europe/Warsaw", _("Polen (Europe/Warsaw)")),
    ("Europe/Budapest", _("Ungarn (Europe/Budapest)")),
    ("Europe/Istanbul", _("Türkei (Europe/Istanbul)")),
    ("Europe/Tirane", _("Albanien (Europe/Tirane)")),
    ("Europe/Skopje", _("Nordmazedonien (Europe/Skopje)")),
    ("America/New_York", _("USA Ostküste (America/New_York)")),
    ("America/Chicago", _("USA Mitte (America/Chicago)")),
    ("America/Los_Angeles", _("USA Westküste (America/Los_Angeles)")),
]


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events not yet over, soonest first (a running conference still counts)."""
        now = now or timezone.now()
        return self.live().public().filter(end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return self.live().public().filter(end__lt=now).order_by("-start", "-pk")


class EventIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["events.EventPage"]
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")

    def events(self):
        return EventPage.objects.descendant_of(self).prefetch_related("topics")

    @path("")
    def upcoming_events(self, request):
        events = with_listing_images(self.events().upcoming())
        return self.render_listing(request, events, archive=False)

    @path("archiv/", name="archive")
    def past_events(self, request):
        events = with_listing_images(self.events().past())
        return self.render_listing(request, events, archive=True)

    def get_sitemap_urls(self, request=None):
        archive = self.get_full_url(request) + self.reverse_subpage("archive")
        return [*super().get_sitemap_urls(request), {"location": archive}]

    def render_listing(self, request, events, archive):
        page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("seite"))
        return self.render(request, context_overrides={"events": page, "archive": archive})


class EventPage(TeaserMixin, Page):
    event_type = models.CharField(_("Veranstaltungsart"), max_length=30, choices=EventType)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    time_zone = models.CharField(
        _("Zeitzone"), max_length=40, choices=TIME_ZONES, default="Europe/Berlin"
    )
    format = models.CharField(_("Format"), max_length=10, choices=EventFormat)
    venue = models.TextField(_("Veranstaltungsort"), blank=True, help_text=_("Name und Anschrift."))
    online_platform = models.CharField(
        _("Online-Plattform"), max_length=100, blank=True, help_text=_("z. B. BigBlueButton")
    )
    fee = models.CharField(
        _("Teilnahmegebühr"), max_length=100, blank=True, help_text=_("Leer bedeutet: keine.")
    )
    registration_deadline = models.DateField(
        _("Anmeldeschluss"),
        null=True,
        blank=True,
        help_text=_(
            "Anmeldungen sind bis zum Ende dieses Tages (Zeitzone der Veranstaltung) "
            "möglich. Leer: bis zum Beginn."
        ),
    )
    registration_url = models.URLField(_("Anmeldelink"), blank=True)
    registration_email = models.EmailField(_("Anmeldung per E-Mail an"), blank=True)
    event_number = models.CharField(_("Veranstaltungsnummer"), max_length=30, blank=True)
    organiser = models.CharField(_("Veranstalter"), max_length=200, blank=True)
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("Zielgruppen"), blank=True
    )
    topics = ParentalManyToManyField("taxonomy.Topic", verbose_name=_("Themen"), blank=True)
    countries = ParentalManyToManyField(
        "countries.CountryPage", verbose_name=_("Länder"), blank=True, related_name="events"
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("format")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("venue"),
                FieldPanel("online_platform"),
            ],
            heading=_("Wann und wo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("fee"),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
                FieldPanel("event_number"),
                FieldPanel("organiser"),
            ],
            heading=_("Anmeldung"),
        ),
        *TeaserMixin.teaser_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("target_groups"), FieldPanel("topics"), FieldPanel("countries")],
            heading=_("Zuordnung"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        if self.format != EventFormat.ONLINE and not self.venue:
            raise ValidationError({"venue": _("Bitte einen Veranstaltungsort angeben.")})

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def registration_closes_at(self):
        """The first moment registration is no longer possible."""
        if not self.registration_deadline:
            return self.start
        day_after = self.registration_deadline + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time.min, tzinfo=self.zone)

    def has_taken_place(self, now=None):
        return self.end < (now or timezone.now())

    def registration_is_open(self, now=None):
        return (now or timezone.now()) < self.registration_closes_at

    @property
    def has_registration_target(self):
        return bool(self.registration_url or self.registration_email)

    def registration_state(self, now=None):
        """'past', 'closed', 'open' or 'none' (no registration needed or offered)."""
        if self.has_taken_place(now):
            return "past"
        if not self.registration_is_open(now):
            return "closed"
        return "open" if self.has_registration_target else "none"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["registration_state"] = self.registration_state()
        return context
