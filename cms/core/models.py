"""Site-wide settings: the imprint data every page, mail and feed needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .validators import validate_single_line

# These values go into mail headers (From, Reply-To, List-Id): one line only.
HEADER_SAFE = [validate_single_line]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("Name der Organisation"), max_length=200, blank=True, validators=HEADER_SAFE
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    represented_by = models.CharField(_("Vertreten durch"), max_length=200, blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutzerklärung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    newsletter_sender_name = models.CharField(
        _("Absendername"), max_length=100, blank=True, validators=HEADER_SAFE
    )
    newsletter_sender_email = models.EmailField(
        _("Absenderadresse"), blank=True, validators=HEADER_SAFE
    )
    newsletter_reply_to = models.EmailField(_("Antwortadresse"), blank=True, validators=HEADER_SAFE)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("represented_by"),
            ],
            heading=_("Impressumsangaben"),
        ),
        MultiFieldPanel(
            [FieldPanel("imprint_page"), FieldPanel("privacy_page")], heading=_("Rechtliches")
        ),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Soziale Netzwerke"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("newsletter_sender_name"),
                FieldPanel("newsletter_sender_email"),
                FieldPanel("newsletter_reply_to"),
            ],
            heading=_("Newsletter-Versand"),
        ),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")

    @property
    def postal_address_lines(self):
        """The address as lines, for the footer, the imprint and the newsletter footer."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.organisation_name, self.street, town) if line]

    @property
    def has_imprint_data(self):
        return bool(self.organisation_name and self.street and self.postal_code and self.city)

    @property
    def social_links(self):
        links = [
            ("Mastodon", self.mastodon_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]
