"""SES feedback benchmark: a wave of signed SNS notifications (deliveries and bounces) posted to
/newsletter/ses-events/ under gunicorn as deployed (deploy/gunicorn.conf.py: 2 workers with 4
threads each), on PostgreSQL.

Run (loopback only; about a minute):
    createdb -h 127.0.0.1 -U postgres pp_feedback_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pp_feedback_bench \\
        .venv/bin/python bench/bench_feedback.py [--notifications 10000] [--redeliver 500] \
        [--clients 16]

The server runs the production settings (throwaway SECRET_KEY and pepper). The database is
flushed first. A key and self-signed certificate are made here and the certificate is put in
the shared Redis cache (CACHE_URL, default redis db 13) under the key the endpoint looks for, so
the server verifies every signature for real without fetching anything. Part of the messages is
posted a second time, at random moments (SNS delivers at least once). Append
?conn_max_age=60 to DATABASE_URL to measure with persistent database connections.
Prints notifications/s (goal >= 300), lost (goal 0), applied twice (goal 0) and the CPU time the
gunicorn workers spent per notification (other load on the machine stretches wall time).
"""

import argparse
import base64
import concurrent.futures
import datetime
import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, setup_django  # noqa: E402

TOPIC_ARN = "arn:aws:sns:eu-central-1:123456789012:partnerpost-bench"
CERT_URL = "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-bench.pem"
ENDPOINT = "/newsletter/ses-events/"
DEADLINE_SECONDS = 600  # the whole wave, whatever happens
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "LOG_LEVEL": "WARNING",
    "NEWSLETTER_SNS_TOPIC_ARNS": TOPIC_ARN,
    "SECRET_KEY": secrets.token_urlsafe(),
    "SUBSCRIBERS_HASH_PEPPER": secrets.token_urlsafe(),
}


def make_key_and_certificate():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.PEM)


def seed(count):
    """A finished send of one issue to `count` subscribers, each delivery accepted by SES."""
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    from mailings.issues.models import NewsletterArchivePage, NewsletterIssuePage
    from mailings.sending.models import Delivery, Send
    from mailings.subscribers.models import Newsletter, Subscriber, Subscription

    call_command("flush", interactive=False, verbosity=0)
    Locale.objects.get_or_create(language_code="de")
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    archive = root.add_child(instance=NewsletterArchivePage(title="Archiv", slug="archiv"))
    newsletter = Newsletter.objects.create(name="Bench", slug="bench")
    issue = archive.add_child(
        instance=NewsletterIssuePage(
            title="Bench 1/2026", slug="bench-1", newsletter=newsletter, period="2026-Q4"
        )
    )
    send = Send.objects.create(issue=issue, newsletter=newsletter, state="done", total=count)
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"leser{n}@example.org") for n in range(count)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=p, newsletter=newsletter, status="subscribed") for p in people
    )
    return Delivery.objects.bulk_create(
        Delivery(
            send=send,
            subscriber=p,
            email=p.email,
            state="sent",
            provider_message_id=f"0100019a-bench-{n:06d}",
        )
        for n, p in enumerate(people)
    )


def ses_payload(delivery, kind, at):
    mail = {
        "timestamp": at,
        "messageId": delivery.provider_message_id,
        "destination": [delivery.email],
        "tags": {"send": [str(delivery.send_id)], "delivery": [str(delivery.pk)]},
    }
    if kind == "Delivery":
        return {
            "eventType": "Delivery",
            "mail": mail,
            "delivery": {
                "timestamp": at,
                "recipients": [delivery.email],
                "smtpResponse": "250 2.0.0 OK",
            },
        }
    bounce_type = "Permanent" if kind == "hard" else "Transient"
    return {
        "eventType": "Bounce",
        "mail": mail,
        "bounce": {
            "bounceType": bounce_type,
            "bounceSubType": "General",
            "timestamp": at,
            "bouncedRecipients": [
                {"emailAddress": delivery.email, "diagnosticCode": "smtp; 550 5.1.1 user unknown"}
            ],
        },
    }


def signed_notification(key, number, payload, at):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    message = {
        "Type": "Notification",
        "MessageId": f"bench-{number:06d}",
        "TopicArn": TOPIC_ARN,
        "Message": json.dumps(payload),
        "Timestamp": at,
        "SignatureVersion": "2",
        "SigningCertURL": CERT_URL,
    }
    text = "".join(
        f"{name}\n{message[name]}\n"
        for name in ("Message", "MessageId", "Timestamp", "TopicArn", "Type")
    )
    signature = key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    return json.dumps({**message, "Signature": base64.b64encode(signature).decode()}).encode()


