"""Everything that can change what a feed shows retires the cached feeds."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.core.models import SiteSettings
from cms.people.models import ContactPerson
from cms.taxonomy.models import Topic

from .versioning import content_changed

# Snippets that feeds show (topics and authors as categories and names) or that decide what
# is public (view restrictions, sites); the site settings (organisation name) further down.
WATCHED_MODELS = (Topic, ContactPerson, PageViewRestriction, Site)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def page_changed(sender, **kwargs):
    content_changed()


@receiver(post_save, sender=SiteSettings)
def site_settings_saved(sender, created, **kwargs):
    # Created means empty defaults, made by the first SiteSettings.for_site() (a feed build).
    if not created:
        content_changed()


@receiver(post_save)
def instance_saved(sender, instance, **kwargs):
    # A live page saved without publishing (scripts, imports, fixtures) is visible at once.
    if isinstance(instance, WATCHED_MODELS) or (isinstance(instance, Page) and instance.live):
        content_changed()


@receiver(post_delete)
def instance_deleted(sender, instance, **kwargs):
    if isinstance(instance, (Page, SiteSettings, *WATCHED_MODELS)):
        content_changed()
