"""The "Versände" and "Ausgaben" entries of the Newsletter menu (NewsletterAdminGroup in
mailings/subscribers/wagtail_hooks.py registers them)."""

from django.db.models import F, OuterRef, Subquery
from django.urls import path
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, TitleColumn
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permissions import policy_registry

from mailings.issues.models import NewsletterIssuePage

from ..models import Send
from . import views
from .links import HISTORY_NAMESPACE
from .permissions import can_view_reports


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


class SendHistoryViewSet(ViewSet):
    name = HISTORY_NAMESPACE
    url_prefix = "newsletter/versaende"
    icon = "history"
    menu_label = _("Versände")
    menu_item_class = ReportsMenuItem

    def get_urlpatterns(self):
        names = {
            "index_url_name": f"{self.name}:index",
            "index_results_url_name": f"{self.name}:index_results",
        }
        return [
            path("", views.HistoryView.as_view(**names), name="index"),
            path(
                "ergebnisse/",
                views.HistoryView.as_view(**names, results_only=True),
                name="index_results",
            ),
            path("<int:pk>/", views.ReportView.as_view(), name="report"),
            path(
                "<int:pk>/zustellungen.csv",
                views.DeliveriesCsvView.as_view(),
                name="deliveries_csv",
            ),
        ]


def planned_day(issue):
    return date_format(issue.planned_send_date, "SHORT_DATE_FORMAT")


def sent_on(issue):
    """The day and hour its send started; "–" for an issue not sent yet."""
    sent = getattr(issue, "sent_on", None)
    return date_format(localtime(sent), "SHORT_DATETIME_FORMAT") if sent else "–"


class IssueIndexView(PageIndexView):
    """The issues with their newsletter and the day each was sent, as annotations: Wagtail
    loads the specific pages separately, and annotations are what survives that without a
    query per row."""

    def get_base_queryset(self):
        sent = Send.objects.finished().filter(issue=OuterRef("pk")).order_by("-started_at")
        return (
            super()
            .get_base_queryset()
            .annotate(
                newsletter_name=F("newsletter__name"),
                sent_on=Subquery(sent.values("started_at")[:1]),
            )
        )


class IssuesMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(NewsletterIssuePage)
        return policy.user_has_any_permission(request.user, {"add", "change", "publish"})


class IssueListingViewSet(PageListingViewSet):
    name = "newsletter_issue_list"
    url_prefix = "newsletter/ausgaben"
    model = NewsletterIssuePage
    icon = "mail"
    menu_label = _("Ausgaben")
    menu_item_class = IssuesMenuItem
    index_view_class = IssueIndexView

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Titel"), classname="title", url_name="wagtailadmin_pages:edit"
            ),
            Column("newsletter_name", label=_("Newsletter"), sort_key="newsletter_name"),
            Column("period", label=_("Quartal"), sort_key="period"),
            Column(
                "planned_send_date",
                label=_("Geplanter Versandtag"),
                sort_key="planned_send_date",
                accessor=planned_day,
            ),
            Column("sent_on", label=_("Versendet am"), sort_key="sent_on", accessor=sent_on),
            LiveStatusTagColumn(),
        ]
