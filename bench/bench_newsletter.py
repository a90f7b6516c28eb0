"""Newsletter speed: (a) full render of a 12-item issue, (b) personalised messages per second.

Run: .venv/bin/python bench/bench_newsletter.py [--runs 50] [--subscribers 10000]
Goals: (a) median <= 20 ms, (b) >= 2,000 messages/s on one core (single process, one thread).
"""

import argparse
import json
import logging
import time

from _setup import median_ms, setup_django


def twelve_item_issue():
    from cms.blog.models import BlogPage
    from cms.countries.models import CountryPage
    from cms.events.models import EventPage
    from mailings.issues.models import NewsletterIssuePage

    issue = NewsletterIssuePage.objects.order_by("-period").first().get_latest_revision_as_object()
    posts = list(BlogPage.objects.live().order_by("-date").values_list("pk", flat=True)[:6])
    events = list(EventPage.objects.live().order_by("start").values_list("pk", flat=True)[:4])
    countries = list(CountryPage.objects.live().values_list("pk", flat=True)[:2])
    if len(posts) + len(events) + len(countries) != 12:
        raise SystemExit("The demo content is too small for a 12-item issue.")
    issue.sections = json.dumps(
        [
            {
                "type": "featured_posts",
                "value": {"heading": "Blog", "posts": posts, "channel": "both"},
            },
            {
                "type": "events",
                "value": {
                    "heading": "Termine",
                    "mode": "chosen",
                    "events": events,
                    "channel": "both",
                },
            },
            {
                "type": "country_news",
                "value": {
                    "heading": "Länder",
                    "text": "<p>Neu</p>",
                    "countries": countries,
                    "channel": "both",
                },
            },
        ]
    )
    issue.save()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def measure_render(issue, runs):
    from mailings.issues.rendering import render_issue

    render_issue(issue)  # renditions are generated once, as before any real send
    samples = []
    for _ in range(runs):
        fresh = type(issue).objects.get(pk=issue.pk)  # no warm StreamField caches
        started = time.perf_counter()
        rendered = render_issue(fresh)
        samples.append(time.perf_counter() - started)
    return median_ms(samples), len(rendered.html)


def make_subscribers(count):
    from mailings.subscribers.models import Subscriber

    Subscriber.objects.bulk_create(
        Subscriber(email=f"leser{n}@example.org", name=f"Leserin {n}") for n in range(count)
    )
    return list(Subscriber.objects.order_by("pk")[:count])


def measure_messages(issue, subscribers):
    from mailings.issues.message import MessageFactory

    started = time.perf_counter()
    factory = MessageFactory(issue)
    total_bytes = sum(len(factory.build(subscriber).raw) for subscriber in subscribers)
    elapsed = time.perf_counter() - started
    return len(subscribers) / elapsed, elapsed, total_bytes / len(subscribers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    setup_django()
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    issue = twelve_item_issue()
    ms, html_size = measure_render(issue, args.runs)
    print(
        f"(a) render 12-item issue: median {ms:.1f} ms over {args.runs} runs "
        f"(HTML {html_size / 1024:.0f} KB)  goal <= 20 ms"
    )
    rate, elapsed, size = measure_messages(issue, make_subscribers(args.subscribers))
    print(
        f"(b) personalised messages: {rate:,.0f}/s ({args.subscribers:,} in {elapsed:.2f} s, "
        f"{size / 1024:.0f} KB each, render included)  goal >= 2,000/s"
    )


if __name__ == "__main__":
    main()
