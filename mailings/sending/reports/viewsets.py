"""The "Versände" and "Ausgaben" entries of the Newsletter menu (NewsletterAdminGroup in
mailings/subscribers/wagtail_hooks.py registers them)."""

from django.db.models import OuterRef, Subquery
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn, TitleColumn
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
        names = {"index_url_name": f"{self.name}:index",
                 "index_results_url_name": f"{self.name}:index_results"}
        return [
            path("", views.HistoryView.as_view(**names), name="index"),
            path("ergebnisse/", views.HistoryView.as_view(**names, results_only=True),
                 name="index_results"),
            path("<int:pk>/", views.ReportView.as_view(), name="report"),
            path("<int:pk>/zustellungen.csv", views.DeliveriesCsvView.as_view(),
                 name="deliveries_csv"),
        ]


class IssueIndexView(PageIndexView):
    """The issues with the day each was sent (one subquery, not a query per row)."""

    def get_base_queryset(self):
        sent = Send.objects.finished().filter(issue=OuterRef("pk")).order_by("-started_at")
        return super().get_base_queryset().annotate(
            sent_on=Subquery(sent.values("started_at")[:1]))


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
            TitleColumn("title", label=_("Titel"), classname="title",
                        url_name="wagtailadmin_pages:edit"),
            Column("newsletter", label=_("Newsletter")),
            Column("period", label=_("Quartal"), sort_key="period"),
            DateColumn("planned_send_date", label=_("Geplanter Versandtag"),
                       sort_key="planned_send_date"),
            DateColumn("sent_on", label=_("Versendet am"), sort_key="sent_on"),
            LiveStatusTagColumn(),
        ]
