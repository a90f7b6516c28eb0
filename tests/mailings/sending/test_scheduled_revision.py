"""A scheduled send mails what was approved: changes made after scheduling go out only when the
person who scheduled could send them now (workflow and publish permission)."""

import pytest
from django.contrib.auth.models import Group

from mailings.sending import actions

pytestmark = pytest.mark.django_db


def staff(django_user_model, name, *groups):
    user = django_user_model.objects.create_user(name, f"{name}@netzwerk.example", "pw")
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def edit_subject(issue, subject):
    draft = issue.get_latest_revision_as_object()
    draft.subject = subject
    draft.save_revision()


def subjects(memory):
    return {message.subject for message in memory.outbox}


def test_a_draft_saved_after_scheduling_without_publish_right_stays_unsent(
    ready_issue, audience, memory, django_user_model, django_capture_on_commit_callbacks
):
    ready_issue.get_latest_revision().publish()
    sender = staff(django_user_model, "sender", "Newsletter managers", "Editors")
    approved = ready_issue.get_latest_revision()
    send = actions.schedule_send(ready_issue, sender, at=None)
    edit_subject(ready_issue, "Nicht freigegebener Entwurf")

    with django_capture_on_commit_callbacks(execute=True):
        actions.start_send(send.pk)

    send.refresh_from_db()
    ready_issue.refresh_from_db()
    assert send.revision_id == approved.pk
    assert subjects(memory) == {"Neues aus dem Netzwerk"}
    assert ready_issue.live_revision_id == approved.pk and ready_issue.has_unpublished_changes


def test_a_publisher_s_later_corrections_go_out(
    ready_issue, audience, memory, django_user_model, django_capture_on_commit_callbacks
):
    publisher = staff(django_user_model, "chefin", "Newsletter managers", "Moderators")
    send = actions.schedule_send(ready_issue, publisher, at=None)
    edit_subject(ready_issue, "Neues aus dem Netzwerk (korrigiert)")

    with django_capture_on_commit_callbacks(execute=True):
        actions.start_send(send.pk)

    ready_issue.refresh_from_db()
    assert subjects(memory) == {"Neues aus dem Netzwerk (korrigiert)"}
    assert ready_issue.live and not ready_issue.has_unpublished_changes
