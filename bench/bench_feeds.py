"""Feed benchmark: /feeds/blog.rss over 5,000 posts against feedgen alone.

Builds its own temporary SQLite database, creates 5,000 published posts with topics,
countries, authors, a header image and a rich body, then prints the median time of
  - /feeds/blog.rss built from scratch (content version retired before every request),
  - /feeds/blog.rss served from the cache (the normal case between two publications),
  - feedgen alone writing the same 50 entries from ready-made values,
and the ratio of the first to the last.

Run: .venv/bin/python bench/bench_feeds.py   (about a minute)
"""

import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

POSTS = 5_000
COLD_RUNS = 15
WARM_RUNS = 100
FEEDGEN_RUNS = 30

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB_FILE = Path(tempfile.mkdtemp(prefix="partnerpost-bench-")) / "bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from feedgen.feed import FeedGenerator  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from cms.blog.models import BlogIndexPage, BlogPage  # noqa: E402
from cms.countries.models import CountryIndexPage, CountryPage  # noqa: E402
from cms.home.models import HomePage  # noqa: E402
from cms.people.models import ContactPerson  # noqa: E402
from cms.taxonomy.models import Topic  # noqa: E402
from feeds import definitions  # noqa: E402
from feeds.versioning import bump_content_version  # noqa: E402


def add(parent, page):
    parent.add_child(instance=page)
    return page


def build_site():
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = add(root, HomePage(title="Start", slug="home", introduction="<p>Hallo</p>"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
    )
    blog = add(home, BlogIndexPage(title="Blog", slug="blog"))
    countries = add(home, CountryIndexPage(title="Länder", slug="laender"))
    return blog, [
        add(
            countries,
            CountryPage(
                title=f"Land {n}",
                slug=f"land-{n}",
                iso_code=f"A{chr(65 + n)}",
                introduction="<p>x</p>",
            ),
        )
        for n in range(3)
    ]


def make_image():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title="Bild", file=get_test_image_file())


def body_json(image, blog):
    text = "<p>" + "Ein Satz über Städtepartnerschaften. " * 30 + "</p>"
    link = f'<p>Mehr im <a linktype="page" id="{blog.pk}">Blog</a>.</p>'
    return json.dumps(
        [
            {"type": "paragraph", "value": text + link},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Ein Bild", "caption": "", "credit": ""},
            },
            {"type": "quote", "value": {"text": "Partnerschaft lebt.", "attribution": "Jemand"}},
        ]
    )


def create_posts(blog, countries):
    """5,000 live posts in bulk: page rows, post rows and relations, a few queries each.

    Creating them one by one through Wagtail takes minutes; the rows written here are the
    ones add_child() would write (tree path, url_path, live, publication dates).
    """
    topics = [Topic.objects.create(name=f"Thema {n}", slug=f"thema-{n}") for n in range(5)]
    authors = [ContactPerson.objects.create(name=f"Person {n}") for n in range(2)]
    image = make_image()
    first = blog.add_child(instance=post_page(0, image, blog))  # the template for the rest
    pages = [page_row(first, n, blog) for n in range(1, POSTS)]
    Page.objects.bulk_create(pages, batch_size=500)
    insert_post_rows(first, Page.objects.child_of(blog).exclude(pk=first.pk))
    BlogIndexPage.objects.filter(pk=blog.pk).update(numchild=POSTS)
    link_relations(BlogPage.objects.child_of(blog), topics, countries, authors)


def post_page(n, image, blog):
    return BlogPage(
        title=f"Beitrag {n}",
        slug=f"beitrag-{n}",
        teaser="Kurz und knapp.",
        date=timezone.localdate() - datetime.timedelta(days=n % 2000),
        body=body_json(image, blog),
        header_image=image,
        header_image_alt="Titelbild",
    )


def page_row(first, n, blog):
    now = timezone.now()
    return Page(
        title=f"Beitrag {n}",
        draft_title=f"Beitrag {n}",
        slug=f"beitrag-{n}",
        content_type_id=first.content_type_id,
        locale_id=first.locale_id,
        live=True,
        path=BlogIndexPage._get_path(blog.path, blog.depth + 1, n + 1),
        depth=blog.depth + 1,
        url_path=f"{blog.url_path}beitrag-{n}/",
        first_published_at=now,
        last_published_at=now,
    )


