"""The demo a newcomer sees: complete, reachable, and a second seeding changes nothing."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command

from cms.blog.models import BlogPage
from cms.countries.models import CountryPage
from cms.events.models import EventPage


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_second_seeding_changes_nothing(demo):
    before = row_counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row_counts() == before


@pytest.mark.django_db
def test_demo_has_the_promised_content(demo):
    assert CountryPage.objects.live().count() == 7
    assert BlogPage.objects.live().count() >= 12
    quarters = {(p.date.year, (p.date.month - 1) // 3) for p in BlogPage.objects.all()}
    assert len(quarters) >= 2
    events = EventPage.objects.live()
    assert events.count() >= 8
    assert {e.format for e in events} >= {"online", "on_site"}
    states = {e.registration_state() for e in events}
    assert {"open", "closed", "past"} <= states


@pytest.mark.django_db
def test_every_sitemap_url_answers(client, demo):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    urls = re.findall(r"<loc>(.*?)</loc>", sitemap.content.decode())
    assert sum("/laender/" in u and u.rstrip("/").count("/") > 3 for u in urls) >= 7
    assert sum("/blog/" in u and u.rstrip("/").count("/") > 3 for u in urls) >= 12
    assert sum("/veranstaltungen/" in u and u.rstrip("/").count("/") > 3 for u in urls) >= 8
    assert any(u.endswith("/themen/jugend/") for u in urls)
    assert any(u.endswith("/veranstaltungen/archiv/") for u in urls)
    for url in urls:
        path = re.sub(r"^https?://[^/]+", "", url)
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_demo_event_with_passed_deadline_shows_the_closed_message(client, demo):
    closed = [e for e in EventPage.objects.live() if e.registration_state() == "closed"]
    html = client.get(closed[0].url).content.decode()
    assert "Die Anmeldefrist für diese Veranstaltung ist leider schon vorbei." in html
    assert closed[0].registration_url not in html
