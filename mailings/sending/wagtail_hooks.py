"""The send actions in Wagtail's audit log (page history and the site history report)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

# The admin screens register their own hooks; importing them here is what makes Wagtail see them.
from .admin import hooks as send_screen_hooks  # noqa: F401
from .reports import hooks as report_hooks  # noqa: F401

ACTIONS = {
    "sending.requested": _("Versand gestartet"),
    "sending.scheduled": _("Versand geplant"),
    "sending.started": _("Versand begonnen"),
    "sending.paused": _("Versand angehalten"),
    "sending.resumed": _("Versand fortgesetzt"),
    "sending.cancelled": _("Versand abgebrochen"),
    "sending.finished": _("Versand abgeschlossen"),
    "sending.failed": _("Versand fehlgeschlagen"),
    "sending.overdue": _("Versand verpasst"),
    "sending.uncertain_resolved": _("Ungewisse Zustellungen geklärt"),
}


@hooks.register("register_log_actions")
def register_send_actions(actions):
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)
