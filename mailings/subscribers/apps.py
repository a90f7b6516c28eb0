from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "mailings.subscribers"
    label = "subscribers"
