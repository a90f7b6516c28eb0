"""Admin views for subscribers: list with counts, consent log, erase, import and export."""

from django import forms
from django.db.models import Count
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from . import actions
from .consent import Evidence
from .exporting import csv_lines
from .importing import FileRejected, ImportOptions, ImportRejected, import_subscribers
from .models import Newsletter, Subscriber, Subscription

ADMIN_TEMPLATES = "mailings/subscribers/admin/"
ADMIN_NS = "newsletter_subscribers"  # the viewset name in wagtail_hooks.py


class SubscriberIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("subscriptions__newsletter")

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("CSV importieren"), url=reverse(ADMIN_NS + ":import"), icon_name="upload"
            ),
            HeaderButton(
                _("CSV exportieren"), url=reverse(ADMIN_NS + ":export"), icon_name="download"
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_counts"] = status_counts()
        return context


def status_counts():
    """Rows of (newsletter, {status: count}) for the table above the list."""
    counts = {}
    rows = Subscription.objects.values("newsletter__name", "status").annotate(n=Count("pk"))
    for row in rows.order_by("newsletter__name"):
        counts.setdefault(row["newsletter__name"], {})[row["status"]] = row["n"]
    return counts.items()


def subscription_summary(subscriber):
    return ", ".join(
        f"{s.newsletter.slug}: {s.get_status_display()}" for s in subscriber.subscriptions.all()
    )


class SubscriberInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subscriptions"] = self.object.subscriptions.select_related("newsletter")
        context["consent_events"] = self.object.consent_events.all()
        context["consent_download_url"] = reverse(ADMIN_NS + ":consent_log", args=[self.object.pk])
        return context


class SubscriberDeleteView(DeleteView):
    """Deleting a subscriber in the admin is an erasure: suppression hash and log entry."""

    def delete_action(self):
        actions.erase(self.object, by=f"staff:{self.request.user.get_username()}")


class ConsentLogDownloadView(PermissionCheckedMixin, View):
    model = Subscriber
    permission_required = "view"

    def get(self, request, pk):
        subscriber = get_object_or_404(Subscriber, pk=pk)
        response = JsonResponse(
            actions.personal_data(subscriber),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        name = f"einwilligungen-{subscriber.pk}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ExportView(PermissionCheckedMixin, View):
    model = Subscriber
    permission_required = "view"

    def get(self, request):
        subscriptions = Subscription.objects.all()
        if slug := request.GET.get("newsletter"):
            subscriptions = subscriptions.filter(newsletter__slug=slug)
        response = StreamingHttpResponse(
            csv_lines(subscriptions), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="abonnements.csv"'
        return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "UTF-8 oder Windows-1252 (Excel), Trennzeichen ; oder ,; Spalten email und name."
        ),
    )
    newsletter = forms.ModelChoiceField(label=_("Newsletter"), queryset=Newsletter.objects.all())
    consent_note = forms.CharField(
        label=_("Nachweis der Einwilligung"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Woher stammen die Adressen, und wie wurde eingewilligt?"),
    )
    send_optin = forms.BooleanField(
        label=_("Unbestätigt eintragen und Bestätigungsmail senden"), required=False
    )
    skip_invalid = forms.BooleanField(label=_("Fehlerhafte Zeilen überspringen"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("send_optin") and not data.get("consent_note", "").strip():
            self.add_error(
                "consent_note",
                _("Ohne Bestätigungsmail braucht der Import einen Nachweis der Einwilligung."),
            )
        return data


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Subscriber
    permission_required = "change"
    form_class = ImportForm
    template_name = ADMIN_TEMPLATES + "import.html"
    page_title = _("Abonnent/innen importieren")
    header_icon = "upload"

    def form_valid(self, form):
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        options = ImportOptions(
            newsletter=data["newsletter"],
            consent_note=data["consent_note"].strip(),
            send_optin=data["send_optin"],
            skip_invalid=data["skip_invalid"],
            evidence=Evidence(actor=self.request.user.get_username()),
            file_name=upload.name,
        )
        try:
            result = import_subscribers(upload.file, options)
        except (FileRejected, ImportRejected) as error:
            problems = getattr(error, "problems", [])
            return self.render_to_response(
                self.get_context_data(form=form, error=str(error), problems=problems)
            )
        return self.render_to_response(self.get_context_data(form=ImportForm(), result=result))
