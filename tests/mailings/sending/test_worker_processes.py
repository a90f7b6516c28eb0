"""Real worker processes share one send, and a worker killed with -9 costs no mail twice.

`manage.py newsletter_send` starts the send; two `manage.py db_worker` processes (database task
backend, development settings) deliver it from a database they share with the test (on SQLite
a file copy of the in-memory test database, see tests/support/shared_db.py). The commands that
only decide (newsletter_send, newsletter_clock --once, newsletter_status) run inside the test
with the same database task backend: each process start costs seconds of CPU, and only the
workers need to be separate processes to share a send or to be killed. Their sending backend
writes every message it accepts as one line into an outbox file
(tests/support/outbox_backend.py), so the test counts what each recipient got, whichever
process sent it and even if that process was killed right after.
"""

import datetime
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from mailings.sending.models import Delivery, Send
from mailings.sending.status import state_counts
from tests.support import send_scenario
from tests.support.outbox_backend import read_outbox
from tests.support.shared_db import shared_database
from tests.support.worker_processes import Processes, environment, wait_for

BACKEND = "tests.support.outbox_backend.OutboxLineBackend"
CONCURRENCY = 4  # messages in flight per worker process
LEASE_SECONDS = 6
SHARED_RATE = 300  # messages/s, for all workers together
SEND_TIMEOUT = 45
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def outbox(tmp_path):
    return tmp_path / "outbox.tsv"


@pytest.fixture
def launch(transactional_db, tmp_path, outbox):
    """Start processes on a database shared with this test (shared_db.py); all of them are
    ended before the test's database is emptied."""
    started = []
    with shared_database(tmp_path) as database_url:

        def make(**overrides):
            processes = Processes(
                tmp_path,
                environment(
                    database_url,
                    NEWSLETTER_SENDING_BACKEND=BACKEND,
                    OUTBOX_BACKEND_FILE=outbox,
                    NEWSLETTER_SEND_CONCURRENCY=CONCURRENCY,
                    NEWSLETTER_LEASE_SECONDS=LEASE_SECONDS,
                    NEWSLETTER_SEND_WORKERS=2,
                    **overrides,
                ),
            )
            started.append(processes)
            return processes

        try:
            yield make
        finally:
            for processes in started:
                processes.stop_all()


def start_workers(processes, *names):
    workers = [processes.start_worker(name) for name in names]
    for worker in workers:  # a send must not start while one of them is still loading Django
        wait_for(
            lambda w=worker: "Starting worker" in Path(w.log_path).read_text(),
            60,
            f"{worker.name} bereit",
            processes.logs,
        )
    return workers


def command(*args):
    """Run a management command here, enqueueing its tasks for the worker processes."""
    out = io.StringIO()
    with override_settings(TASKS=DATABASE_TASKS):
        call_command(*args, stdout=out)
    return out.getvalue()


def start_send(scenario):
    command("newsletter_send", scenario.slug, "--yes")
    return Send.objects.get(issue=scenario.issue)


def wait_until_done(processes, send):
    def done():
        send.refresh_from_db()
        return send.state == "done"

    wait_for(
        done,
        SEND_TIMEOUT,
        f"Versand {send.pk} abgeschlossen",
        lambda: f"Stand: {send.state}, {state_counts(send.pk)}\n{processes.logs()}",
    )


def deliveries(send, **filters):
    return set(Delivery.objects.filter(send=send, **filters).values_list("pk", flat=True))


