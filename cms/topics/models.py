"""Topic listings: one page per topic snippet, with the posts and events about it."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from cms.core.pages import IndexPage, with_listing_images
from cms.taxonomy.models import Topic

LISTED_EVENTS = 6
POSTS_PER_PAGE = 10


class TopicIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = []
    template = "pages/topic_index_page.html"

    class Meta:
        verbose_name = _("Themenübersicht")

    @path("")
    def topic_list(self, request):
        return self.render(request, context_overrides={"topics": Topic.objects.all()})

    @path("<slug:slug>/", name="topic")
    def topic_detail(self, request, slug):
        from cms.blog.models import BlogPage
        from cms.events.models import EventPage

        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404(_("Dieses Thema gibt es nicht."))
        posts = with_listing_images(BlogPage.objects.live().public().filter(topics=topic))
        posts = Paginator(posts.order_by("-date", "-pk"), POSTS_PER_PAGE)
        return self.render(
            request,
            template="pages/topic_page.html",
            context_overrides={
                "topic": topic,
                "posts": posts.get_page(request.GET.get("seite")),
                "events": EventPage.objects.upcoming().filter(topics=topic)[:LISTED_EVENTS],
            },
        )

    def topic_url(self, topic):
        return self.url + self.reverse_subpage("topic", kwargs={"slug": topic.slug})

    def get_sitemap_urls(self, request=None):
        """The index and one entry per topic page, which are routes, not pages."""
        base = self.get_full_url(request)
        topics = [
            {"location": base + self.reverse_subpage("topic", kwargs={"slug": slug})}
            for slug in Topic.objects.values_list("slug", flat=True)
        ]
        return [*super().get_sitemap_urls(request), *topics]
