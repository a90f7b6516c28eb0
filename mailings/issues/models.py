"""The newsletter archive and its issues: Wagtail pages, so revisions, moderation, scheduled
publishing and preview come from Wagtail. The published page is the issue's web version."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.validators import validate_single_line
from mailings.sending.admin.panels import SendProgressPanel

from .blocks import TEXT_FEATURES, IssueSectionsBlock
from .forms import IssuePageForm
from .panels import ChecklistPanel
from .periods import Quarter, current_period, validate_period

ISSUES_PER_PAGE = 20
SEND_HOUR = 9  # planned sends go out in the morning; assemble and checklist compare with this


class Layout(models.TextChoices):
    STANDARD = "standard", _("Standard: Anreißer mit Bildern")
    COMPACT = "compact", _("Kompakt: nur Text, ohne Anreißerbilder")


class NewsletterArchivePage(Page):
    introduction = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter_issues.NewsletterIssuePage"]
    template = "mailings/issues/archive_page.html"

    class Meta:
        verbose_name = _("Newsletter-Archiv")

    def issues(self):
        from mailings.sending.models import Send

        sent = Send.objects.finished().filter(issue=OuterRef("pk")).order_by("-started_at")
        return (
            NewsletterIssuePage.objects.live()
            .public()
            .child_of(self)
            .select_related("newsletter")
            .annotate(sent_on=Subquery(sent.values("started_at")[:1]))
            .order_by("-planned_send_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.issues(), ISSUES_PER_PAGE)
        context["issues"] = paginator.get_page(request.GET.get("seite"))
        return context


class NewsletterIssuePage(Page):
    newsletter = models.ForeignKey(
        "subscribers.Newsletter",
        verbose_name=_("Newsletter"),
        on_delete=models.PROTECT,
        related_name="issues",
    )
    period = models.CharField(
        _("Quartal"),
        max_length=7,
        default=current_period,
        validators=[validate_period],
        help_text=_("Im Format JJJJ-Qn, z. B. 2026-Q4."),
    )
    planned_send_date = models.DateField(_("Geplanter Versandtag"), default=timezone.localdate)
    # Subject and preheader go into the mail's header and first line: one line each.
    subject = models.CharField(
        _("Betreffzeile"), max_length=150, blank=True, validators=[validate_single_line]
    )
    preheader = models.CharField(
        _("Vorschautext"),
        max_length=150,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Erscheint im Postfach hinter dem Betreff."),
    )
    introduction = RichTextField(_("Einleitung"), blank=True, features=TEXT_FEATURES)
    sections = StreamField(IssueSectionsBlock(), verbose_name=_("Abschnitte"), blank=True)
    layout = models.CharField(_("Layout"), max_length=20, choices=Layout, default=Layout.STANDARD)
    utm_campaign = models.SlugField(
        _("Kampagnenname für UTM-Parameter"),
        max_length=80,
        blank=True,
        help_text=_("Leer lassen: dann tragen Links keine UTM-Parameter (Standard)."),
    )
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("newsletter"),
                FieldRowPanel([FieldPanel("period"), FieldPanel("planned_send_date")]),
                FieldPanel("prefill"),
            ],
            heading=_("Ausgabe"),
        ),
        MultiFieldPanel([FieldPanel("subject"), FieldPanel("preheader")], heading=_("Postfach")),
        FieldPanel("introduction"),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("layout"), FieldPanel("utm_campaign")], heading=_("Darstellung")
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
            ObjectList([ChecklistPanel()], heading=_("Versandprüfung")),
            ObjectList([SendProgressPanel()], heading=_("Versand")),
        ]
    )
    base_form_class = IssuePageForm
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["newsletter_issues.NewsletterArchivePage"]
    subpage_types = []
    template = "mailings/issues/issue_page.html"

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        # Who may do what: mailings/sending/admin/rules.py (groups: migration 0005).
        permissions = [
            (
                "send_newsletterissuepage",
                _("Newsletter-Ausgaben an die Abonnent/innen versenden oder den Versand planen"),
            ),
            ("test_send_newsletterissuepage", _("Newsletter-Ausgaben testweise versenden")),
        ]

    @property
    def quarter(self):
        return Quarter.parse(self.period)

    @property
    def planned_send_at(self):
        moment = datetime.datetime.combine(self.planned_send_date, datetime.time(SEND_HOUR))
        return timezone.make_aware(moment)

    @property
    def sent_at(self):
        """When the issue went out: the start of its finished send. Send state lives in
        mailings.sending, off the page, so no revision, revert or copy can change it."""
        send = self.sends.finished().order_by("-started_at").first()
        return send.started_at if send else None

    @property
    def is_sent(self):
        return self.sent_at is not None

    def upcoming_events_of_period(self):
        """Events starting in the issue's quarter that are not over when the issue goes out."""
        from cms.events.models import EventPage

        quarter = self.quarter
        return EventPage.objects.upcoming(now=self.planned_send_at).filter(
            start__date__gte=quarter.start, start__date__lt=quarter.end
        )

    def get_context(self, request, *args, **kwargs):
        from .rendering import web_context

        context = super().get_context(request, *args, **kwargs)
        context.update(web_context(self), sent_at=self.sent_at)
        return context

    preview_modes = [
        ("", _("Web-Version")),
        ("email", _("E-Mail (HTML)")),
        ("text", _("E-Mail (Nur-Text)")),
    ]

    def serve_preview(self, request, mode_name):
        from .message import sample_personalisation
        from .rendering import render_issue

        if not mode_name:
            return super().serve_preview(request, mode_name)
        rendered = render_issue(self)
        if mode_name == "text":
            body = sample_personalisation(self, rendered.text)
            return HttpResponse(body, content_type="text/plain; charset=utf-8")
        return HttpResponse(sample_personalisation(self, rendered.html))
