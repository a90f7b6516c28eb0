"""Wagtail hooks of reports and dashboard (imported by mailings/sending/wagtail_hooks.py).

The "Versände" and "Ausgaben" menu entries are registered with the Newsletter menu group
(mailings/subscribers/wagtail_hooks.py), not here.
"""

from wagtail import hooks

from .panels import manager_panels
from .permissions import can_see_personal_figures


@hooks.register("construct_homepage_panels")
def add_newsletter_panels(request, panels):
    # Subscriber counts describe people: only the role that may see personal data gets them.
    if can_see_personal_figures(request.user):
        panels.extend(manager_panels())
