"""Opt-in and welcome mails leave through the sending seam as rows that survive a killed worker.

The last test starts a real `manage.py db_worker`, kills it with -9 in the middle of a send
and shows that recovery still gets every confirmation mail out.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from mailings.sending.backends import Outcome
from mailings.sending.models import MailKind, TransactionalMail
from mailings.sending.states import DeliveryState
from mailings.sending.transactional import (
    kick_waiting,
    queue_mail,
    queue_mails,
    recover_expired,
)
from mailings.subscribers.consent import Evidence
from mailings.subscribers.models import (
    ConsentAction,
    ConsentEvent,
    Newsletter,
    Subscriber,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)
from mailings.subscribers.signup import request_signup
from tests.support.mail import read
from tests.support.sending import MemoryBackend
from tests.support.shared_db import shared_database
from tests.support.slow_sending import read_outbox

ROOT = Path(__file__).resolve().parents[3]
EVIDENCE = Evidence(ip="192.0.2.1", user_agent="TestBrowser/1", page_url="http://testserver/")


@pytest.fixture
def memory_backend(settings):
    settings.NEWSLETTER_SENDING_BACKEND = "memory"
    MemoryBackend.reset()
    yield MemoryBackend
    MemoryBackend.reset()


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(name="Quartalsnewsletter", slug="quartal", is_default=True)


@pytest.fixture
def sign_up(newsletter, django_capture_on_commit_callbacks):
    """A sign-up as the form makes it; the commit starts the delivery task (run at once)."""

    def sign_up(email="anna@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            return request_signup(email, "", [newsletter], EVIDENCE)

    return sign_up


def mails_sent_for(request):
    return ConsentEvent.objects.filter(action=ConsentAction.MAIL_SENT, related=request)


def test_a_signup_sends_exactly_one_confirmation_mail_and_logs_it(memory_backend, sign_up):
    request = sign_up("anna@example.org")
    [message] = memory_backend.outbox
    row = TransactionalMail.objects.get()
    assert message.recipients == ["anna@example.org"]
    assert message.tags == {"mail": str(row.pk), "kind": "confirmation"}
    assert "bestätigen" in read(message).subject
    assert read(message).header("Message-ID") == message.message_id
    assert row.state == DeliveryState.SENT and row.provider_message_id.startswith("memory-")
    assert row.sent_at is not None and row.attempts == 1
    assert mails_sent_for(request).count() == 1


def test_a_refused_mail_is_not_logged_as_sent_and_comes_back_later(
    memory_backend, sign_up, django_capture_on_commit_callbacks
):
    memory_backend.script("anna@example.org", Outcome.RETRY)
    request = sign_up("anna@example.org")
    row = TransactionalMail.objects.get()
    assert row.state == DeliveryState.QUEUED and row.attempts == 1
    assert row.not_before > timezone.now()
    assert not memory_backend.outbox and not mails_sent_for(request).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert kick_waiting(timezone.now()) == 0  # not due yet
    later = row.not_before + datetime.timedelta(seconds=1)
    with freeze_time(later), django_capture_on_commit_callbacks(execute=True):
        assert kick_waiting(timezone.now()) == 1
    row.refresh_from_db()
    assert row.state == DeliveryState.SENT and row.attempts == 2
    assert memory_backend.recipients() == ["anna@example.org"]
    assert mails_sent_for(request).count() == 1


@pytest.mark.parametrize(
    ("outcome", "state"),
    [(Outcome.REJECTED, DeliveryState.FAILED), (Outcome.UNKNOWN, DeliveryState.UNCERTAIN)],
)
def test_a_rejected_or_unanswered_mail_is_final_and_not_logged(
    memory_backend, sign_up, outcome, state
):
    memory_backend.script("anna@example.org", outcome)
    request = sign_up("anna@example.org")
    row = TransactionalMail.objects.get()
    assert row.state == state and row.last_error == f"scripted {outcome}"
    assert not mails_sent_for(request).exists()


def test_a_mail_refused_for_now_fails_after_the_last_attempt(memory_backend, sign_up, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 1
    memory_backend.script("anna@example.org", Outcome.RETRY)
    sign_up("anna@example.org")
    assert TransactionalMail.objects.get().state == DeliveryState.FAILED


@pytest.fixture
def subscribed(newsletter):
    def make(email):
        subscriber = Subscriber.objects.create(email=email)
        return Subscription.objects.create(
            subscriber=subscriber, newsletter=newsletter, status=SubscriptionStatus.SUBSCRIBED
        )

    return make


def queue_welcome(subscription):
    return queue_mail(
        MailKind.WELCOME,
        subscriber=subscription.subscriber,
        payload={"subscription": subscription.pk},
    )


def test_no_welcome_mail_to_a_suppressed_address(
    memory_backend, subscribed, django_capture_on_commit_callbacks
):
    subscription = subscribed("weg@example.org")
    SuppressedAddress.objects.create(email_hash=address_hash("Weg@Example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        queue_welcome(subscription)
    row = TransactionalMail.objects.get()
    assert row.state == DeliveryState.SKIPPED and "Sperrliste" in row.last_error
    assert memory_backend.outbox == []


def test_the_suppression_list_is_read_once_per_batch(
    memory_backend, subscribed, django_capture_on_commit_callbacks
):
    def queries_to_deliver(count):
        subscriptions = [subscribed(f"weg{count}-{n}@example.org") for n in range(count)]
        SuppressedAddress.objects.bulk_create(
            [SuppressedAddress(email_hash=address_hash(s.subscriber.email)) for s in subscriptions]
        )
        welcomes = [(s.subscriber_id, {"subscription": s.pk}) for s in subscriptions]
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            queue_mails(MailKind.WELCOME, welcomes)
        return len(queries)

    assert queries_to_deliver(1) == queries_to_deliver(5)
    assert set(TransactionalMail.objects.values_list("state", flat=True)) == {"skipped"}


def test_a_new_signup_may_still_get_its_confirmation_after_an_erasure(memory_backend, sign_up):
    # Only the confirmation of a new request can lift an erasure (docs/subscribers.md).
    SuppressedAddress.objects.create(email_hash=address_hash("anna@example.org"))
    sign_up("anna@example.org")
    assert memory_backend.recipients() == ["anna@example.org"]


def test_no_welcome_mail_when_unsubscribed_before_it_left(
    memory_backend, subscribed, django_capture_on_commit_callbacks
):
    subscription = subscribed("anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        queue_welcome(subscription)
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.save()
    assert TransactionalMail.objects.get().state == DeliveryState.SKIPPED
    assert memory_backend.outbox == []


def test_recovery_requeues_only_expired_leases_and_kicks_only_after_the_grace_period(
    memory_backend, subscribed, settings, django_capture_on_commit_callbacks
):
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    rows = [queue_welcome(subscribed(f"r{n}@example.org")) for n in range(3)]
    TransactionalMail.objects.filter(pk=rows[0].pk).update(
        state=DeliveryState.SENDING, lease_until=now - datetime.timedelta(seconds=1)
    )
    TransactionalMail.objects.filter(pk=rows[1].pk).update(
        state=DeliveryState.CLAIMED, lease_until=now + lease
    )
    assert recover_expired(now) == 1
    assert kick_waiting(now) == 0  # all three are younger than the grace period
    with django_capture_on_commit_callbacks(execute=True):
        assert kick_waiting(now + datetime.timedelta(minutes=1)) == 2
    assert kick_waiting(now + datetime.timedelta(minutes=1)) == 0  # kicked once is enough
    states = dict(TransactionalMail.objects.values_list("pk", "state"))
    assert states == {rows[0].pk: "sent", rows[1].pk: "claimed", rows[2].pk: "sent"}


# --- A real worker, killed with -9 -----------------------------------------------------------

SIGNUPS = 200
STALL_AFTER = 50


def start_worker(database_url, tmp_path, *extra, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.support.worker_settings",
        "DATABASE_URL": database_url,
        "SLOW_SENDING_OUTBOX": str(tmp_path / "out"),
        "SLOW_SENDING_MEDIA_ROOT": str(tmp_path),
        **env,
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--interval",
        "0.05",
        "--no-startup-delay",
        "--no-reload",
        *extra,
    ]
    log = (tmp_path / "worker.log").open("ab")
    return subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"Zeitüberschreitung: {what}"
        time.sleep(0.05)


def kill_mid_send(database_url, tmp_path):
    """Start a worker that hangs in the send after STALL_AFTER mails; kill it there."""
    worker = start_worker(database_url, tmp_path, SLOW_SENDING_STALL_AFTER=str(STALL_AFTER))
    try:
        wait_for((tmp_path / "out.stalled").exists, 60, "Worker erreicht den Abbruchpunkt")
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    return (tmp_path / "out.stalled").read_text()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_no_confirmation_mail(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with shared_database(tmp_path) as database_url:
        newsletter = Newsletter.objects.create(name="Quartalsnewsletter", slug="quartal")
        requests = [
            request_signup(f"person{n}@example.org", "", [newsletter], EVIDENCE)
            for n in range(SIGNUPS)
        ]
        stalled_address = kill_mid_send(database_url, tmp_path)

        # What the issue measured: the mail in flight is stuck, its task RUNNING for ever.
        assert len(read_outbox(tmp_path / "out")) == STALL_AFTER
        assert TransactionalMail.objects.get(state=DeliveryState.SENDING).email == stalled_address
        assert DBTaskResult.objects.filter(status="RUNNING").count() == 1

        later = timezone.now() + datetime.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
        assert recover_expired(later) == 1
        assert kick_waiting(later) == SIGNUPS - STALL_AFTER
        second = start_worker(database_url, tmp_path, "--batch", SLOW_SENDING_SECONDS="0")
        assert second.wait(timeout=60) == 0

        delivered = [line["to"] for line in read_outbox(tmp_path / "out")]
        assert set(delivered) == {f"person{n}@example.org" for n in range(SIGNUPS)}
        assert len(delivered) == SIGNUPS  # the stalled mail never left, so none came twice
        logged = set(
            ConsentEvent.objects.filter(action=ConsentAction.MAIL_SENT).values_list(
                "related_id", flat=True
            )
        )
        assert logged == {request.pk for request in requests}
        assert set(TransactionalMail.objects.values_list("state", flat=True)) == {"sent"}
