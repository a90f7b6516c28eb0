"""What the worker does with each answer of the provider: retry later, give up, pause."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mailings.sending import actions, results
from mailings.sending.backends import Outcome, Quota
from mailings.sending.claims import claim, recover_expired_leases
from mailings.sending.models import Delivery
from mailings.sending.worker import SendWorker
from mailings.subscribers.models import Subscription
from tests.mailings.sending.fixtures import subscribe

pytestmark = pytest.mark.django_db


def started(issue):
    send = actions.schedule_send(issue)
    actions.start_send(send.pk)
    send.refresh_from_db()
    return send


def run_worker(send):
    SendWorker(send.pk).run()
    send.refresh_from_db()
    return send


def states(send):
    return dict(Delivery.objects.filter(send=send).values_list("email", "state"))


@pytest.fixture
def quick_retries(monkeypatch):
    """Back-off in hundredths of a second, so the worker's own wait covers it."""
    monkeypatch.setattr(results, "backoff", lambda attempts: 0.05 * attempts)


def test_throttling_slows_down_and_retries_never_drops(
    ready_issue, audience, memory, quick_retries
):
    memory.script(audience[0], Outcome.RETRY, Outcome.RETRY)
    send = run_worker(started(ready_issue))
    assert send.state == "done"
    assert sorted(memory.recipients()) == sorted(audience)
    retried = Delivery.objects.get(send=send, email=audience[0])
    assert (retried.state, retried.attempts) == ("sent", 3)


def test_a_retry_waits_for_its_time(ready_issue, audience, memory):
    memory.script(audience[0], Outcome.RETRY)
    send = started(ready_issue)
    with override_settings(NEWSLETTER_SEND_WORKERS=1):
        worker = SendWorker(send.pk)
        worker.settle = lambda: None  # leave instead of waiting for the retry
        worker.run()
    retried = Delivery.objects.get(send=send, email=audience[0])
    assert retried.state == "queued" and retried.not_before > timezone.now()
    assert audience[0] not in memory.recipients()


@override_settings(NEWSLETTER_MAX_ATTEMPTS=2)
def test_a_message_that_never_gets_through_fails_after_the_last_attempt(
    ready_issue, audience, memory, quick_retries
):
    memory.script(audience[0], Outcome.RETRY, Outcome.RETRY, Outcome.RETRY)
    send = run_worker(started(ready_issue))
    assert states(send)[audience[0]] == "failed"
    assert send.state == "done"


def test_an_answer_lost_after_the_request_left_is_uncertain_and_never_resent(
    ready_issue, audience, memory
):
    memory.script(audience[1], Outcome.UNKNOWN)
    send = run_worker(started(ready_issue))
    assert states(send)[audience[1]] == "uncertain"
    assert memory.recipients().count(audience[1]) == 1
    out = call_command_output("newsletter_status", ready_issue.slug, "--json")
    status = json.loads(out)
    delivery_id = Delivery.objects.get(send=send, email=audience[1]).pk
    assert status["uncertain"] == 1 and status["uncertain_ids"] == [delivery_id]


def test_staff_resolve_uncertain_deliveries(
    ready_issue, audience, memory, django_capture_on_commit_callbacks
):
    memory.script(audience[1], Outcome.UNKNOWN)
    send = run_worker(started(ready_issue))
    uncertain = Delivery.objects.get(send=send, state="uncertain")
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.resolve_uncertain(send, [uncertain.pk], "resend") == 1
    uncertain.refresh_from_db()
    assert uncertain.state == "sent"
    assert memory.recipients().count(audience[1]) == 2  # staff chose to risk a second one


def test_too_many_permanent_rejections_in_a_row_pause_the_send(ready_issue, newsletter, memory):
    for n in range(6):
        subscribe(newsletter, f"kaputt{n}@example.org")
        memory.script(f"kaputt{n}@example.org", Outcome.REJECTED)
    with override_settings(NEWSLETTER_MAX_FAILURES_IN_A_ROW=4, NEWSLETTER_SEND_CONCURRENCY=2):
        memory.concurrency = 2
        try:
            send = run_worker(started(ready_issue))
        finally:
            memory.concurrency = 4
    assert send.state == "paused" and "in Folge" in send.state_reason
    assert Delivery.objects.filter(send=send, state="failed").count() == 4
    assert Delivery.objects.filter(send=send, state="queued").count() == 2


def test_the_daily_quota_pauses_before_it_is_exceeded(ready_issue, audience, memory):
    memory.quota_value = Quota(max_24_hour_send=100, sent_last_24_hours=98)
    send = run_worker(started(ready_issue))
    assert len(memory.outbox) == 2
    assert send.state == "paused" and "Tageskontingent" in send.state_reason


def test_a_provider_saying_the_account_is_paused_pauses_the_send(ready_issue, audience, memory):
    memory.script(audience[0], Outcome.REJECTED)
    original = memory.send_one

    def paused_account(self, message):
        result = original(self, message)
        if result.outcome == Outcome.REJECTED:
            return type(result)(Outcome.REJECTED, error="paused: Sending paused for account")
        return result

    memory.send_one = paused_account
    try:
        send = run_worker(started(ready_issue))
    finally:
        memory.send_one = original
    assert send.state == "paused" and "pausiert" in send.state_reason
    assert states(send)[audience[0]] == "queued"


def test_a_dead_workers_rows_return_or_become_uncertain(ready_issue, audience, memory):
    send = started(ready_issue)
    ids = claim(send.pk, "tot:1", 10, lease_seconds=-1)
    Delivery.objects.filter(pk=ids[0]).update(state="sending")
    requeued, uncertain = recover_expired_leases()
    assert (requeued, uncertain) == (len(ids) - 1, 1)
    assert Delivery.objects.get(pk=ids[0]).state == "uncertain"


def queries_to_send(issue, newsletter, memory, recipients, chunk):
    for n in range(recipients):
        subscribe(newsletter, f"person{recipients}-{n}@example.org")
    send = started(issue)
    memory.concurrency = chunk
    try:
        with (
            override_settings(NEWSLETTER_SEND_CONCURRENCY=chunk),
            CaptureQueriesContext(connection) as queries,
        ):
            run_worker(send)
    finally:
        memory.concurrency = 4
    assert Delivery.objects.filter(send=send, state="sent").count() == recipients
    return len(queries)


def test_the_worker_makes_no_query_per_recipient(make_issue, newsletter, memory):
    """Twice the recipients in chunks twice as big: the same number of queries."""
    text = ("text", {"heading": "", "body": "<p>Hallo</p>", "channel": "both"})
    few = queries_to_send(make_issue(text, live=False), newsletter, memory, 40, chunk=20)
    Subscription.objects.update(status="unsubscribed")
    many = queries_to_send(make_issue(text, live=False), newsletter, memory, 80, chunk=40)
    assert few == many


def call_command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
