"""Send pipeline speed: worker processes on PostgreSQL sending through the `ses` backend to the
loopback SES stand-in (bench/ses_standin.py, answers after 50 ms). Loopback only.

Run: .venv/bin/python bench/bench_send.py   (drops and re-creates the PostgreSQL database pp_bench)
     [--recipients 100000] [--big 1000000] [--big-seconds 45] [--bare 20000]
     [--throttled 6000] [--throttle-rate 200] [--workers 2] [--concurrency 32] [--sections 7]
     [--backend ses]  (--big 0 or --throttled 0 leave that part out)
Prints:
 (a) deliveries/s end to end for --recipients (from the send command to `done`), the bare
     client loop in the same run (SESBackend's client and config, the same stand-in, prebuilt
     messages, --workers processes x --concurrency threads, no database) and the ratio;
 (b) worker peak RSS at --recipients and at --big, and the time to freeze --big recipients
     (freeze_audience inside actions.start_send); at --big the send runs --big-seconds, then
     it is cancelled;
 (c) with the stand-in enforcing --throttle-rate: sustained deliveries/s, 429 answers, dropped.
Goals (issue 8): >= 1,000/s and >= 0.8 of the bare loop; RSS <= 200 MB at both sizes; freeze
of 1M <= 30 s; throttled at 200/s: >= 180/s sustained, 0 dropped. Prints only, asserts nothing.
"""

import argparse
import concurrent.futures
import dataclasses
import json
import logging
import multiprocessing
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, setup_django  # noqa: E402

SERVER = "postgres://postgres@127.0.0.1:5432"
REGION = "eu-central-1"
LOGS = ROOT / "var" / "bench" / "send"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
FINAL_STATES = {"done", "paused", "failed", "cancelled"}
STARTED = []  # every Processes of this run, stopped at the end whatever happens


def recreate_database(name):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"


def load():
    return "Last {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


# --- the stand-in and the worker processes ------------------------------------------------


