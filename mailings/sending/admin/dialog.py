"""The send dialog: audience, recipient count as of now, checklist, when; then schedule.

One POST form. "Empfängerzahl aktualisieren" re-renders it with the count for the chosen
audience (without JavaScript); with JavaScript the count updates as soon as a box is ticked
(send-dialog.js asks the count endpoint). Everything is checked again on the server.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from mailings.issues.checklist import run_checklist
from mailings.issues.models import NewsletterIssuePage

from .. import actions
from ..audience import audience_count
from ..models import Send
from .forms import AudienceForm, ScheduleForm
from .progress import local_moment
from .rules import can_send, requires, workflow_refusal


def sendable_issue(issue_id):
    return get_object_or_404(NewsletterIssuePage.objects.select_related("newsletter"), pk=issue_id)


def audience_data(request):
    """The audience part of the request: the POST, or a GET that names topics/countries."""
    if request.method == "POST":
        return request.POST
    if "topics" in request.GET or "countries" in request.GET:
        return request.GET
    return None


def counted_audience(issue, data):
    """(form, audience dict, recipients as of now) for the submitted audience."""
    form = AudienceForm(data, newsletter=issue.newsletter)
    audience = form.audience() if form.is_bound and form.is_valid() else {}
    return form, audience, audience_count(issue.newsletter_id, audience, issue.pk)


@method_decorator(requires(can_send), name="dispatch")
class SendDialogView(WagtailAdminTemplateMixin, View):
    template_name = "mailings/sending/admin/send_dialog.html"
    page_title = gettext_lazy("Versenden")
    header_icon = "mail"

    def dispatch(self, request, issue_id):
        self.issue = sendable_issue(issue_id)
        active = Send.objects.active().filter(issue=self.issue).first()
        if active is not None:
            messages.info(request, _("Für diese Ausgabe läuft oder wartet bereits ein Versand."))
            return redirect("sending_admin:progress", active.pk)
        return super().dispatch(request)

    def get(self, request):
        return self.render(*counted_audience(self.issue, audience_data(request)), None)

    def post(self, request):
        audience_form, audience, recipients = counted_audience(self.issue, request.POST)
        if "recount" in request.POST:
            return self.render(audience_form, audience, recipients, None)
        schedule_form = ScheduleForm(request.POST, recipients=recipients)
        ready = audience_form.is_valid() and schedule_form.is_valid()
        if ready and not self.obstacles(recipients):
            send = self.schedule(schedule_form, audience)
            if send is not None:
                return redirect("sending_admin:progress", send.pk)
        return self.render(audience_form, audience, recipients, schedule_form, attempted=True)

    def schedule(self, schedule_form, audience):
        at = schedule_form.cleaned_data["at"]
        try:
            send = actions.schedule_send(self.issue, self.request.user, at, audience)
        except ValidationError as refusal:
            schedule_form.add_error(None, refusal)
            return None
        if at is None:
            messages.success(self.request, _("Der Versand hat begonnen."))
        else:
            messages.success(
                self.request,
                _("Der Versand ist geplant für %(moment)s.")
                % {"moment": local_moment(at.isoformat())},
            )
        return send

    def obstacles(self, recipients):
        """Reasons that stop the send whatever the form says (shown above the button)."""
        reasons = [finding.message for finding in self.findings if finding.blocker]
        if self.workflow_refusal:
            reasons.insert(0, self.workflow_refusal)
        if not recipients:
            reasons.append(_("Mit dieser Auswahl bekäme niemand die Ausgabe."))
        return reasons

    @cached_property
    def draft(self):
        """The latest revision: what the mail will say (the checklist checks it too)."""
        return self.issue.get_latest_revision_as_object()

    @cached_property
    def findings(self):
        return run_checklist(self.draft)

    @cached_property
    def workflow_refusal(self):
        return workflow_refusal(self.issue, self.request.user)

    def render(self, audience_form, audience, recipients, schedule_form, attempted=False):
        schedule_form = schedule_form or ScheduleForm(recipients=recipients)
        obstacles = self.obstacles(recipients)
        errors = error_summary(audience_form, schedule_form)
        if attempted:  # the button was pressed: say why nothing happened
            errors += [("", "", reason) for reason in obstacles]
        context = self.get_context_data(
            issue=self.issue,
            draft=self.draft,
            newsletter=self.issue.newsletter,
            audience_form=audience_form,
            schedule_form=schedule_form,
            findings=self.findings,
            recipients_display=formats.number_format(recipients, force_grouping=True),
            obstacles=obstacles,
            audience=audience,
            errors=errors,
            count_url=reverse("sending_admin:count", args=[self.issue.pk]),
        )
        return self.render_to_response(context)

    def get_page_subtitle(self):
        return self.issue.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.issue.pk]),
                "label": self.issue.title,
            },
            {"url": "", "label": _("Versenden")},
        ]


def error_summary(*forms):
    """(anchor, label, message) for every error of bound forms, in field order."""
    rows = []
    for form in forms:
        if not form.is_bound:
            continue
        rows += [("", "", message) for message in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name in form.fields:
                field = form[name]
                anchor = field.id_for_label or f"{field.auto_id}_0"  # checkboxes: the first
                rows += [(anchor, field.label, message) for message in errors]
    return rows


@requires(can_send)
def recipient_count(request, issue_id):
    """JSON for the dialog's script: the count for the audience in the query string."""
    issue = sendable_issue(issue_id)
    _form, _audience, recipients = counted_audience(issue, request.GET)
    return JsonResponse(
        {
            "recipients": recipients,
            "display": formats.number_format(recipients, force_grouping=True),
            "needs_typed_count": ScheduleForm(recipients=recipients).needs_typed_count,
        },
        headers={"Cache-Control": "no-store"},
    )
