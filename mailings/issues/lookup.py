"""Find an issue by page id or slug (for the management commands)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .models import NewsletterIssuePage


def find_issue(identifier):
    issues = NewsletterIssuePage.objects.select_related("newsletter")
    found = issues.filter(pk=int(identifier)) if identifier.isdigit() else None
    if not found:
        found = issues.filter(slug=identifier)
    if not found:
        raise CommandError(
            _("Keine Newsletter-Ausgabe mit der ID oder dem Kurznamen „%(id)s“.")
            % {"id": identifier}
        )
    if len(found) > 1:
        raise CommandError(
            _("Der Kurzname „%(id)s“ ist mehrdeutig; bitte die ID angeben.") % {"id": identifier}
        )
    return latest(found[0])


def latest(issue):
    """The latest revision: what the editor last saved, as the preview shows it."""
    return issue.get_latest_revision_as_object()
