"""A send mails exactly the subscribed addresses once, and staff can steer it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from mailings.sending import actions
from mailings.sending.clock import clock_pass
from mailings.sending.models import Delivery, Send
from mailings.sending.status import send_status
from mailings.subscribers.models import Subscription

pytestmark = pytest.mark.django_db


def send_now(issue, capture, user=None):
    with capture(execute=True):
        send = actions.schedule_send(issue, user=user)
    send.refresh_from_db()
    return send


def test_every_subscribed_address_gets_exactly_one_mail(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    send = send_now(ready_issue, django_capture_on_commit_callbacks)
    assert sorted(memory.recipients()) == sorted(audience)
    assert send.state == "done" and send.total == 4  # the suppressed one is frozen, skipped
    status = send_status(send.pk)
    assert (status["sent"], status["skipped"], status["uncertain"]) == (3, 1, 0)
    assert ready_issue.sent_at == send.started_at


def test_the_message_is_the_issue_with_personal_links_and_tags(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    send = send_now(ready_issue, django_capture_on_commit_callbacks)
    message = memory.outbox[0]
    delivery = Delivery.objects.get(send=send, email=message.recipients[0])
    assert message.tags == {"send": str(send.pk), "delivery": str(delivery.pk)}
    assert b"Subject: Neues aus dem Netzwerk" in message.raw
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message.raw
    assert delivery.provider_message_id.startswith("memory-")


def test_the_web_version_is_published_and_staff_are_told(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    assert not ready_issue.live
    send_now(ready_issue, django_capture_on_commit_callbacks)
    ready_issue.refresh_from_db()
    assert ready_issue.live
    [staff_mail] = mail.outbox
    assert staff_mail.subject.startswith("Versand abgeschlossen")
    assert "Versendet: 3" in staff_mail.body
    actions = set(PageLogEntry.objects.filter(page=ready_issue).values_list("action", flat=True))
    assert {"sending.requested", "sending.started", "sending.finished"} <= actions


def test_someone_who_unsubscribes_after_the_freeze_is_skipped(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send = actions.schedule_send(ready_issue)
    actions.start_send(send.pk)  # frozen, workers not yet run
    Subscription.objects.filter(subscriber__email=audience[0]).update(status="unsubscribed")
    with django_capture_on_commit_callbacks(execute=True):
        actions.kick_workers(send.pk)
    assert len(callbacks) == 1
    assert sorted(memory.recipients()) == sorted(audience[1:])
    assert Delivery.objects.get(send=send, email=audience[0]).state == "skipped"


def test_blockers_refuse_the_send_and_change_nothing(make_issue, audience, memory):
    issue = make_issue(subject="", live=False)
    with pytest.raises(ValidationError) as refused:
        actions.schedule_send(issue)
    assert "Die Betreffzeile fehlt." in refused.value.messages
    assert not Send.objects.exists()


def test_only_one_active_send_per_issue(ready_issue, audience, memory):
    actions.schedule_send(ready_issue, at=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="bereits ein Versand"):
        actions.schedule_send(ready_issue)
    assert Send.objects.count() == 1


def test_edits_during_a_send_change_no_mail(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    send = actions.schedule_send(ready_issue)
    actions.start_send(send.pk)
    ready_issue.subject = "Ganz anderer Betreff"
    ready_issue.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        actions.kick_workers(send.pk)
    assert len(memory.outbox) == 3
    assert all(b"Subject: Neues aus dem Netzwerk" in m.raw for m in memory.outbox)


def test_pause_resume_and_cancel(ready_issue, audience, memory, django_capture_on_commit_callbacks):
    send = actions.schedule_send(ready_issue)
    actions.start_send(send.pk)
    assert actions.pause_send(send, "Kurz anhalten", user=None)
    with django_capture_on_commit_callbacks(execute=True):
        actions.kick_workers(send.pk)  # a worker finds the send paused and sends nothing
    assert memory.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.resume_send(send)
    assert len(memory.outbox) == 3
    send.refresh_from_db()
    assert send.state == "done"
    assert not actions.cancel_send(send)  # nothing to cancel any more


def test_cancel_skips_the_rest_and_a_new_send_never_repeats_anyone(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    first = actions.schedule_send(ready_issue)
    actions.start_send(first.pk)
    Delivery.objects.filter(send=first, email=audience[0]).update(state="sent")
    assert actions.cancel_send(first)
    assert Delivery.objects.filter(send=first, state="skipped").count() == 3
    second = send_now(ready_issue, django_capture_on_commit_callbacks)
    assert sorted(memory.recipients()) == sorted(audience[1:])
    assert second.total == 3  # two subscribed plus the suppressed address, skipped later


def test_restoring_an_old_revision_or_copying_cannot_unsend(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    old_revision = ready_issue.get_latest_revision()
    send_now(ready_issue, django_capture_on_commit_callbacks)
    old_revision.publish()
    ready_issue.refresh_from_db()
    assert ready_issue.is_sent
    copy = ready_issue.copy(update_attrs={"slug": "kopie", "title": "Kopie"})
    assert not copy.is_sent


def test_scheduled_send_starts_on_the_clock_and_late_ones_become_overdue(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    at = timezone.now() + datetime.timedelta(minutes=30)
    send = actions.schedule_send(ready_issue, at=at)
    clock_pass(now=timezone.now())
    send.refresh_from_db()
    assert send.state == "scheduled"
    with django_capture_on_commit_callbacks(execute=True):
        clock_pass(now=at + datetime.timedelta(minutes=5))
    send.refresh_from_db()
    assert send.state == "done" and len(memory.outbox) == 3


def test_late_guard_and_starting_anyway(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    at = timezone.now() + datetime.timedelta(minutes=1)
    send = actions.schedule_send(ready_issue, at=at)
    with django_capture_on_commit_callbacks(execute=True):
        clock_pass(now=at + datetime.timedelta(minutes=61))
    send.refresh_from_db()
    assert send.state == "overdue" and memory.outbox == []
    assert mail.outbox[-1].subject.startswith("Versand verpasst")
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.resume_send(send)
    send.refresh_from_db()
    assert send.state == "done" and len(memory.outbox) == 3


def test_erasing_a_subscriber_removes_the_address_from_the_send_history(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    from mailings.subscribers.actions import erase
    from mailings.subscribers.models import Subscriber

    send = send_now(ready_issue, django_capture_on_commit_callbacks)
    erase(Subscriber.objects.get(email=audience[0]), by="Test")
    assert not Delivery.objects.filter(email=audience[0]).exists()
    assert Delivery.objects.filter(send=send, state="sent").count() == 3


def test_commands_send_pause_resume_cancel_and_status(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    def run(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, stdout=out)
        return out.getvalue()

    with pytest.raises(CommandError, match="nicht lesbar"):
        run("newsletter_send", ready_issue.slug, "--at", "morgen früh", "--yes")
    with pytest.raises(CommandError, match="Vergangenheit"):
        run("newsletter_send", ready_issue.slug, "--at", "2020-01-01 09:00", "--yes")
    assert "geplant für" in run(
        "newsletter_send", ready_issue.slug, "--at", "2099-12-01 09:00", "--yes"
    )
    assert "Abgebrochen" in run("newsletter_send", ready_issue.slug, "--cancel")
    assert "4 Empfänger gestartet" in run("newsletter_send", str(ready_issue.pk), "--yes")
    status = json.loads(run("newsletter_status", ready_issue.slug, "--json"))
    assert {
        k: status[k] for k in ("state", "total", "sent", "queued", "failed", "uncertain", "skipped")
    } == {
        "state": "done",
        "total": 4,
        "sent": 3,
        "queued": 0,
        "failed": 0,
        "uncertain": 0,
        "skipped": 1,
    }
    for key in ("rate_per_s", "eta_s", "started_at", "finished_at", "uncertain_ids"):
        assert key in status
    with pytest.raises(CommandError, match="Nicht möglich"):
        run("newsletter_send", ready_issue.slug, "--pause")
    assert len(memory.outbox) == 3


def test_the_command_refuses_with_the_checklist_blockers(make_issue, audience, memory):
    from django.core.management import CommandError, call_command

    issue = make_issue(preheader="", live=False)
    with pytest.raises(CommandError, match="Der Vorschautext fehlt"):
        call_command("newsletter_send", issue.slug, "--yes")
    assert not Send.objects.exists()
