from django.apps import AppConfig


class StandardpagesConfig(AppConfig):
    name = "cms.standardpages"
    label = "standardpages"
