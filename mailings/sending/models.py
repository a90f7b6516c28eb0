"""Send state lives here, off the revisioned issue page: publishing an old revision, reverting
or copying an issue can never make it "unsent" or "sent".

Send: one per attempt to mail an issue to its newsletter. Delivery: one row per recipient of a
send, frozen at the start; its state machine is what makes a send exactly-once as far as SES
allows (see docs/sending.md). TransactionalMail: opt-in, welcome and test mails, which leave
through the same backends and survive a killed worker the same way.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import ACTIVE_SEND_STATES, DeliveryState, SendState


class SendQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_SEND_STATES)

    def finished(self):
        return self.filter(state=SendState.DONE)


class Send(models.Model):
    issue = models.ForeignKey(
        "newsletter_issues.NewsletterIssuePage",
        on_delete=models.PROTECT,
        related_name="sends",
        verbose_name=_("Ausgabe"),
    )
    newsletter = models.ForeignKey(
        "subscribers.Newsletter",
        on_delete=models.PROTECT,
        related_name="sends",
        verbose_name=_("Newsletter"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Versendete Fassung"),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=SendState, default=SendState.SCHEDULED
    )
    state_reason = models.CharField(_("Grund"), max_length=500, blank=True)
    # Who narrowed the audience how (issue 10): {"topics": [ids], "countries": [ids]}.
    audience = models.JSONField(_("Empfängerkreis"), default=dict, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Angelegt von"),
    )
    scheduled_for = models.DateTimeField(_("Geplant für"), null=True, blank=True)
    started_at = models.DateTimeField(_("Begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    # Frozen at the start: edits to the issue during a send change no mail.
    subject = models.CharField(_("Betreff"), max_length=300, blank=True)
    sender_name = models.CharField(_("Absendername"), max_length=150, blank=True)
    sender_email = models.EmailField(_("Absenderadresse"), blank=True)
    reply_to = models.EmailField(_("Antwortadresse"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    text = models.TextField(_("Nur-Text"), blank=True)
    total = models.PositiveIntegerField(_("Empfänger"), default=0)
    # Permanent rejections in a row: a broken configuration pauses the send (worker.py).
    failures_in_a_row = models.PositiveIntegerField(default=0)
    # Last sign of life of any worker on this send; the clock kicks a send whose workers died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    staff_notified = models.JSONField(default=list, blank=True)

    objects = SendQuerySet.as_manager()

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versände")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue"],
                condition=Q(state__in=ACTIVE_SEND_STATES),
                name="one_active_send_per_issue",
            )
        ]
        indexes = [models.Index(fields=["state", "scheduled_for"])]

    def __str__(self):
        return f"{self.issue_id}: {self.get_state_display()}"


class Delivery(models.Model):
    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    # Null once the subscriber erased their data; the address then is blanked too.
    subscriber = models.ForeignKey(
        "subscribers.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    email = models.CharField(_("Adresse beim Versandstart"), max_length=254)
    state = models.CharField(
        _("Status"), max_length=20, choices=DeliveryState, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    not_before = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    provider_message_id = models.CharField(
        _("Nachrichten-ID des Anbieters"), max_length=200, blank=True
    )
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    queued_at = models.DateTimeField(_("Eingereiht am"), default=timezone.now)
    sent_at = models.DateTimeField(_("Übergeben am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Geändert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        indexes = [
            models.Index(fields=["send", "state", "id"]),
            models.Index(fields=["provider_message_id"]),
            models.Index(fields=["subscriber", "state"]),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_state_display()})"


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Bestätigungsanfrage")
    WELCOME = "welcome", _("Willkommensmail")
    TEST = "test", _("Testversand")
    STAFF = "staff", _("Mitteilung an die Redaktion")


class TransactionalMail(models.Model):
    """One mail that is not part of a send. Written in the transaction that causes it, so a
    killed worker cannot lose it; delivered by a task and re-kicked by the clock."""

    kind = models.CharField(_("Art"), max_length=20, choices=MailKind)
    subscriber = models.ForeignKey(
        "subscribers.Subscriber",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="transactional_mails",
    )
    email = models.CharField(_("Empfänger"), max_length=254, blank=True)
    # What to build: e.g. {"event": consent event id} or {"subscription": id}.
    payload = models.JSONField(default=dict, blank=True)
    raw = models.BinaryField(blank=True, default=b"")  # prebuilt where the caller built it
    state = models.CharField(
        _("Status"), max_length=20, choices=DeliveryState, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einzelmail")
        verbose_name_plural = _("Einzelmails")
        indexes = [
            models.Index(fields=["state", "not_before"]),
            models.Index(fields=["provider_message_id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} an {self.email}"


class RateWindow(models.Model):
    """The shared send-rate limiter when no Redis is configured: one row per key holding the
    next free moment (GCRA); an UPDATE … RETURNING reserves slots atomically."""

    key = models.CharField(max_length=100, unique=True)
    next_free = models.FloatField(default=0.0)  # Unix time

    def __str__(self):
        return self.key


class ClockBeat(models.Model):
    """When the clock last finished a pass (for /health/ and for the status command)."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
