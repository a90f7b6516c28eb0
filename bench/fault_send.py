"""Send pipeline under faults: a send to 10k recipients on PostgreSQL with 2 worker processes
and the clock loop, through the `ses` backend to the loopback SES stand-in; a worker that holds
deliveries is killed with -9 at 5 random moments (random points of the send's progress) and a
new one is started in its place, as systemd would. Loopback only.

Run: .venv/bin/python bench/fault_send.py   (drops and re-creates the PostgreSQL database pp_bench)
     [--recipients 10000] [--kills 5] [--rate 200] [--lease 60] [--seed 8] [--timeout 900]
     [--sections 7] [--backend ses]
Prints per kill: the rows the dead worker had in flight (they become uncertain; goal <= the
in-flight concurrency) and leased, how long until the send went on (the next delivery recorded
as sent) and until the dead worker's leased rows were delivered (goal <= 2 min); at the end:
lost (goal 0), duplicates among acknowledged deliveries (goal 0) and the uncertain ids.
Prints only, asserts nothing.
"""

import argparse
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_send import (  # noqa: E402
    STARTED,
    StandIn,
    load,
    recreate_database,
    schedule,
    start_workers,
)

FINAL = {"sent", "failed", "skipped", "uncertain"}


@dataclass
class Kill:
    at_progress: int  # accepted messages at which this kill is due
    pid: int = 0
    moment: float = 0.0
    sent_then: int = 0
    in_flight: set = field(default_factory=set)
    leased: set = field(default_factory=set)
    went_on: float | None = None
    recovered: float | None = None


def worker_pid(worker_name):
    return int(worker_name.split(":")[-2])


def holding(send, live_pids):
    """Pids of our live workers that hold deliveries of the send right now."""
    from mailings.sending.models import Delivery

    names = (
        Delivery.objects.filter(send=send, state__in=["claimed", "sending"])
        .values_list("worker", flat=True)
        .distinct()
    )
    return sorted({worker_pid(name) for name in names} & live_pids)


def rows_of(send, pid, state):
    from mailings.sending.models import Delivery

    return set(
        Delivery.objects.filter(send=send, state=state, worker__contains=f":{pid}:").values_list(
            "pk", flat=True
        )
    )


