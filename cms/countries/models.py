"""Country focus areas: one page per country with its partnerships, people and news."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.blocks import BodyBlock, ResourceBlock
from cms.core.pages import IndexPage, TeaserMixin, with_listing_images

LISTED_ITEMS = 6


class CountryIndexPage(IndexPage):
    subpage_types = ["countries.CountryPage"]
    template = "pages/country_index_page.html"

    class Meta:
        verbose_name = _("Länderschwerpunkte")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        countries = CountryPage.objects.live().public().child_of(self).order_by("title")
        context["countries"] = with_listing_images(countries).annotate(
            partnership_count=models.Count("partnerships")
        )
        return context


class CountryPage(TeaserMixin, Page):
    iso_code = models.CharField(
        _("ISO-Ländercode"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Zwei Großbuchstaben, z. B. PL."))],
    )
    introduction = RichTextField(_("Einleitung"), features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    contact_persons = ParentalManyToManyField(
        "people.ContactPerson", verbose_name=_("Ansprechpersonen"), blank=True
    )
    resources = StreamField(ResourceBlock(), verbose_name=_("Materialien"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("iso_code"),
        *TeaserMixin.teaser_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel(
            "partnerships", heading=_("Kommunale Partnerschaften"), label=_("Partnerschaft")
        ),
        MultiFieldPanel([FieldPanel("contact_persons")], heading=_("Ansprechpersonen")),
        FieldPanel("resources"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["countries.CountryIndexPage"]
    subpage_types = []
    template = "pages/country_page.html"

    class Meta:
        verbose_name = _("Länderseite")
        verbose_name_plural = _("Länderseiten")

    def get_context(self, request, *args, **kwargs):
        from cms.blog.models import BlogPage
        from cms.events.models import EventPage

        context = super().get_context(request, *args, **kwargs)
        posts = BlogPage.objects.live().public().filter(countries=self).order_by("-date")
        context["posts"] = with_listing_images(posts)[:LISTED_ITEMS]
        context["events"] = EventPage.objects.upcoming().filter(countries=self)[:LISTED_ITEMS]
        context["partnership_list"] = self.partnerships.all()
        context["contacts"] = self.contact_persons.select_related("image")
        return context


class Partnership(Orderable):
    page = ParentalKey(CountryPage, on_delete=models.CASCADE, related_name="partnerships")
    municipality = models.CharField(_("Kommune in Deutschland"), max_length=150)
    partner_municipality = models.CharField(_("Partnerkommune"), max_length=150)
    since = models.PositiveSmallIntegerField(
        _("Seit (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    panels = [FieldPanel("municipality"), FieldPanel("partner_municipality"), FieldPanel("since")]

    class Meta(Orderable.Meta):
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")

    def __str__(self):
        return f"{self.municipality} – {self.partner_municipality}"
