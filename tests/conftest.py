"""Fixtures shared by every test: a site with its index pages, and a real browser."""

import os

import pytest
from wagtail.models import Collection, Locale, Page, Site

from tests import factories, tools


def tree_root():
    """Wagtail's root page, root collection and default locale (created by migrations);
    recreated if a transactional test before this one flushed them."""
    Locale.objects.get_or_create(language_code="de")
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def home(db):
    root = tree_root()
    Page.objects.filter(depth=2).delete()
    page = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page, "site_name": "Test"},
    )
    return page


@pytest.fixture
def blog_index(home):
    return factories.BlogIndexPageFactory(parent=home, slug="blog")


@pytest.fixture
def event_index(home):
    return factories.EventIndexPageFactory(parent=home, slug="veranstaltungen")


@pytest.fixture
def country_index(home):
    return factories.CountryIndexPageFactory(parent=home, slug="laender")


@pytest.fixture
def topic_index(home):
    return factories.TopicIndexPageFactory(parent=home, slug="themen")


# --- Browser tests: Debian's chromium driven by pytest-playwright -------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": tools.chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def _allow_sync_orm_next_to_playwright():
    # Playwright runs an event loop in the test thread; Django's ORM refuses sync calls
    # there unless told that this is safe (it is: tests are single-threaded).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
