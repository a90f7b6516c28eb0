"""The blog: an index with filters and the posts the quarterly newsletter is built from."""

import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.pages import IndexPage, TeaserMixin, with_listing_images
from cms.taxonomy.models import Topic

POSTS_PER_PAGE = 10


def today():
    return timezone.localdate()


class BlogIndexPage(IndexPage):
    subpage_types = ["blog.BlogPage"]
    template = "pages/blog_index_page.html"

    class Meta:
        verbose_name = _("Blog-Übersicht")

    def posts(self):
        return BlogPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = BlogFilters.from_request(request)
        posts = with_listing_images(filters.apply(self.posts())).prefetch_related("topics")
        context["posts"] = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("seite"))
        context["filters"] = filters
        context["topics"] = Topic.objects.all()
        context["countries"] = self.filter_countries()
        context["years"] = [d.year for d in self.posts().dates("date", "year", order="DESC")]
        return context

    def filter_countries(self):
        from cms.countries.models import CountryPage

        return CountryPage.objects.live().order_by("title")


class BlogFilters:
    """The blog index's GET filters; unknown or malformed values simply filter nothing."""

    def __init__(self, topic="", country="", year=None):
        self.topic, self.country, self.year = topic, country, year

    @classmethod
    def from_request(cls, request):
        year = request.GET.get("jahr", "")
        return cls(
            topic=request.GET.get("thema", "")[:100],
            country=request.GET.get("land", "")[:100],
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    def apply(self, posts):
        if self.topic:
            posts = posts.filter(topics__slug=self.topic)
        if self.country:
            posts = posts.filter(countries__slug=self.country)
        if self.year:
            posts = posts.filter(date__year=self.year)
        return posts

    @property
    def active(self):
        return bool(self.topic or self.country or self.year)

    @property
    def query_string(self):
        """The active filters as a query string, so pagination links keep them."""
        pairs = {"thema": self.topic, "land": self.country, "jahr": self.year or ""}
        return urlencode({key: value for key, value in pairs.items() if value})


class BlogPage(TeaserMixin, Page):
    date = models.DateField(_("Datum"), default=today)
    authors = ParentalManyToManyField(
        "people.ContactPerson", verbose_name=_("Autorinnen und Autoren"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"))
    topics = ParentalManyToManyField("taxonomy.Topic", verbose_name=_("Themen"), blank=True)
    countries = ParentalManyToManyField(
        "countries.CountryPage", verbose_name=_("Länder"), blank=True, related_name="blog_posts"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        *TeaserMixin.teaser_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("topics"), FieldPanel("countries")],
            heading=_("Zuordnung"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    template = "pages/blog_page.html"

    class Meta:
        verbose_name = _("Blogbeitrag")
        verbose_name_plural = _("Blogbeiträge")

    @property
    def published_at(self):
        """The post's date as an aware datetime (feeds and mails need a time)."""
        start = datetime.datetime.combine(self.date, datetime.time(8, 0))
        return timezone.make_aware(start)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_posts"] = with_listing_images(
            BlogPage.objects.live()
            .public()
            .filter(topics__in=self.topics.all())
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-date")
        )[:3]
        return context
