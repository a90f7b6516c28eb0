"""Fixtures for the subscriber tests: two newsletters, a sender, and helpers for the flow."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse

from cms.core.models import SiteSettings
from mailings.subscribers.models import Newsletter
from tests.support.mail import read

CONFIRM_URL = re.compile(r"^(https?://\S+/newsletter/bestaetigen/\S+/)$", re.MULTILINE)


class CommittingClient(Client):
    """Runs on-commit callbacks (the mail tasks) as a real commit would; tests run inside
    a transaction that never commits."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limits live in the shared cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_settings(home):
    from wagtail.models import Site

    settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.organisation_name = "Netzwerkbüro Test"
    settings_obj.street, settings_obj.postal_code, settings_obj.city = "Weg 1", "12345", "Ort"
    settings_obj.newsletter_sender_name = "Netzwerkbüro Newsletter"
    settings_obj.newsletter_sender_email = "newsletter@netzwerk.example"
    settings_obj.save()
    return settings_obj


@pytest.fixture
def quarterly(db):
    return Newsletter.objects.create(name="Quartalsnewsletter", slug="quartal", is_default=True)


@pytest.fixture
def ukraine(db):
    return Newsletter.objects.create(
        name="Kommunale Partnerschaften mit der Ukraine", slug="ukraine"
    )


@pytest.fixture
def newsletters(site_settings, quarterly, ukraine):
    return [quarterly, ukraine]


@pytest.fixture
def signup(client, newsletters):
    """POST the signup form like a browser would; returns the response."""

    def post(email="anna@example.org", chosen=None, **overrides):
        chosen = chosen if chosen is not None else [newsletters[0]]
        meta = {k: overrides.pop(k) for k in list(overrides) if k.isupper()}
        data = {
            "email": email,
            "name": "",
            "consent": "on",
            "website": "",
            "newsletters": [n.pk for n in chosen],
            "page_url": "http://testserver/",
            **overrides,
        }
        meta.setdefault("HTTP_USER_AGENT", "TestBrowser/1")
        return client.post(reverse("subscribers:signup"), data, **meta)

    return post


def confirm_url_in(message):
    text = read(message).text
    match = CONFIRM_URL.search(text)
    assert match, text
    return match.group(1)


def path_of(url):
    return "/" + url.split("/", 3)[3]
