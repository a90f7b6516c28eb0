from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SendingConfig(AppConfig):
    name = "mailings.sending"
    label = "sending"
    verbose_name = _("Versand")

    def ready(self):
        from . import signals  # noqa: F401 -- connects the receivers
