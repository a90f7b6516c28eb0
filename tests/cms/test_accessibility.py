"""A real browser checks the demo pages against WCAG 2.1 A/AA rules with axe-core."""

import pytest
from django.core.management import call_command

from tests import tools
from tests.conftest import tree_root


def seed_demo():
    tree_root()  # a transactional test before this one may have flushed the root page
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


PAGES = [
    "/",
    "/blog/",
    "/laender/",
    "/laender/polen/",
    "/veranstaltungen/",
    "/veranstaltungen/seminar-foerdermittel/",
    "/themen/jugend/",
    "/suche/?q=Partnerschaft",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_pages_have_no_wcag_violations(live_server, page):
    seed_demo()
    axe = tools.node_package_path("axe-core", "4.11.0", "axe.min.js")
    problems = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(axe))
        result = page.evaluate(
            "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}))"
            ".violations.map(v => v.id + ': ' + v.nodes.length)"
        )
        if result:
            problems[path] = result
    assert problems == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_keyboard_user_reaches_main_content_with_the_skip_link(live_server, page):
    seed_demo()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
