from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "cms.topics"
    label = "topics"
