"""Admin integration: the test send view and its button, and its audit log action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from . import views
from .models import NewsletterIssuePage
from .testsend import TEST_SEND_ACTION, can_test_send


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "newsletter-ausgaben/<int:page_id>/testversand/",
            views.test_send,
            name="newsletter_issues_test_send",
        ),
    ]


@hooks.register("register_page_header_buttons")
def test_send_button(page, user, view_name, next_url=None):
    if page.specific_class is NewsletterIssuePage and can_test_send(user):
        url = reverse("newsletter_issues_test_send", args=[page.pk])
        yield Button(_("Testversand"), url, icon_name="mail", priority=25)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(TEST_SEND_ACTION)
    class TestSendFormatter(LogFormatter):
        label = _("Testversand")

        def format_message(self, log_entry):
            recipients = ", ".join(log_entry.data.get("recipients", []))
            return _("Testversand an %(recipients)s") % {"recipients": recipients}
