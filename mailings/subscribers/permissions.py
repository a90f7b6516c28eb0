"""Who may see subscribers' personal data in the admin: the managers group and superusers.

Model permissions alone are not enough: an editor group could be given "view subscriber" by
accident. This policy also requires membership in the group named in the settings.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy


def is_newsletter_manager(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_newsletter_manager"):  # once per request, not per check
        group = settings.SUBSCRIBERS_MANAGERS_GROUP
        user._is_newsletter_manager = user.groups.filter(name=group).exists()
    return user._is_newsletter_manager


class NewsletterManagersPolicy(ModelPermissionPolicy):
    def __init__(self, model, allow_add=True):
        super().__init__(model)
        self.allow_add = allow_add

    def user_has_permission(self, user, action):
        if action == "add" and not self.allow_add:
            return False
        return is_newsletter_manager(user) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if not self.allow_add:
            actions = [action for action in actions if action != "add"]
        group = settings.SUBSCRIBERS_MANAGERS_GROUP
        managers = Q(is_superuser=True) | Q(groups__name=group)
        return super().users_with_any_permission(actions).filter(managers).distinct()
