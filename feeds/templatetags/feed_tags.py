"""Feed autodiscovery: the <link rel="alternate"> tags every page's head carries."""

from django import template
from django.utils.translation import gettext as _

from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic
from feeds import overview

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_autodiscovery(context):
    """(title, media type, URL) of the site feeds, plus the feeds of this country or topic."""
    links = site_links()
    page, topic = context.get("page"), context.get("topic")
    if isinstance(page, CountryPage):
        links += own_links(page.title, overview.syndication_links("country", slug=page.slug))
    if isinstance(topic, Topic):
        links += own_links(topic.name, overview.syndication_links("topic", slug=topic.slug))
    return links


def site_links():
    blog = overview.syndication_links("blog")
    events = overview.syndication_links("events")
    return [
        *((_("Blog (%(format)s)") % {"format": link.format}, link) for link in blog),
        (_("Veranstaltungen (RSS)"), events[0]),
        (_("Newsletter-Ausgaben (RSS)"), overview.syndication_links("newsletter")[0]),
    ]


def own_links(name, links):
    return [(f"{name} ({link.format})", link) for link in links]
