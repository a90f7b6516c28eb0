"""Which revision of an issue a send mails.

Scheduling records the latest revision, which the send dialog has just checked against the
workflow. When the send starts (perhaps days later, from the clock), the issue may have a newer
draft. That draft is sent only if the person who scheduled the send could send it now (no
workflow in progress, and they may publish it); otherwise the recorded revision goes out, so a
scheduled send can never publish changes that skipped moderation.
"""

from .admin.rules import workflow_refusal


def revision_to_send(send, issue):
    latest = issue.get_latest_revision()
    if send.revision_id in (None, latest.pk) or newer_draft_allowed(send, issue):
        return latest
    return send.revision


def newer_draft_allowed(send, issue):
    """Sends scheduled by command (no user) are operator decisions and take the latest."""
    scheduler = send.created_by
    return scheduler is None or not workflow_refusal(issue, scheduler)
