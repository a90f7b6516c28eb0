"""The "Newsletter" admin menu: lists and subscribers, visible to newsletter managers only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from . import admin_views
from .admin_filters import SubscriberFilterSet
from .models import ConsentEvent, Newsletter, Subscriber, Subscription, SuppressedAddress
from .permissions import NewsletterManagersPolicy

register_permission_policy(Newsletter, NewsletterManagersPolicy(Newsletter))
# Subscribers come only through the signup form or an import, never typed in by hand.
register_permission_policy(Subscriber, NewsletterManagersPolicy(Subscriber, allow_add=False))
for model in (Subscription, ConsentEvent, SuppressedAddress):
    register_permission_policy(model, NewsletterManagersPolicy(model, allow_add=False))


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletter-Listen")
    form_fields = ["name", "slug", "description", "is_default"]
    list_display = ["name", "slug", "is_default"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = admin_views.ADMIN_NS
    url_prefix = "newsletter/abonnenten"
    icon = "group"
    menu_label = _("Abonnent/innen")
    form_fields = ["name", "language", "topics", "countries"]
    search_fields = ["email", "name"]
    search_backend_name = None
    filterset_class = SubscriberFilterSet
    inspect_view_enabled = True
    index_view_class = admin_views.SubscriberIndexView
    inspect_view_class = admin_views.SubscriberInspectView
    delete_view_class = admin_views.SubscriberDeleteView
    index_template_name = admin_views.ADMIN_TEMPLATES + "index.html"
    inspect_template_name = admin_views.ADMIN_TEMPLATES + "inspect.html"
    inspect_view_fields = ["email", "name", "language", "created_at", "topics", "countries"]
    list_display = [
        "email",
        "name",
        Column("subscriptions", label=_("Abonnements"), accessor=admin_views.subscription_summary),
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", admin_views.ImportView.as_view(), name="import"),
            path("export/", admin_views.ExportView.as_view(), name="export"),
            path(
                "consent/<int:pk>/",
                admin_views.ConsentLogDownloadView.as_view(),
                name="consent_log",
            ),
        ]


class NewsletterAdminGroup(ModelViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250

    # "Ausgaben" and "Versände" come from mailings.sending.reports (imported here, late, so
    # the subscribers app does not load the sending app at import time).
    @property
    def items(self):
        from mailings.sending.reports.viewsets import IssueListingViewSet, SendHistoryViewSet

        return [IssueListingViewSet, SendHistoryViewSet, SubscriberViewSet, NewsletterViewSet]


@hooks.register("register_admin_viewset")
def register_newsletter_admin():
    return NewsletterAdminGroup()
