"""Newsletters (lists), subscribers and their subscriptions.

The consent log and the suppression list live in evidence.py and are imported here so that
Django finds them; everything is importable from this module.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.validators import validate_single_line


def normalise_email(address):
    """Trim and lower-case the domain; the local part is the mailbox owner's business."""
    local, _at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else address.strip()


def address_hash(address):
    """A stable hash of an address for the suppression list and anonymous log entries.

    Uniqueness is case-insensitive, so the whole address is lower-cased. The pepper (a setting)
    keeps a leaked table from being reversed with a list of known addresses.
    """
    pepper = getattr(settings, "SUBSCRIBERS_HASH_PEPPER", "")
    value = f"{pepper}{normalise_email(address).lower()}".encode()
    return hashlib.sha256(value).hexdigest()


class Newsletter(models.Model):
    # In the List-Id header of every mail: one line only.
    name = models.CharField(_("Name"), max_length=150, validators=[validate_single_line])
    slug = models.SlugField(_("Kurzname"), unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_default = models.BooleanField(_("Bei der Anmeldung vorausgewählt"), default=False)

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
    # In the To header of every newsletter mail: one line only.
    name = models.CharField(
        _("Name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    language = models.CharField(_("Sprache"), max_length=5, default="de")
    # Part of every personal link; replacing it revokes all links sent so far.
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    topics = models.ManyToManyField(
        "taxonomy.Topic",
        verbose_name=_("Interessante Themen"),
        blank=True,
        related_name="interested_subscribers",
    )
    countries = models.ManyToManyField(
        "countries.CountryPage",
        verbose_name=_("Interessante Länder"),
        blank=True,
        related_name="interested_subscribers",
    )

    class Meta:
        verbose_name = _("Abonnent/in")
        verbose_name_plural = _("Abonnent/innen")
        ordering = ["-created_at"]
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
        _("Status"),
        max_length=20,
        choices=SubscriptionStatus,
        default=SubscriptionStatus.PENDING,
    )
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    # A summary of the consent log for lists and exports; the log itself is the evidence.
    signed_up_at = models.DateTimeField(_("Eingetragen am"), null=True, blank=True)
    signed_up_ip = models.GenericIPAddressField(_("Eingetragen von IP"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    confirmed_ip = models.GenericIPAddressField(_("Bestätigt von IP"), null=True, blank=True)
    source = models.CharField(_("Herkunft"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_newsletter"
            )
        ]
        indexes = [models.Index(fields=["status", "signed_up_at"])]

    def __str__(self):
        return f"{self.subscriber} – {self.newsletter}"


from .evidence import ConsentAction, ConsentEvent, SuppressedAddress  # noqa: E402, F401
