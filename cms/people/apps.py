from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cms.people"
    label = "people"
