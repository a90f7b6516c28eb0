"""Unsubscribing: a button behind the personal link, and the RFC 8058 one-click POST."""

import pytest
from django.test import Client

from mailings.subscribers.links import list_unsubscribe_headers, personal_links
from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription

from .conftest import path_of


@pytest.fixture
def subscribed(newsletters):
    subscriber = Subscriber.objects.create(email="leser@example.org")
    for newsletter in newsletters:
        Subscription.objects.create(
            subscriber=subscriber, newsletter=newsletter, status="subscribed"
        )
    return subscriber


@pytest.fixture
def links(subscribed, quarterly):
    return personal_links(subscribed, quarterly)


def status(newsletter):
    return Subscription.objects.get(newsletter=newsletter).status


def test_opening_the_unsubscribe_link_changes_nothing(client, links, quarterly):
    page = client.get(path_of(links["unsubscribe_url"]))
    assert page.status_code == 200
    assert "Ja, abmelden" in page.content.decode()
    assert status(quarterly) == "subscribed"


def test_the_button_unsubscribes_from_that_newsletter_only(client, links, quarterly, ukraine):
    page = client.post(path_of(links["unsubscribe_url"]))
    assert "Sie sind abgemeldet" in page.content.decode()
    assert status(quarterly) == "unsubscribed"
    assert status(ukraine) == "subscribed"
    event = ConsentEvent.objects.get(action="unsubscribed")
    assert event.details == {"newsletters": ["quartal"], "via": "link"}


def test_one_click_works_without_cookies_or_csrf_and_does_not_redirect(links, quarterly):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path_of(links["one_click_url"]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not response.cookies
    assert status(quarterly) == "unsubscribed"


def test_one_click_is_idempotent(links, quarterly):
    strict = Client(enforce_csrf_checks=True)
    answers = [
        strict.post(path_of(links["one_click_url"]), {"List-Unsubscribe": "One-Click"})
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [200, 200]
    assert ConsentEvent.objects.filter(action="unsubscribed").count() == 1


def test_one_click_accepts_the_raw_form_body_mail_providers_send(client, links, quarterly):
    response = client.post(
        path_of(links["one_click_url"]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert status(quarterly) == "unsubscribed"


def test_one_click_without_the_expected_body_changes_nothing(client, links, quarterly):
    assert client.post(path_of(links["one_click_url"]), {}).status_code == 400
    assert client.get(path_of(links["one_click_url"])).status_code == 302
    assert status(quarterly) == "subscribed"


def test_a_forged_personal_link_is_refused(client, links, quarterly):
    url = path_of(links["one_click_url"]).replace("/sofort/", "x/sofort/")
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404
    assert status(quarterly) == "subscribed"


def test_a_new_link_key_revokes_all_old_links(client, links, subscribed, quarterly):
    Subscriber.objects.filter(pk=subscribed.pk).update(link_key="0" * 32)
    assert client.get(path_of(links["preferences_url"])).status_code == 404


def test_headers_name_the_https_and_mailto_targets(links):
    headers = list_unsubscribe_headers(links)
    assert headers["List-Unsubscribe"] == (
        f"<{links['one_click_url']}>, <{links['unsubscribe_mailto']}>"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_personal_pages_do_not_leak_their_token(client, links):
    response = client.get(path_of(links["unsubscribe_url"]))
    assert response["Referrer-Policy"] == "same-origin"
