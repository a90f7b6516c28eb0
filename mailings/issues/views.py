"""Admin views for an issue: the test send (with the checklist beside the form)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .checklist import run_checklist
from .forms import TestSendForm
from .models import NewsletterIssuePage
from .testsend import can_test_send, send_test


def test_send(request, page_id):
    if not can_test_send(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    form = TestSendForm(request.POST or None, initial={"addresses": request.user.email})
    if request.method == "POST" and form.is_valid() and send_and_report(request, issue, form):
        return redirect("wagtailadmin_pages:edit", issue.pk)
    draft = issue.get_latest_revision_as_object()
    return TemplateResponse(
        request,
        "mailings/issues/admin/test_send.html",
        {
            "issue": issue,
            "form": form,
            "findings": run_checklist(draft),
            "page_title": _("Testversand"),
            "header_title": issue.title,
        },
    )


def send_and_report(request, issue, form):
    """True when every address took the mail. A refusal becomes an error on the address
    field: the editor stays on the form, sees why and can correct the address."""
    results = send_test(issue, form.cleaned_data["addresses"], user=request.user)
    report_accepted(request, results)
    for result in results:
        if not result.accepted:
            form.add_error("addresses", result.refusal())
    return all(result.accepted for result in results)


def report_accepted(request, results):
    accepted = [result.address for result in results if result.accepted]
    if accepted:
        messages.success(
            request,
            _("Testversand an %(recipients)s verschickt.") % {"recipients": ", ".join(accepted)},
        )
