"""The states of a send and of each delivery: the contract the worker, the clock, the SES
feedback (issue 9) and the admin screens share. docs/sending.md draws them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SendState(models.TextChoices):
    SCHEDULED = "scheduled", _("Geplant")
    SENDING = "sending", _("Wird versendet")
    PAUSED = "paused", _("Angehalten")
    DONE = "done", _("Abgeschlossen")
    CANCELLED = "cancelled", _("Abgebrochen")
    FAILED = "failed", _("Fehlgeschlagen")
    OVERDUE = "overdue", _("Verpasst")


# At most one send per issue may be in one of these states.
ACTIVE_SEND_STATES = [SendState.SCHEDULED, SendState.SENDING, SendState.PAUSED, SendState.OVERDUE]


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Wartet")
    CLAIMED = "claimed", _("Übernommen")
    SENDING = "sending", _("Wird übergeben")
    SENT = "sent", _("Versendet")
    FAILED = "failed", _("Fehlgeschlagen")
    UNCERTAIN = "uncertain", _("Ungewiss")
    SKIPPED = "skipped", _("Übersprungen")


# Deliveries in these states may have reached the recipient: a later send of the same issue
# never mails their address again.
MAYBE_DELIVERED = [DeliveryState.SENDING, DeliveryState.SENT, DeliveryState.UNCERTAIN]
# Work a worker can still do.
OPEN_DELIVERY_STATES = [DeliveryState.QUEUED, DeliveryState.CLAIMED, DeliveryState.SENDING]
