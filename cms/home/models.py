"""The home page: what the office is, what is new, what is coming up."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.core.pages import with_listing_images

LATEST_POSTS = 3
UPCOMING_EVENTS = 4


class FeaturedItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Seite"))
    label = blocks.CharBlock(label=_("Abweichender Titel"), required=False)

    class Meta:
        icon = "pick"
        label = _("Hervorgehobene Seite")
        template = "components/blocks/featured_item_block.html"


class HomePage(Page):
    introduction = RichTextField(_("Einleitung"), features=["bold", "italic", "link"])
    featured = StreamField(
        [("item", FeaturedItemBlock())],
        verbose_name=_("Hervorgehoben"),
        blank=True,
        max_num=3,
    )
    newsletter_title = models.CharField(
        _("Überschrift Newsletter-Hinweis"), max_length=150, blank=True
    )
    newsletter_text = models.TextField(_("Text Newsletter-Hinweis"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured"),
        MultiFieldPanel(
            [FieldPanel("newsletter_title"), FieldPanel("newsletter_text")],
            heading=_("Newsletter-Hinweis"),
        ),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        from cms.blog.models import BlogPage
        from cms.events.models import EventPage

        context = super().get_context(request, *args, **kwargs)
        posts = BlogPage.objects.live().public().order_by("-date", "-pk")
        context["latest_posts"] = with_listing_images(posts)[:LATEST_POSTS]
        context["upcoming_events"] = EventPage.objects.upcoming()[:UPCOMING_EVENTS]
        return context