def build_wave(key, deliveries, redeliver):
    """80 % deliveries, 15 % hard and 5 % soft bounces (far more bounces than a healthy list
    has); some bodies twice, in random order."""
    at = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    kinds = random.Random(9).choices(["Delivery", "hard", "soft"], [16, 3, 1], k=len(deliveries))
    bodies = [
        signed_notification(key, n, ses_payload(d, kind, at), at)
        for n, (d, kind) in enumerate(zip(deliveries, kinds, strict=True))
    ]
    wave = bodies + random.Random(6).sample(bodies, redeliver)
    random.Random(3).shuffle(wave)
    return wave, kinds.count("hard")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port):
    env = {**os.environ, **SERVER_ENV}
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "deploy/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        os.devnull,
        "--log-level",
        "warning",
        "cms.wsgi:application",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (our own venv)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def warm_up(port, requests=40):
    """Workers import Django when they boot and the URLconf on their first request: let
    them finish before the clock and the CPU count start."""
    for _ in range(requests):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/robots.txt")
        connection.getresponse().read()
        connection.close()


def workers_cpu_seconds(server):
    """CPU time (user + system) the gunicorn workers used so far: a figure other load on the
    machine does not inflate the way it stretches wall-clock time."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def post(port, body):
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            ENDPOINT,
            body=body,
            headers={
                "Content-Type": "text/plain; charset=UTF-8",
                "x-amz-sns-message-type": "Notification",
            },
        )
        status = connection.getresponse().status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def run_wave(port, wave, clients):
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(post, port, body) for body in wave]
        done, not_done = concurrent.futures.wait(futures, timeout=DEADLINE_SECONDS)
        for future in not_done:
            future.cancel()
    return [future.result() for future in done]


def count_outcome(unique, hard):
    from django.db.models import Count

    from mailings.feedback.models import FeedbackEvent
    from mailings.subscribers.models import ConsentEvent, Subscription

    recorded = FeedbackEvent.objects.filter(sns_message_id__startswith="bench-").count()
    twice = (
        ConsentEvent.objects.filter(action="bounced")
        .values("subscriber_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    bounced = Subscription.objects.filter(status="bounced").count()
    return {
        "lost": unique - recorded,
        "applied_twice": twice + max(0, recorded - unique),
        "bounced": bounced,
        "expected_bounced": hard,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--redeliver", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (see the docstring).")
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    os.environ.update(SERVER_ENV)
    setup_django()
    from django.core.cache import cache

    from mailings.feedback.sns import certificate_cache_key

    key, pem = make_key_and_certificate()
    cache.set(certificate_cache_key(CERT_URL), pem, 3600)
    deliveries = seed(args.notifications)
    wave, hard = build_wave(key, deliveries, args.redeliver)
    port = free_port()
    server = start_gunicorn(port)
    try:
        warm_up(port)
        cpu_before, started = workers_cpu_seconds(server), time.perf_counter()
        results = run_wave(port, wave, args.clients)
        elapsed = time.perf_counter() - started
        cpu = workers_cpu_seconds(server) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, elapsed, len(wave), count_outcome(args.notifications, hard), args)
    print(
        f"gunicorn workers: {cpu:.1f} s CPU, {cpu / len(results) * 1000:.2f} ms per "
        f"notification; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


def report(results, elapsed, posted, outcome, args):
    latencies = sorted(seconds for _status, seconds in results)
    failed = sum(1 for status, _seconds in results if status != 200)
    print(
        f"{args.notifications:,} notifications + {args.redeliver:,} redelivered, "
        f"{args.clients} client threads, gunicorn 2 workers x 4 threads, PostgreSQL"
    )
    print(
        f"{len(results):,}/{posted:,} requests answered in {elapsed:.1f} s: "
        f"{len(results) / elapsed:,.0f} notifications/s (goal >= 300), non-200: {failed}"
    )
    print(
        f"latency median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms"
    )
    print(
        f"lost: {outcome['lost']}  applied twice: {outcome['applied_twice']}  "
        f"subscriptions bounced: {outcome['bounced']} (expected {outcome['expected_bounced']})"
    )


if __name__ == "__main__":
    main()
