"""Render time and query count of the main pages with 5,000 blog posts.

Run: .venv/bin/python bench/bench_pages.py [--posts 5000] [--runs 20]
Prints one line per page: median milliseconds per request and SQL queries per request.
"""

import argparse
import datetime
import logging
import time

from _setup import median_ms, setup_django


def seed_posts(count):
    from cms.blog.models import BlogIndexPage, BlogPage
    from cms.countries.models import CountryPage
    from cms.taxonomy.models import Topic

    index = BlogIndexPage.objects.get()
    topics, countries = list(Topic.objects.all()), list(CountryPage.objects.all())
    today = datetime.date.today()
    for number in range(count):
        post = BlogPage(
            title=f"Beitrag {number}",
            slug=f"bench-{number}",
            teaser="Anreißer " * 10,
            date=today - datetime.timedelta(days=number % 400),
            body='[{"type": "paragraph", "value": "<p>Ein Absatz Text.</p>"}]',
        )
        post.topics = [topics[number % len(topics)]]
        post.countries = [countries[number % len(countries)]]
        index.add_child(instance=post)


def measure(client, path, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return median_ms(timings), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.test import Client

    from cms.blog.models import BlogPage

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    started = time.perf_counter()
    seed_posts(args.posts)
    print(f"seeded {args.posts} posts in {time.perf_counter() - started:.1f} s")
    client = Client()
    post = BlogPage.objects.live().order_by("-date").first()
    for label, path in [
        ("home", "/"),
        ("blog index", "/blog/"),
        ("post", post.url),
        ("country page", "/laender/polen/"),
    ]:
        ms, queries = measure(client, path, args.runs)
        print(f"{label:<13} median {ms:6.1f} ms  {queries:3d} queries")


if __name__ == "__main__":
    main()
