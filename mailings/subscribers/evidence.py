"""The consent log (append-only evidence) and the suppression list.

German law puts the burden of proof on the sender: who consented, when, from where, to which
wording, and which confirmation mail they answered. Each row is one such fact and is never
changed afterwards; erasing a person removes their rows and leaves one anonymous "erased" row.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def now_to_the_second():
    # Evidence is recorded in UTC (USE_TZ) to the second, as a court would read it.
    return timezone.now().replace(microsecond=0)


class ConsentAction(models.TextChoices):
    REQUESTED = "requested", _("Anmeldung angefordert")
    MAIL_SENT = "mail_sent", _("Bestätigungsmail versandt")
    CONFIRMED = "confirmed", _("Anmeldung bestätigt")
    PREFERENCES = "preferences", _("Einstellungen geändert")
    UNSUBSCRIBED = "unsubscribed", _("Abgemeldet")
    IMPORTED = "imported", _("Importiert")
    ERASED = "erased", _("Daten gelöscht")
    # Written by the SES feedback (mailings.feedback); details name the event and send.
    BOUNCED = "bounced", _("Unzustellbar gemeldet")
    COMPLAINED = "complained", _("Beschwerde gemeldet")


class AppendOnlyError(RuntimeError):
    pass


class ConsentEvent(models.Model):
    subscriber = models.ForeignKey(
        "subscribers.Subscriber",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_events",
        verbose_name=_("Abonnent/in"),
    )
    email_hash = models.CharField(_("Hash der Adresse"), max_length=64, db_index=True)
    action = models.CharField(_("Vorgang"), max_length=20, choices=ConsentAction)
    created_at = models.DateTimeField(_("Zeitpunkt (UTC)"), default=now_to_the_second)
    ip = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    user_agent = models.CharField(_("Browser (User-Agent)"), max_length=500, blank=True)
    page_url = models.CharField(_("Seite des Formulars"), max_length=500, blank=True)
    consent_text = models.TextField(_("Einwilligungstext"), blank=True)
    consent_version = models.CharField(
        _("Version des Einwilligungstexts"), max_length=40, blank=True
    )
    consent_hash = models.CharField(_("Hash des Einwilligungstexts"), max_length=64, blank=True)
    mail_text = models.TextField(_("Text der Bestätigungsmail"), blank=True)
    mail_hash = models.CharField(_("Hash der versandten Mail"), max_length=64, blank=True)
    mail_template_version = models.CharField(
        _("Vorlagenversion der Mail"), max_length=64, blank=True
    )
    # The request that a mail_sent or confirmed row answers.
    related = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("Bezug"),
    )
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Einwilligungsnachweis")
        verbose_name_plural = _("Einwilligungsnachweise")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["subscriber", "action", "created_at"])]
        constraints = [
            # A confirmation link can be used once: one confirmation per request.
            models.UniqueConstraint(
                fields=["related"],
                condition=models.Q(action="confirmed"),
                name="one_confirmation_per_request",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Einträge im Einwilligungsprotokoll werden nie geändert.")
        super().save(*args, **kwargs)


class SuppressedAddress(models.Model):
    """Addresses whose owner had their data erased: only a new opt-in may bring them back."""

    email_hash = models.CharField(_("Hash der Adresse"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("Gesperrt seit"), default=now_to_the_second)
    reason = models.CharField(_("Grund"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Gesperrte Adresse")
        verbose_name_plural = _("Gesperrte Adressen")

    def __str__(self):
        return self.email_hash[:12]
