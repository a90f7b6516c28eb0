from django.urls import path, register_converter

from . import views


class FeedExtension:
    """The two syndication formats a feed URL may end in."""

    regex = "rss|atom"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedExtension, "feed_extension")

app_name = "feeds"
urlpatterns = [
    path("", views.feed_overview, name="overview"),
    path("blog.<feed_extension:extension>", views.blog_feed, name="blog"),
    path("events.<feed_extension:extension>", views.events_feed, name="events"),
    path("events.ics", views.events_calendar, name="events_ics"),
    path("event/<int:pk>.ics", views.event_calendar, name="event_ics"),
    path("newsletter.<feed_extension:extension>", views.newsletter_feed, name="newsletter"),
    path("country/<slug:slug>.<feed_extension:extension>", views.country_feed, name="country"),
    path("topic/<slug:slug>.<feed_extension:extension>", views.topic_feed, name="topic"),
]
