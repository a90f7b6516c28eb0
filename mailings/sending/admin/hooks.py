"""Wagtail hooks of the send screens (imported by mailings/sending/wagtail_hooks.py): their
URLs, the "Versenden …" / "Versand verfolgen" entries in the issue's header menu and in the
edit view's action menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button

from mailings.issues.models import NewsletterIssuePage

from ..models import Send
from ..states import ACTIVE_SEND_STATES
from ..status import send_status
from . import dialog, views
from .panels import latest_send
from .progress import percent_done
from .rules import can_send, can_watch, short_refusal

urlpatterns = [
    path(
        "newsletter-ausgaben/<int:issue_id>/versenden/",
        dialog.SendDialogView.as_view(),
        name="dialog",
    ),
    path(
        "newsletter-ausgaben/<int:issue_id>/versenden/empfaenger/",
        dialog.recipient_count,
        name="count",
    ),
    path("newsletter-versand/<int:send_id>/", views.SendProgressView.as_view(), name="progress"),
    path("newsletter-versand/<int:send_id>/status/", views.send_status_json, name="status"),
    path("newsletter-versand/<int:send_id>/ungewiss/", views.resolve_uncertain, name="uncertain"),
    path("newsletter-versand/<int:send_id>/<slug:action>/", views.control_send, name="control"),
]


@hooks.register("register_admin_urls")
def register_send_urls():
    return [path("", include((urlpatterns, "sending_admin")))]


def is_issue(page):
    return page.specific_class is NewsletterIssuePage


def watch_label(send):
    status = send_status(send.pk)
    return _("Versand verfolgen: %(state)s, %(percent)d %%") % {
        "state": status["state_label"],
        "percent": percent_done(status),
    }


def send_label(page, user):
    refusal = short_refusal(page.specific, user)
    return _("Versenden … (%(reason)s)") % {"reason": refusal} if refusal else _("Versenden …")


@hooks.register("register_page_header_buttons")
def send_buttons(page, user, view_name, next_url=None):
    if not is_issue(page) or not can_watch(user):
        return
    send = latest_send(page)
    active = send is not None and send.state in ACTIVE_SEND_STATES
    if send is not None:
        yield Button(
            watch_label(send) if active else _("Letzten Versand ansehen"),
            reverse("sending_admin:progress", args=[send.pk]),
            icon_name="time",
            priority=26,
        )
    if can_send(user) and not active:
        yield Button(
            send_label(page, user),
            reverse("sending_admin:dialog", args=[page.pk]),
            icon_name="mail",
            priority=27,
        )


class SendMenuItem(ActionMenuItem):
    """ "Versenden …" in the edit view's action menu (beside Publish)."""

    label = gettext_lazy("Versenden …")
    name = "action-newsletter-send"
    icon_name = "mail"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and is_issue(page)
            and can_send(context["request"].user)
            and not Send.objects.active().filter(issue_id=page.pk).exists()
        )

    def get_url(self, parent_context):
        return reverse("sending_admin:dialog", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_menu_item():
    return SendMenuItem(order=60)