def test_two_worker_processes_share_a_send_without_duplicates_or_losses(launch, outbox):
    recipients = 1200
    scenario = send_scenario.build(recipients)
    processes = launch(NEWSLETTER_SEND_RATE=SHARED_RATE)
    worker_a, worker_b = start_workers(processes, "worker-a", "worker-b")
    send = start_send(scenario)
    wait_until_done(processes, send)

    lines = read_outbox(outbox)
    got = Counter(line["recipient"] for line in lines)
    assert got == Counter(send_scenario.address(n) for n in range(recipients))
    acknowledged = dict(
        Delivery.objects.filter(send=send, state="sent").values_list("pk", "provider_message_id")
    )
    assert {line["delivery"]: line["provider_id"] for line in lines} == acknowledged
    assert len(acknowledged) == recipients
    by_process = Counter(line["pid"] for line in lines)
    assert set(by_process) == {worker_a.pid, worker_b.pid}, f"Verteilung: {by_process}"
    seconds = max(line["time"] for line in lines) - min(line["time"] for line in lines)
    assert recipients / seconds <= SHARED_RATE * 1.1, "Die Prozesse teilen sich den Sendetakt"


def test_a_worker_killed_mid_send_costs_no_mail_twice(launch, outbox):
    recipients, hang_at = 520, 19
    scenario = send_scenario.build(recipients)
    processes = launch(OUTBOX_BACKEND_HANG_ADDRESS=send_scenario.address(hang_at))
    start_workers(processes, "worker-a", "worker-b")
    send = start_send(scenario)

    # The worker holding the first batch is stuck in a request: kill it there.
    stuck = wait_for(
        lambda: Delivery.objects.filter(
            send=send, email=send_scenario.address(hang_at), state="sending"
        ).first(),
        SEND_TIMEOUT,
        "eine hängende Übergabe",
        processes.logs,
    )
    victim = processes.by_pid(int(stuck.worker.split(":")[-2]))
    processes.kill(victim)
    in_flight = deliveries(send, worker=stuck.worker, state="sending")
    leased = deliveries(send, worker=stuck.worker, state="claimed")
    assert stuck.pk in in_flight and len(in_flight) <= CONCURRENCY
    assert leased, "Der getötete Worker hatte weitere Zeilen übernommen"

    # The survivor sends the rest of the queue and leaves the dead worker's leased rows alone.
    wait_for(
        lambda: deliveries(send, state__in=["queued", "claimed", "sending"]) == in_flight | leased,
        SEND_TIMEOUT,
        "Warteschlange ohne die Zeilen des Toten",
        lambda: f"{state_counts(send.pk)}\n{processes.logs()}",
    )
    assert deliveries(send, state="claimed") == leased
    lease_end = max(Delivery.objects.filter(pk__in=leased).values_list("lease_until", flat=True))
    wait_for(lambda: timezone.now() > lease_end, LEASE_SECONDS + 5, "Ablauf der Leihfrist")

    # The clock starts new workers only after 30 s without a sign of life; date that back
    # instead of sleeping. One pass returns the leases and kicks the send: the survivor goes on.
    Send.objects.filter(pk=send.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    command("newsletter_clock", "--once")
    wait_until_done(processes, send)

    assert deliveries(send, state="uncertain") == in_flight
    assert deliveries(send, state="sent") == deliveries(send) - in_flight
    lines = read_outbox(outbox)
    got = Counter(line["recipient"] for line in lines)
    uncertain_addresses = set(
        Delivery.objects.filter(pk__in=in_flight).values_list("email", flat=True)
    )
    for number in range(recipients):
        address = send_scenario.address(number)
        expected = {0, 1} if address in uncertain_addresses else {1}
        assert got[address] in expected, f"{address}: {got[address]} Mails"
    acknowledged = dict(
        Delivery.objects.filter(send=send, state="sent").values_list("pk", "provider_message_id")
    )
    sent_lines = [line for line in lines if line["delivery"] in acknowledged]
    assert sorted(line["provider_id"] for line in sent_lines) == sorted(acknowledged.values())
    assert victim.pid not in {line["pid"] for line in lines if line["delivery"] in leased}

    status = json.loads(command("newsletter_status", scenario.slug, "--json"))
    assert status["state"] == "done" and status["uncertain_ids"] == sorted(in_flight)
    assert (status["sent"], status["uncertain"], status["queued"]) == (
        recipients - len(in_flight),
        len(in_flight),
        0,
    )