class FaultRun:
    def __init__(self, send, processes, workers, standin, kills):
        self.send, self.processes, self.standin = send, processes, standin
        self.live = {w.pid: w for w in workers}
        self.kills, self.restarts = kills, 0
        self.started = time.time()

    def accepted(self):
        return self.standin.stats()["accepted"]

    def sent(self):
        from mailings.sending.models import Delivery

        return Delivery.objects.filter(send=self.send, state="sent").count()

    def tick(self):
        accepted = self.accepted()
        due = [k for k in self.kills if not k.pid and accepted >= k.at_progress]
        if due:
            self.kill(due[0], accepted)
        sent = self.sent()
        for kill in self.kills:
            self.follow(kill, sent)

    def kill(self, kill, accepted):
        candidates = holding(self.send, set(self.live))
        if not candidates:
            return  # nobody holds rows this instant: try again at the next tick
        victim = self.live.pop(random.choice(candidates))
        self.processes.kill(victim)
        kill.pid, kill.moment, kill.sent_then = victim.pid, time.time(), self.sent()
        kill.in_flight = rows_of(self.send, victim.pid, "sending")
        kill.leased = rows_of(self.send, victim.pid, "claimed")
        self.restarts += 1
        replacement = self.processes.start_worker(f"neu-{self.restarts}")
        self.live[replacement.pid] = replacement
        print(
            f"    Kill {self.kills.index(kill) + 1} bei {accepted:,} angenommen, "
            f"{kill.moment - self.started:.0f} s: Worker {victim.pid}, in Übergabe "
            f"{len(kill.in_flight)}, geleast {len(kill.leased)}",
            flush=True,
        )

    def follow(self, kill, sent):
        """The send went on once another delivery is recorded as sent (the dead worker's
        requests still in flight reach the stand-in, but it records nothing)."""
        from mailings.sending.models import Delivery

        if not kill.pid:
            return
        now = time.time()
        if kill.went_on is None and sent > kill.sent_then:
            kill.went_on = now - kill.moment
        if (
            kill.recovered is None
            and not Delivery.objects.filter(pk__in=kill.leased).exclude(state__in=FINAL).exists()
        ):
            kill.recovered = now - kill.moment

    def run(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.tick()
            self.send.refresh_from_db()
            if self.send.state == "done":
                return True
            time.sleep(0.25)
        return False


def report(run, recipients, concurrency):
    from mailings.sending.models import Delivery

    send = run.send
    tags = run.standin.stats(tags=True)["tags"]
    states = dict(Delivery.objects.filter(send=send).values_list("pk", "state"))
    times = {pk: tags.get(f"{send.pk}:{pk}", 0) for pk in states}
    sent = [pk for pk, state in states.items() if state == "sent"]
    uncertain = sorted(pk for pk, state in states.items() if state == "uncertain")
    lost = [pk for pk, state in states.items() if state not in ("sent", "uncertain")]
    lost += [pk for pk in sent if times[pk] == 0]
    print(f"Ende: {send.state} nach {time.time() - run.started:.0f} s, {load()}")
    for number, kill in enumerate(run.kills, 1):
        print(
            f"    Kill {number}: ungewiss {len(kill.in_flight)} (Ziel <= {concurrency}), "
            f"weiter nach {seconds(kill.went_on)}, geleaste Zeilen zugestellt nach "
            f"{seconds(kill.recovered)} (Ziel <= 120 s)"
        )
    print(f"verloren: {len(lost)} (Ziel 0) {sorted(lost)[:20]}")
    print(
        f"doppelt unter den bestätigten: {sum(1 for pk in sent if times[pk] > 1)} (Ziel 0); "
        f"doppelt insgesamt: {sum(1 for n in times.values() if n > 1)}"
    )
    print(
        f"ungewiss: {len(uncertain)} von {recipients:,} (davon beim Stand-in angekommen "
        f"{sum(1 for pk in uncertain if times[pk])}); IDs: {uncertain}"
    )


def seconds(value):
    return "–" if value is None else f"{value:.0f} s"


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="pp_bench")
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--rate", type=float, default=200, help="stand-in limit (0: none)")
    parser.add_argument("--lease", type=int, default=60)
    parser.add_argument("--clock-seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--backend", default="ses", help="NEWSLETTER_SENDING_BACKEND")
    parser.add_argument("--sections", type=int, default=7, help="7: messages of about 40 KB")
    parser.add_argument("--timeout", type=int, default=900)
    return parser.parse_args()


def main():
    args = parse()
    logging.disable(logging.INFO)  # botocore's "Found credentials" lines; figures only
    random.seed(args.seed)
    recreate_database(args.database)
    from _setup import setup_django

    setup_django()
    from tests.support import send_scenario

    scenario = send_scenario.build(args.recipients, sections=args.sections)
    standin = StandIn(args.rate)
    try:
        processes, workers = start_workers(
            standin,
            args,
            "w",
            NEWSLETTER_LEASE_SECONDS=args.lease,
            NEWSLETTER_CLOCK_SECONDS=args.clock_seconds,
        )
        processes.start("clock", "newsletter_clock")
        progress = sorted(random.uniform(0.05, 0.9) for _kill in range(args.kills))
        kills = [Kill(at_progress=int(p * args.recipients)) for p in progress]
        print(
            f"Versand an {args.recipients:,}, Stand-in {args.rate:.0f}/s, Leihfrist "
            f"{args.lease} s, {load()}",
            flush=True,
        )
        standin.reset()
        run = FaultRun(schedule(scenario.issue), processes, workers, standin, kills)
        if not run.run(args.timeout):
            print(f"Zeitlimit {args.timeout} s erreicht")
        report(run, args.recipients, args.concurrency)
    finally:
        for started in STARTED:
            started.stop_all()
        standin.stop()


if __name__ == "__main__":
    main()
