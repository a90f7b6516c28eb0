"""A send's own page (live progress), its JSON endpoint and the controls: pause, resume,
cancel and the decision about uncertain deliveries. Every change goes through
mailings.sending.actions, which write Wagtail's audit log of the issue."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from mailings.subscribers.permissions import is_newsletter_manager

from .. import actions
from ..models import Send
from .progress import snapshot
from .rules import can_send, can_watch, requires

UNCERTAIN_TEMPLATE = "mailings/sending/admin/_uncertain.html"

CONTROL_BUTTONS = [
    ("pause", gettext_lazy("Anhalten"), "button-secondary"),
    ("resume", gettext_lazy("Fortsetzen"), ""),
    ("cancel", gettext_lazy("Abbrechen …"), "no"),
]
CONTROLS = {
    "pause": (
        lambda send, user: actions.pause_send(send, pause_reason(user), user),
        gettext_lazy("Der Versand ist angehalten."),
    ),
    "resume": (
        lambda send, user: actions.resume_send(send, user),
        gettext_lazy("Der Versand geht weiter."),
    ),
    "cancel": (
        lambda send, user: actions.cancel_send(send, user),
        gettext_lazy("Der Versand ist abgebrochen."),
    ),
}
# Controls that cannot be undone ask once more (a page of its own: works without JavaScript).
CONFIRM = {
    "cancel": {
        "title": gettext_lazy("Versand wirklich abbrechen?"),
        "text": gettext_lazy(
            "Wer die Ausgabe noch nicht bekommen hat, bekommt sie aus "
            "diesem Versand nicht mehr. Ein neuer Versand erreicht später "
            "nur, wer sie noch nicht bekommen hat."
        ),
        "button": gettext_lazy("Ja, Versand abbrechen"),
    },
    "resend": {
        "title": gettext_lazy("Ungewisse Zustellungen erneut senden?"),
        "text": gettext_lazy(
            "Der Versanddienst hat diese Mails vielleicht schon angenommen. "
            "Wer sie bekommen hat, bekommt die Ausgabe dann doppelt."
        ),
        "button": gettext_lazy("Ja, erneut senden"),
    },
}


def watched_send(send_id):
    return get_object_or_404(Send.objects.select_related("issue", "newsletter"), pk=send_id)


def progress_context(request, send, read_only=False):
    """Everything the progress fragment needs, for the page and the issue's panel (read_only:
    the panel sits inside the page's edit form, where no other form may be)."""
    user = request.user
    can_control = can_send(user) and not read_only
    return {
        "send": send,
        "can_control": can_control,
        "read_only": read_only,
        "progress": snapshot(
            send.pk, can_control=can_control, show_addresses=is_newsletter_manager(user)
        ),
        "controls": CONTROL_BUTTONS,
        "next": get_valid_next_url_from_request(request),
        "status_url": reverse("sending_admin:status", args=[send.pk]),
        "progress_url": reverse("sending_admin:progress", args=[send.pk]),
    }


@method_decorator(requires(can_watch), name="dispatch")
class SendProgressView(WagtailAdminTemplateMixin, View):
    template_name = "mailings/sending/admin/send_progress.html"
    page_title = gettext_lazy("Versand")
    header_icon = "mail"

    def get(self, request, send_id):
        self.send = watched_send(send_id)
        context = self.get_context_data(
            **progress_context(request, self.send), issue=self.send.issue
        )
        return self.render_to_response(context)

    def get_page_subtitle(self):
        return self.send.issue.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.send.issue_id]),
                "label": self.send.issue.title,
            },
            {"url": "", "label": _("Versand")},
        ]


@requires(can_watch)
def send_status_json(request, send_id):
    """What the progress script polls: send_status, percentage, display strings, controls."""
    send = watched_send(send_id)
    context = progress_context(request, send)
    body = {
        **context["progress"],
        "uncertain_html": render_to_string(UNCERTAIN_TEMPLATE, context, request=request),
    }
    return JsonResponse(body, headers={"Cache-Control": "no-store"})


def pause_reason(user):
    name = user.get_full_name() or user.get_username()
    return _("Von %(name)s im Admin angehalten.") % {"name": name}


def controlled_send(send_id):
    return get_object_or_404(Send.objects.select_related("issue"), pk=send_id)


def back(request, send):
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("sending_admin:progress", args=[send.pk])
    )


@requires(can_send)
@require_POST
def control_send(request, send_id, action):
    if action not in CONTROLS:
        raise Http404
    send = controlled_send(send_id)
    if action in CONFIRM and request.POST.get("confirmed") != "1":
        return confirmation(request, send, action, {"action": action})
    run, done_message = CONTROLS[action]
    if run(send, request.user):
        messages.success(request, done_message)
    else:
        send.refresh_from_db()
        messages.error(
            request,
            _("Das geht nicht mehr: Der Versand ist inzwischen „%(state)s“.")
            % {"state": send.get_state_display()},
        )
    return back(request, send)


@requires(can_send)
@require_POST
def resolve_uncertain(request, send_id):
    send = controlled_send(send_id)
    how = request.POST.get("how")
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    if how not in ("sent", "resend") or not ids:
        messages.error(request, _("Bitte mindestens eine ungewisse Zustellung auswählen."))
        return back(request, send)
    if how == "resend" and request.POST.get("confirmed") != "1":
        return confirmation(request, send, "resend", {"how": how, "ids": ids})
    count = actions.resolve_uncertain(send, ids, how, request.user)
    messages.success(request, resolved_message(how, count))
    return back(request, send)


def resolved_message(how, count):
    if how == "sent":
        return ngettext(
            "%(count)d Zustellung als versendet bestätigt.",
            "%(count)d Zustellungen als versendet bestätigt.",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d Zustellung wird erneut gesendet.",
        "%(count)d Zustellungen werden erneut gesendet.",
        count,
    ) % {"count": count}


def confirmation(request, send, kind, fields):
    texts = CONFIRM[kind]
    return TemplateResponse(
        request,
        "mailings/sending/admin/confirm.html",
        {
            "send": send,
            "fields": fields,
            "texts": texts,
            "next": get_valid_next_url_from_request(request),
            "action_url": request.path,
            "page_title": texts["title"],
            "header_title": texts["title"],
            "cancel_url": reverse("sending_admin:progress", args=[send.pk]),
        },
    )
