"""The issue's sends as a tab of its edit view: the latest send's live progress (read only,
because the panel sits inside the page's edit form) with a link to the send's own page.

Wire it in NewsletterIssuePage.edit_handler:
    ObjectList([SendProgressPanel()], heading=_("Versand"))
"""

from django.urls import reverse
from wagtail.admin.panels import Panel

from ..models import Send
from .rules import can_send, can_watch, workflow_refusal


class SendProgressPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "mailings/sending/admin/progress_panel.html"

        class Media:
            js = ["mailings/sending/admin/send-progress.js"]

        def is_shown(self):
            return can_watch(self.request.user)

        def get_context_data(self, parent_context=None):
            from .views import progress_context

            context = super().get_context_data(parent_context)
            issue = self.instance
            send = latest_send(issue)
            if send is not None:
                context.update(progress_context(self.request, send, read_only=True))
            context.update(issue=issue, latest_send=send, may_send=self.may_send(issue))
            return context

        def may_send(self, issue):
            if not issue.pk or not can_send(self.request.user):
                return None
            return {
                "url": reverse("sending_admin:dialog", args=[issue.pk]),
                "refusal": workflow_refusal(issue, self.request.user),
            }


def latest_send(issue):
    if not issue.pk:
        return None
    return Send.objects.filter(issue_id=issue.pk).order_by("-created_at", "-pk").first()
