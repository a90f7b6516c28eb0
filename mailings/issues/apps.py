from django.apps import AppConfig


class IssuesConfig(AppConfig):
    name = "mailings.issues"
    label = "newsletter_issues"
