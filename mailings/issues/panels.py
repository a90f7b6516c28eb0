"""The pre-send checklist as a tab of the issue's edit view."""

from wagtail.admin.panels import Panel


class ChecklistPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "mailings/issues/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            from .checklist import run_checklist

            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk
            context["findings"] = run_checklist(self.instance) if saved else None
            return context
