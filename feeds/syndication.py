"""RSS 2.0 and Atom 1.0 documents from feed entries, written by feedgen."""

from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.templatetags.static import static
from django.utils.html import strip_tags
from feedgen.feed import FeedGenerator
from wagtail.models import Site

from cms.core.models import SiteSettings

from .items import absolute

MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
CONTENT_TYPES = {extension: f"{media}; charset=utf-8" for extension, media in MEDIA_TYPES.items()}


def site_name():
    site = Site.objects.filter(is_default_site=True).first()
    name = SiteSettings.for_site(site).organisation_name if site else ""
    return name or "Partnerpost"


def build_feed(spec, extension, built_at):
    """The feed as UTF-8 bytes; `built_at` is its last build date (also sent as Last-Modified)."""
    generator = feed_generator(spec, extension, built_at)
    for item in spec.entries():
        add_entry(generator, item)
    if extension == "atom":
        return generator.atom_str(pretty=False)
    return generator.rss_str(pretty=False)


def feed_generator(spec, extension, built_at):
    organisation = site_name()
    title = f"{organisation}: {spec.title}"
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)  # dc:creator: authors without email
    generator.id(spec.url(extension))
    generator.title(title)
    generator.subtitle(str(spec.description))
    generator.language(settings.LANGUAGE_CODE)
    generator.author(name=organisation)
    # feedgen takes the LAST link as the RSS channel link: self first, the web page last.
    generator.link(href=spec.url(extension), rel="self", type=MEDIA_TYPES[extension])
    generator.link(href=spec.link(), rel="alternate", type="text/html")
    generator.image(url=absolute(static("feeds/logo.png")), title=title, link=spec.link())
    generator.updated(built_at)
    generator.generator("Partnerpost")
    return generator


def add_entry(generator, item):
    entry = generator.add_entry(order="append")  # keep the order the feed definition chose
    entry.id(item.uid)
    # Many readers treat RSS titles and descriptions as HTML: titles lose any markup, the
    # plain-text summary is sent as escaped HTML.
    entry.title(strip_tags(item.title))
    entry.link(href=item.link, rel="alternate", type="text/html")
    entry.published(item.published)
    entry.updated(item.updated)
    for name in item.authors:
        entry.author(name=name)
        entry.dc.dc_creator(name)
    for category in item.categories:
        entry.category(term=category, label=category)
    if item.summary:
        entry.summary(linebreaksbr(item.summary, autoescape=True), type="html")
    entry.content(item.content, type="html")
