"""What listing-friendly pages share: a teaser and a header image with its own alt text."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page

# The one rendition listings use; prefetched with the images so cards cost no query each.
LISTING_RENDITION = "fill-640x360|format-jpeg|jpegquality-80"


class TeaserMixin(models.Model):
    teaser = models.TextField(
        _("Anreißer"),
        max_length=400,
        blank=True,
        help_text=_("Zwei, drei Sätze für Übersichten, Feeds und den Newsletter."),
    )
    header_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    header_image_alt = models.CharField(
        _("Alternativtext des Titelbilds"),
        max_length=250,
        blank=True,
        help_text=_("Leer lassen, wenn das Bild rein dekorativ ist."),
    )

    teaser_panels = [
        MultiFieldPanel(
            [FieldPanel("teaser"), FieldPanel("header_image"), FieldPanel("header_image_alt")],
            heading=_("Anreißer und Titelbild"),
        )
    ]

    class Meta:
        abstract = True


class IndexPage(Page):
    """A listing page (blog, countries, events, topics): a short introduction above a list.
    Each kind exists once per parent."""

    introduction = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    max_count_per_parent = 1

    class Meta:
        abstract = True


def with_listing_images(queryset, field="header_image"):
    """Fetch the listing images and their renditions in two queries for the whole list."""
    images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return queryset.prefetch_related(Prefetch(field, queryset=images))
