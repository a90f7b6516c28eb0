from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    label = "feeds"
    verbose_name = _("Feeds und Kalender")

    def ready(self):
        from . import signals  # noqa: F401 - connects the cache invalidation receivers