class StandIn:
    def __init__(self, rate=0):
        self.process = subprocess.Popen(  # noqa: S603 -- our own script
            [sys.executable, str(ROOT / "bench" / "ses_standin.py"), "--rate", str(rate)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = f"http://127.0.0.1:{int(self.process.stdout.readline().split()[1])}"

    def call(self, method, path):
        request = urllib.request.Request(  # noqa: S310 -- http://127.0.0.1 only
            self.url + path, method=method, data=b"" if method == "POST" else None
        )
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 -- loopback
            return json.loads(answer.read())

    def reset(self, rate=None):
        return self.call("POST", "/_standin/reset" + ("" if rate is None else f"?rate={rate}"))

    def stats(self, tags=False):
        return self.call("GET", "/_standin/stats" + ("?tags=1" if tags else ""))

    def environment(self):
        return {
            "AWS_ENDPOINT_URL_SESV2": self.url,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_workers(standin, args, name, **extra):
    from tests.support.worker_processes import Processes, environment, wait_for

    LOGS.mkdir(parents=True, exist_ok=True)
    processes = Processes(
        LOGS,
        environment(
            os.environ["DATABASE_URL"],
            NEWSLETTER_SENDING_BACKEND=args.backend,
            NEWSLETTER_SEND_CONCURRENCY=args.concurrency,
            NEWSLETTER_SEND_WORKERS=args.workers,
            LOG_LEVEL="WARNING",
            **standin.environment(),
            **extra,
        ),
    )
    STARTED.append(processes)
    workers = [processes.start_worker(f"{name}-{n}") for n in range(args.workers)]
    for worker in workers:
        wait_for(
            lambda w=worker: "Starting worker" in Path(w.log_path).read_text(),
            120,
            f"{worker.name} bereit",
            processes.logs,
        )
    return processes, workers


def proc_status(pid, field):
    """A /proc/PID/status figure in MiB (VmRSS now, VmHWM the peak so far)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peaks(workers):
    return ", ".join(f"{proc_status(w.pid, 'VmHWM'):.0f}" for w in workers) + " MiB"


# --- the bare client loop -----------------------------------------------------------------


def prebuilt_messages(issue, count=500):
    from mailings.issues.message import MessageFactory
    from mailings.subscribers.models import Subscriber

    factory = MessageFactory(issue)
    return [factory.build(s) for s in Subscriber.objects.order_by("pk")[:count]]


def bare_child(number, messages, count, threads, ready, go, results):
    from mailings.sending.backends.ses import SESBackend

    backend = SESBackend()
    outgoing = [
        dataclasses.replace(
            messages[i % len(messages)], tags={"send": "bare", "delivery": f"{number}-{i}"}
        )
        for i in range(count)
    ]
    ready.put(number)
    go.wait()
    started, cpu = time.time(), time.process_time()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        accepted = sum(r.accepted for r in pool.map(backend.send_one, outgoing))
    results.put((started, time.time(), accepted, time.process_time() - cpu))


def bare_loop(messages, total, args, standin):
    """Deliveries/s of SESBackend alone: same processes x threads, no database."""
    from django.db import connections

    os.environ.update(standin.environment())
    connections.close_all()  # the children are forked: no shared database connection
    context = multiprocessing.get_context("fork")
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    children = [
        context.Process(
            target=bare_child,
            args=(n, messages, total // args.workers, args.concurrency, ready, go, results),
        )
        for n in range(args.workers)
    ]
    for child in children:
        child.start()
    for _child in children:
        ready.get(timeout=120)
    go.set()
    figures = [results.get(timeout=600) for _child in children]
    for child in children:
        child.join(timeout=30)
    seconds = max(f[1] for f in figures) - min(f[0] for f in figures)
    accepted = sum(f[2] for f in figures)
    return accepted / seconds, accepted, seconds, sum(f[3] for f in figures) * 1000 / accepted


# --- sends ----------------------------------------------------------------------------------


def schedule(issue):
    """What `newsletter_send ISSUE --yes` does: the start task goes to the worker processes."""
    from django.test import override_settings

    from mailings.sending import actions

    with override_settings(TASKS=DATABASE_TASKS):
        return actions.schedule_send(issue)


def wait_for_end(send, workers, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        send.refresh_from_db()
        if send.state in FINAL_STATES:
            return True
        time.sleep(0.5)
    return False


def steady_rate(stats):
    """Mean accepted/s over the whole seconds between the first and the last one."""
    counts = [n for _second, n in stats["per_second"]][1:-1]
    return sum(counts) / len(counts) if counts else 0.0


def run_send(issue, workers, standin, timeout, rate=None):
    from mailings.sending import actions
    from mailings.sending.status import state_counts

    standin.reset(rate)
    started = time.time()
    send = schedule(issue)
    if not wait_for_end(send, workers, timeout):
        print(f"    Zeitlimit {timeout} s erreicht, Versand wird abgebrochen")
        actions.cancel_send(send)
    send.refresh_from_db()
    end = send.finished_at.timestamp() if send.finished_at else time.time()
    counts = state_counts(send.pk)
    return send, counts, counts["sent"] / (end - started), end - started, standin.stats()


def report_send(label, figures):
    send, counts, rate, seconds, stats = figures
    print(
        f"    {label}: {send.state}, {counts['sent']:,} versendet in {seconds:.1f} s = "
        f"{rate:,.0f}/s Ende-zu-Ende, gleichmäßig {steady_rate(stats):,.0f}/s; "
        f"ungewiss {counts['uncertain']}, fehlgeschlagen {counts['failed']}, "
        f"offen {counts['queued'] + counts['claimed'] + counts['sending']}; Stand-in: "
        f"{stats['accepted']:,} angenommen, {stats['throttled']:,}x 429, "
        f"{stats['duplicates']} doppelt, {stats['cpu_seconds']:.1f} s CPU"
    )


# --- the phases -----------------------------------------------------------------------------


def phase_throughput(scenario, args, standin):
    processes, workers = start_workers(standin, args, "a")
    print(
        f"(a) {args.bare:,} Nachrichten, bare Client-Schleife ({args.workers} Prozesse x "
        f"{args.concurrency} Threads), {load()}"
    )
    messages = prebuilt_messages(scenario.issue)
    print(f"    Nachrichtengröße {sum(len(m.raw) for m in messages) / len(messages) / 1024:.0f} KB")
    standin.reset()
    bare, accepted, seconds, cpu_ms = bare_loop(messages, args.bare, args, standin)
    print(
        f"    bare: {bare:,.0f}/s ({accepted:,} in {seconds:.1f} s), CPU {cpu_ms:.2f} ms/Nachricht"
    )
    print(f"(a) Versand an {args.recipients:,}, {load()}")
    cpu_before = [cpu_seconds(w.pid) for w in workers]
    figures = run_send(scenario.issue, workers, standin, args.timeout)
    report_send("Pipeline", figures)
    cpu = sum(cpu_seconds(w.pid) for w in workers) - sum(cpu_before)
    print(
        f"    Verhältnis Pipeline/bare: {figures[2] / bare:.2f} (Ziel >= 0.8); "
        f"Worker-CPU {cpu:.0f} s = {cpu * 1000 / max(1, figures[1]['sent']):.2f} ms/Zustellung"
    )
    print(f"(b) Worker-Spitzen-RSS bei {args.recipients:,}: {peaks(workers)} (Ziel <= 200 MB)")
    return processes, workers


def phase_throttled(scenario, args, standin, workers):
    from tests.support import send_scenario

    newsletter = send_scenario.build_newsletter("gedrosselt", "Gedrosselt")
    send_scenario.seed_subscribers(newsletter, args.throttled, domain="gedrosselt.example")
    issue = send_scenario.build_issue(
        scenario.archive, newsletter, number=3, sections=args.sections
    )
    print(
        f"(c) Stand-in erzwingt {args.throttle_rate:.0f}/s: Versand an {args.throttled:,}, {load()}"
    )
    figures = run_send(issue, workers, standin, args.timeout, rate=args.throttle_rate)
    report_send("gedrosselt", figures)
    stats = standin.stats(tags=True)
    dropped = figures[1]["sent"] - len(stats["tags"]) + figures[1]["failed"]
    print(
        f"    verloren: {args.throttled - len(stats['tags'])} ohne Annahme, "
        f"{figures[1]['failed']} fehlgeschlagen (Ziel 0; Abgleich {dropped})"
    )


def timed_freeze():
    """Wrap freeze_audience as start_send calls it, to time it inside the real start."""
    from mailings.sending import actions

    original, spent = actions.freeze_audience, []

    def freeze(send):
        started = time.perf_counter()
        try:
            return original(send)
        finally:
            spent.append(time.perf_counter() - started)

    actions.freeze_audience = freeze
    return spent


def phase_big(scenario, args, standin):
    from django.test import override_settings

    from mailings.sending import actions
    from mailings.sending.models import Send
    from mailings.sending.status import state_counts
    from tests.support import send_scenario

    started = time.perf_counter()
    send_scenario.seed_subscribers(
        scenario.newsletter, args.big - args.recipients, start=args.recipients
    )
    print(
        f"(b) {args.big - args.recipients:,} weitere Abonnenten angelegt in "
        f"{time.perf_counter() - started:.0f} s, {load()}"
    )
    issue = send_scenario.build_issue(
        scenario.archive, scenario.newsletter, number=2, sections=args.sections
    )
    processes, workers = start_workers(standin, args, "b")
    send = Send.objects.create(issue=issue, newsletter=issue.newsletter)
    standin.reset(0)
    spent, started = timed_freeze(), time.perf_counter()
    with override_settings(TASKS=DATABASE_TASKS):
        actions.start_send(send.pk)
    send.refresh_from_db()
    print(
        f"    Start mit {send.total:,} Empfängern: {time.perf_counter() - started:.1f} s, "
        f"davon freeze_audience {spent[0]:.1f} s (Ziel <= 30 s)"
    )
    time.sleep(args.big_seconds)
    print(
        f"    nach {args.big_seconds} s: {state_counts(send.pk)['sent']:,} versendet, "
        f"gleichmäßig {steady_rate(standin.stats()):,.0f}/s; Spitzen-RSS {peaks(workers)}"
    )
    actions.cancel_send(send)
    time.sleep(3)
    print(f"(b) Worker-Spitzen-RSS bei {send.total:,}: {peaks(workers)} (Ziel <= 200 MB)")
    processes.stop_all()


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="pp_bench")
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--big-seconds", type=int, default=45)
    parser.add_argument("--bare", type=int, default=20_000)
    parser.add_argument("--throttled", type=int, default=6_000)
    parser.add_argument("--throttle-rate", type=float, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--backend",
        default="ses",
        help="NEWSLETTER_SENDING_BACKEND of the workers (a dotted path, e.g. to compare a variant)",
    )
    parser.add_argument(
        "--sections",
        type=int,
        default=7,
        help="text sections of the issue; 7 make a message of about 40 KB",
    )
    parser.add_argument("--timeout", type=int, default=900, help="per send, seconds")
    return parser.parse_args()


def main():
    args = parse()
    logging.disable(logging.INFO)  # botocore's "Found credentials" lines; figures only
    recreate_database(args.database)
    started = time.perf_counter()
    setup_django()
    from django.conf import settings

    from tests.support import send_scenario

    settings.NEWSLETTER_SEND_CONCURRENCY = args.concurrency
    settings.NEWSLETTER_SEND_WORKERS = args.workers
    print(
        f"Datenbank {args.database} angelegt und migriert in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    scenario = send_scenario.build(args.recipients, sections=args.sections)
    print(f"{args.recipients:,} Abonnenten angelegt in {time.perf_counter() - started:.1f} s")
    standin = StandIn()
    try:
        processes, workers = phase_throughput(scenario, args, standin)
        if args.throttled:
            phase_throttled(scenario, args, standin, workers)
        processes.stop_all()
        if args.big:
            phase_big(scenario, args, standin)
    finally:
        for processes in STARTED:
            processes.stop_all()
        standin.stop()


if __name__ == "__main__":
    main()
