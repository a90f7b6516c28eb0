"""Newsletters (lists), subscribers and their subscriptions."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise_email(address):
    """Trim and lower-case the domain; the local part is the mailbox owner's business."""
    local, _at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else address.strip()


class Newsletter(models.Model):
    name = models.CharField(_("Name"), max_length=150)
    slug = models.SlugField(_("Kurzname"), unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_default = models.BooleanField(
        _("Bei der Anmeldung vorausgewählt"), default=False
    )

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("Newsletter")
        verbose_name_plural = _("Newsletter")

    def __str__(self):
        return self.name

    def list_id(self, domain):
        """The RFC 2919 List-Id for this newsletter, e.g. <quartal.example.org>."""
        return f"{self.name} <{self.slug}.{domain}>"


class Subscriber(models.Model):
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    language = models.CharField(_("Sprache"), max_length=5, default="de")
    # Part of every personal link; replacing it revokes all links sent so far.
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnent/in")
        verbose_name_plural = _("Abonnent/innen")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"), name="subscriber_email_unique_ci"
            )
        ]

    def __str__(self):
        return self.email


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Unbestätigt")
    SUBSCRIBED = "subscribed", _("Abonniert")
    UNSUBSCRIBED = "unsubscribed", _("Abgemeldet")
    BOUNCED = "bounced", _("Unzustellbar")
    COMPLAINED = "complained", _("Beschwerde")


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=SubscriptionStatus,
        default=SubscriptionStatus.PENDING,
    )
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_newsletter"
            )
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.newsletter}"