def insert_post_rows(first, pages):
    fields = ["teaser", "header_image_id", "header_image_alt", "body"]
    values = [getattr(first, name) for name in fields]
    body = BlogPage._meta.get_field("body").get_prep_value(first.body)
    values[3] = json.dumps(body)
    rows = []
    for page in pages:
        days = int(page.slug.rsplit("-", 1)[1]) % 2000
        rows.append((page.pk, timezone.localdate() - datetime.timedelta(days=days), *values))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {BlogPage._meta.db_table} (page_ptr_id, date, {', '.join(fields)}) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )


def link_relations(posts, topics, countries, authors):
    ids = list(posts.order_by("pk").values_list("pk", flat=True))
    BlogPage.topics.through.objects.bulk_create(
        [
            BlogPage.topics.through(blogpage_id=pk, topic_id=topics[n % 5].pk)
            for n, pk in enumerate(ids)
        ],
        ignore_conflicts=True,
    )
    BlogPage.countries.through.objects.bulk_create(
        [
            BlogPage.countries.through(blogpage_id=pk, countrypage_id=countries[n % 3].pk)
            for n, pk in enumerate(ids)
        ],
        ignore_conflicts=True,
    )
    BlogPage.authors.through.objects.bulk_create(
        [
            BlogPage.authors.through(blogpage_id=pk, contactperson_id=authors[n % 2].pk)
            for n, pk in enumerate(ids)
        ],
        ignore_conflicts=True,
    )


def median_ms(action, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def get_feed(client, cold):
    if cold:
        bump_content_version()
    response = client.get("/feeds/blog.rss")
    if response.status_code != 200:
        raise RuntimeError(f"/feeds/blog.rss answered {response.status_code}")


def profile(client):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(lambda: [get_feed(client, cold=True) for _ in range(5)])
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def feedgen_alone(entries):
    """Only feedgen: the same 50 entries from values that are already at hand."""
    generator = FeedGenerator()
    generator.title("Partnerpost: Blog")
    generator.link(href="http://127.0.0.1:8000/feeds/blog.rss", rel="self")
    generator.link(href="http://127.0.0.1:8000/blog/", rel="alternate")
    generator.description("Blog")
    generator.language("de")
    for item in entries:
        entry = generator.add_entry(order="append")
        entry.id(item.uid)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.published(item.published)
        entry.updated(item.updated)
        for name in item.authors:
            entry.author(name=name)
        for category in item.categories:
            entry.category(term=category)
        entry.summary(item.summary)
        entry.content(item.content, type="html")
    return generator.rss_str()


def main():
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        ),
        transaction.atomic(),
    ):
        blog, countries = build_site()
        create_posts(blog, countries)
    setup_seconds = time.perf_counter() - started
    client = Client()
    get_feed(client, cold=True)  # renditions are made on first use, like on the live site
    if "--profile" in sys.argv:
        profile(client)
    cold = median_ms(lambda: get_feed(client, cold=True), COLD_RUNS)
    warm = median_ms(lambda: get_feed(client, cold=False), WARM_RUNS)
    entries = definitions.blog_feed().entries()
    alone = median_ms(lambda: feedgen_alone(entries), FEEDGEN_RUNS)
    print(f"posts in database:                   {BlogPage.objects.live().count()}")
    print(f"entries per feed:                    {len(entries)}")
    print(f"setup (migrate + create posts):      {setup_seconds:.1f} s")
    print(f"/feeds/blog.rss, built (median):     {cold:.1f} ms over {COLD_RUNS} runs")
    print(f"/feeds/blog.rss, cached (median):    {warm:.2f} ms over {WARM_RUNS} runs")
    print(f"feedgen alone, same 50 (median):     {alone:.1f} ms over {FEEDGEN_RUNS} runs")
    print(f"ratio built / feedgen alone:         {cold / alone:.1f}x")
    print(f"ratio cached / feedgen alone:        {warm / alone:.2f}x")


if __name__ == "__main__":
    try:
        main()
    finally:
        from django.conf import settings

        shutil.rmtree(DB_FILE.parent, ignore_errors=True)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
