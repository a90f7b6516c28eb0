"""A real Chromium: sign up on /newsletter/, open the mail's link, confirm; and axe checks."""

import re

import pytest
from django.core import mail

from mailings.subscribers.models import Subscription
from tests import tools

from .conftest import confirm_url_in, path_of


def axe_violations(page):
    page.add_script_tag(path=str(tools.node_package_path("axe-core", "4.11.0", "axe.min.js")))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}))"
        ".violations.map(v => v.id + ': ' + v.nodes.length)"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signup_mail_confirm_in_a_real_browser(live_server, page, newsletters):
    mail.outbox = []
    page.goto(live_server.url + "/newsletter/")
    assert axe_violations(page) == []
    main = page.locator("main")
    main.get_by_label("E-Mail-Adresse").fill("browser@example.org")
    main.get_by_label("Name (freiwillig)").fill("Bea Browser")
    assert main.get_by_label("Quartalsnewsletter").is_checked()
    main.get_by_label(re.compile("Ich möchte die ausgewählten Newsletter")).check()
    main.get_by_role("button", name="Newsletter abonnieren").click()
    page.wait_for_url("**/newsletter/danke/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fast geschafft")

    [confirmation] = mail.outbox
    page.goto(live_server.url + path_of(confirm_url_in(confirmation)))
    assert Subscription.objects.get().status == "pending"  # opening alone confirms nothing
    page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
    assert "Anmeldung ist bestätigt" in page.get_by_role("heading", level=1).inner_text()
    assert Subscription.objects.get().status == "subscribed"
    assert "Willkommen" in mail.outbox[1].subject


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_missing_consent_is_explained_next_to_the_checkbox(live_server, page, newsletters):
    page.goto(live_server.url + "/newsletter/")
    main = page.locator("main")
    main.get_by_label("E-Mail-Adresse").fill("browser@example.org")
    # The browser's own "required" check would stop us; the server must check as well.
    page.evaluate("document.querySelectorAll('[required]').forEach(e => e.required = false)")
    main.get_by_role("button", name="Newsletter abonnieren").click()
    error = main.locator("#id_consent-error")
    assert "Ohne Ihre Einwilligung" in error.inner_text()
    assert main.locator("#id_consent").get_attribute("aria-describedby") == "id_consent-error"
    assert axe_violations(page) == []
    assert not Subscription.objects.exists()
