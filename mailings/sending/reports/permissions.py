"""Who may judge sends in the admin.

The history and the report show counts only, no person: whoever may send or test-send an
issue may see how it went (the same people who may watch a send's progress). The delivery
CSV and the dashboard name or count subscribers, so they stay with the group "Newsletter
managers" (and superusers), like every other personal figure.
"""

from wagtail.permission_policies import BasePermissionPolicy

from mailings.subscribers.permissions import is_newsletter_manager

ISSUE_PERMISSIONS = [
    "newsletter_issues.send_newsletterissuepage",
    "newsletter_issues.test_send_newsletterissuepage",
]


def can_view_reports(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return is_newsletter_manager(user) or any(user.has_perm(p) for p in ISSUE_PERMISSIONS)


def can_see_personal_figures(user):
    return is_newsletter_manager(user)


class SendReportPolicy(BasePermissionPolicy):
    """Read-only access to sends for the report views. Not registered for the Send model:
    the send screens decide about their own actions."""

    def user_has_permission(self, user, action):
        return action == "view" and can_view_reports(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and can_view_reports(user)
