"""Who may send an issue, and when an issue may not be sent yet (Wagtail workflows).

Two permissions on NewsletterIssuePage: `test_send_newsletterissuepage` (a test mail to a few
staff addresses) and `send_newsletterissuepage` (send or schedule to the subscribers, pause,
resume, cancel). Newsletter managers hold both; Wagtail's Editors and Moderators get the test
send only (migration newsletter_issues 0005).

Starting a send publishes the issue's latest revision (the web version must say what the
mail says). So a workflow must not be bypassed: while one is in progress or asks for changes,
nobody sends; and someone who may not publish the page may only send a revision that is
already live, i.e. approved.
"""

from functools import wraps

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

SEND_PERMISSION = "newsletter_issues.send_newsletterissuepage"
TEST_SEND_PERMISSION = "newsletter_issues.test_send_newsletterissuepage"


def can_send(user):
    return user.is_active and user.has_perm(SEND_PERMISSION)


def can_watch(user):
    """Progress (figures, no addresses) is for everyone who works on issues."""
    return can_send(user) or (user.is_active and user.has_perm(TEST_SEND_PERMISSION))


def workflow_refusal(issue, user):
    """Why the workflow forbids sending the issue now, or "" if it does not."""
    state = issue.current_workflow_state
    if state is not None:
        return refusal_for_state(state)
    if has_unpublished_changes(issue) and not user_may_publish(issue, user):
        return _(
            "Die letzte Fassung der Ausgabe ist noch nicht veröffentlicht, und Sie dürfen "
            "sie nicht veröffentlichen: Bitte reichen Sie sie zur Freigabe ein."
        )
    return ""


def refusal_for_state(state):
    names = {"workflow": state.workflow.name, "task": task_name(state)}
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return (
            _(
                "Im Workflow „%(workflow)s“ wurden Änderungen angefordert: Die Ausgabe muss "
                "erneut zur Freigabe eingereicht werden."
            )
            % names
        )
    return (
        _("Die Ausgabe wartet noch auf Freigabe im Workflow „%(workflow)s“ (Schritt „%(task)s“).")
        % names
    )


def task_name(state):
    task_state = state.current_task_state
    return task_state.task.name if task_state else "?"


def has_unpublished_changes(issue):
    return not issue.live or issue.live_revision_id != issue.latest_revision_id


def user_may_publish(issue, user):
    return issue.permissions_for_user(user).can_publish()


def short_refusal(issue, user):
    """A few words for the send button in the page's menu."""
    if not workflow_refusal(issue, user):
        return ""
    return _("Freigabe fehlt")


def requires(check):
    """View decorator: a 403 page saying why, where Wagtail would redirect to the dashboard."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not check(request.user):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return checked

    return decorator


def forbidden(request):
    title = _("Keine Berechtigung")
    return TemplateResponse(
        request,
        "mailings/sending/admin/forbidden.html",
        {"page_title": title, "header_title": title},
        status=403,
    )
