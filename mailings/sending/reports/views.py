"""History of all sends, one send's report and its delivery CSV."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from ..models import Send
from .exporting import csv_lines
from .figures import attach_figures, build_report
from .links import deliveries_csv_url, history_url, progress_url, report_url
from .permissions import SendReportPolicy, can_see_personal_figures, can_view_reports

TEMPLATES = "mailings/sending/reports/"


def moment(value):
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else "–"


def period(send):
    """ "07.07.2026 09:00 – 09:01": the end without its date when it is the same day."""
    if send.started_at is None:
        return "–"
    start, end = localtime(send.started_at), send.finished_at and localtime(send.finished_at)
    if end is None:
        return f"{moment(start)} – …"
    same_day = end.date() == start.date()
    return f"{moment(start)} – {date_format(end, 'TIME_FORMAT') if same_day else moment(end)}"


def figure(name):
    return lambda send: getattr(send.figures, name)


def bounces(send):
    return f"{send.figures.bounced_hard} / {send.figures.bounced_soft}"


HISTORY_COLUMNS = [
    TitleColumn(
        "issue", label=_("Ausgabe"), get_url=report_url, accessor=lambda send: send.issue.title
    ),
    Column("newsletter", label=_("Newsletter"), sort_key="newsletter__name"),
    Column("state", label=_("Status"), accessor="get_state_display", sort_key="state"),
    NumberColumn("total", label=_("Empfänger"), sort_key="total"),
    NumberColumn("delivered", label=_("Zugestellt"), accessor=figure("delivered")),
    Column("bounced", label=_("Bounces hart / weich"), accessor=bounces),
    NumberColumn("complaints", label=_("Beschwerden"), accessor=figure("complaints")),
    NumberColumn("unsubscribes", label=_("Abmeldungen"), accessor=figure("unsubscribes")),
    Column("started_at", label=_("Begonnen – beendet"), sort_key="started_at", accessor=period),
]


class HistoryView(IndexView):
    """Every send with its figures; the same number of queries for any page size."""

    model = Send
    permission_policy = SendReportPolicy(Send)
    any_permission_required = ["view"]
    page_title = _("Versände")
    header_icon = "history"
    list_filter = ["newsletter", "state"]
    default_ordering = "-created_at"
    paginate_by = 50
    columns = HISTORY_COLUMNS
    table_classname = "listing pp-history"
    template_name = TEMPLATES + "history.html"

    def get_base_queryset(self):
        return Send.objects.select_related("issue", "newsletter")

    def get_valid_orderings(self):
        keys = [column.sort_key for column in self.columns if column.sort_key]
        return ["created_at", "-created_at", *keys, *(f"-{key}" for key in keys)]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, sends, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, page, attach_figures(sends), is_paginated


class ReportMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def send(self):
        return get_object_or_404(
            Send.objects.select_related("issue", "newsletter", "created_by"), pk=self.kwargs["pk"]
        )


class ReportView(ReportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = TEMPLATES + "report.html"
    header_icon = "history"

    def get_page_title(self):
        return _("Bericht: %(issue)s") % {"issue": self.send.issue.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": history_url(), "label": _("Versände")},
            {"url": "", "label": self.send.issue.title},
        ]

    @cached_property
    def header_buttons(self):
        buttons = []
        if url := progress_url(self.send):
            buttons.append(HeaderButton(_("Fortschritt"), url=url, icon_name="time"))
        if can_see_personal_figures(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Zustellungen als CSV"),
                    url=deliveries_csv_url(self.send),
                    icon_name="download",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            send=self.send,
            report=build_report(self.send),
            progress_url=progress_url(self.send),
            csv_url=(
                deliveries_csv_url(self.send)
                if can_see_personal_figures(self.request.user)
                else None
            ),
            **kwargs,
        )


class DeliveriesCsvView(ReportMixin, View):
    """Addresses are personal data: newsletter managers only. A refused download answers
    403 itself (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_personal_figures(request.user):
            return HttpResponseForbidden(
                _("Nur Newsletter-Verantwortliche dürfen die Zustellungen herunterladen.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        response = StreamingHttpResponse(
            csv_lines(self.send.pk), content_type="text/csv; charset=utf-8"
        )
        name = f"versand-{self.send.pk}-zustellungen.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
