"""One row per SES event we heard about: the fact (what, when, why) on the delivery or
transactional mail it concerns. The raw JSON is kept for a while to explain odd cases, then
dropped (retention.py); the facts stay, because the per-send figures are counted from them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    SEND = "send", _("Angenommen")
    DELIVERY = "delivery", _("Zugestellt")
    BOUNCE = "bounce", _("Unzustellbar")
    COMPLAINT = "complaint", _("Beschwerde")
    REJECT = "reject", _("Abgewiesen")
    RENDERING_FAILURE = "rendering_failure", _("Darstellungsfehler")
    DELIVERY_DELAY = "delivery_delay", _("Verzögert")


class BounceType(models.TextChoices):
    PERMANENT = "Permanent", _("Dauerhaft")
    TRANSIENT = "Transient", _("Vorübergehend")
    UNDETERMINED = "Undetermined", _("Unbestimmt")


# Events that prove SES accepted the message: they settle an "uncertain" delivery as sent.
ACCEPTED_EVENTS = [
    EventType.SEND,
    EventType.DELIVERY,
    EventType.BOUNCE,
    EventType.COMPLAINT,
    EventType.DELIVERY_DELAY,
]
# Soft bounces: the mailbox may work again; only NEWSLETTER_SOFT_BOUNCE_LIMIT in a row count.
SOFT_BOUNCES = [BounceType.TRANSIENT, BounceType.UNDETERMINED]


class FeedbackEvent(models.Model):
    # SNS delivers at least once: its MessageId makes a redelivery a no-op.
    sns_message_id = models.CharField(_("SNS-Nachrichten-ID"), max_length=100, unique=True)
    event_type = models.CharField(_("Ereignis"), max_length=20, choices=EventType)
    bounce_type = models.CharField(
        _("Art des Bounce"), max_length=20, choices=BounceType, blank=True
    )
    subtype = models.CharField(_("Untertyp"), max_length=100, blank=True)
    diagnostic = models.CharField(_("Diagnose"), max_length=1000, blank=True)
    occurred_at = models.DateTimeField(_("Zeitpunkt laut SES"))
    received_at = models.DateTimeField(_("Empfangen am"), default=timezone.now)
    provider_message_id = models.CharField(
        _("Nachrichten-ID des Anbieters"), max_length=200, blank=True
    )
    # The hash, not the address: enough to count soft bounces in a row across sends.
    email_hash = models.CharField(_("Hash der Adresse"), max_length=64, blank=True)
    send = models.ForeignKey(
        "sending.Send",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_events",
        verbose_name=_("Versand"),
    )
    delivery = models.ForeignKey(
        "sending.Delivery",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_events",
        verbose_name=_("Zustellung"),
    )
    transactional_mail = models.ForeignKey(
        "sending.TransactionalMail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_events",
        verbose_name=_("Einzelmail"),
    )
    raw = models.JSONField(_("Rohdaten"), null=True, blank=True)

    class Meta:
        verbose_name = _("SES-Rückmeldung")
        verbose_name_plural = _("SES-Rückmeldungen")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["send", "event_type"]),
            models.Index(fields=["email_hash", "event_type", "occurred_at"]),
            models.Index(fields=["delivery", "event_type"]),
            models.Index(
                fields=["received_at"],
                condition=models.Q(raw__isnull=False),
                name="feedback_raw_kept",
            ),
        ]

    def __str__(self):
        return f"{self.get_event_type_display()} {self.occurred_at:%Y-%m-%d %H:%M:%S}"
