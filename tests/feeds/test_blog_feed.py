"""The blog feed in RSS and Atom: the fields a feed reader shows, checked one by one."""

import datetime

import pytest
from django.conf import settings

from tests import factories
from tests.feeds.helpers import body, image_block, paragraph, publish

FORMATS = [("rss", "rss20"), ("atom", "atom10")]


@pytest.fixture
def post(blog_index, youth, poland):
    author = factories.ContactPersonFactory(name="Anna Beispiel")
    picture = factories.ImageFactory()
    return factories.BlogPageFactory(
        parent=blog_index,
        title="Jugendbegegnung in Krakau",
        slug="krakau",
        teaser="Zwanzig Jugendliche trafen sich.",
        date=datetime.date(2026, 3, 28),
        topics=[youth],
        countries=[poland],
        authors=[author],
        header_image=picture,
        header_image_alt="Gruppenfoto am Marktplatz",
        body=body(
            paragraph(f'<p>Mehr im <a linktype="page" id="{blog_index.pk}">Blog</a>.</p>'),
            image_block(picture, "Die Tuchhallen"),
        ),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "version"), FORMATS)
def test_feed_level_fields(fetch_feed, post, extension, version):
    feed = fetch_feed(f"/feeds/blog.{extension}")
    assert feed.version == version
    assert feed.feed.title == "Partnerpost: Blog"
    assert feed.feed.language == "de"
    assert feed.feed.link == settings.BASE_URL + "/blog/"
    assert feed.feed.subtitle.startswith("Berichte, Beispiele")
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{settings.BASE_URL}/feeds/blog.{extension}"]
    logo = feed.feed.image.href if extension == "rss" else feed.feed.logo
    assert logo == settings.BASE_URL + "/static/feeds/logo.png"
    assert feed.feed.updated_parsed is not None


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "version"), FORMATS)
def test_entry_fields(fetch_feed, post, extension, version):
    entry = fetch_feed(f"/feeds/blog.{extension}").entries[0]
    assert entry.title == "Jugendbegegnung in Krakau"
    assert entry.link == settings.BASE_URL + "/blog/krakau/"
    assert entry.id == f"tag:127.0.0.1,2026:seite-{post.pk}"
    # 8:00 in Berlin on 28 March 2026 (still winter time) is 7:00 UTC.
    assert tuple(entry.published_parsed)[:5] == (2026, 3, 28, 7, 0)
    assert entry.author == "Anna Beispiel"
    assert [tag.term for tag in entry.tags] == ["Jugend", "Polen"]
    assert entry.summary == "Zwanzig Jugendliche trafen sich."


@pytest.mark.django_db
@pytest.mark.parametrize(("extension", "version"), FORMATS)
def test_full_content_has_absolute_links_and_images_with_alt(fetch_feed, post, extension, version):
    content = fetch_feed(f"/feeds/blog.{extension}").entries[0].content[0].value
    assert f'href="{settings.BASE_URL}/blog/"' in content
    assert 'alt="Gruppenfoto am Marktplatz"' in content
    assert 'alt="Die Tuchhallen"' in content
    assert f'src="{settings.BASE_URL}/media/images/' in content
    assert 'src="/' not in content and 'href="/' not in content


@pytest.mark.django_db
def test_dates_are_berlin_time_in_each_format(client, post):
    rss = client.get("/feeds/blog.rss").content.decode()
    atom = client.get("/feeds/blog.atom").content.decode()
    assert "<pubDate>Sat, 28 Mar 2026 08:00:00 +0100</pubDate>" in rss
    assert "<published>2026-03-28T08:00:00+01:00</published>" in atom


@pytest.mark.django_db
def test_newest_first_with_unique_ids(fetch_feed, blog_index):
    for days_ago in (5, 1, 3):
        factories.BlogPageFactory(
            parent=blog_index,
            title=f"Vor {days_ago} Tagen",
            date=datetime.date.today() - datetime.timedelta(days=days_ago),
        )
    entries = fetch_feed("/feeds/blog.rss").entries
    assert [e.title for e in entries] == ["Vor 1 Tagen", "Vor 3 Tagen", "Vor 5 Tagen"]
    assert len({e.id for e in entries}) == 3


@pytest.mark.django_db
def test_entry_id_survives_renaming_the_post(fetch_feed, post):
    before = fetch_feed("/feeds/blog.atom").entries[0]
    post.title, post.slug = "Neuer Titel", "neuer-titel"
    publish(post)
    after = fetch_feed("/feeds/blog.atom").entries[0]
    assert after.title == "Neuer Titel"
    assert after.link.endswith("/blog/neuer-titel/")
    assert after.id == before.id
