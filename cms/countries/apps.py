from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "cms.countries"
    label = "countries"
