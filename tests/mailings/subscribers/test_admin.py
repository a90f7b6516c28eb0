"""Staff side: only newsletter managers (and superusers) see personal data."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription, SuppressedAddress
from tests.factories import TopicFactory

from .conftest import confirm_url_in, path_of

ADMIN = "/admin/newsletter/abonnenten/"


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", password="x")
    user.groups.add(Group.objects.get(name="Newsletter managers"))
    return user


@pytest.fixture
def editor(django_user_model):
    """Has the model permissions by accident, but is not in the managers group."""
    user = django_user_model.objects.create_user("editor", password="x")
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["subscribers", "wagtailadmin"])
    )
    return user


@pytest.fixture
def confirmed(client, signup, mailoutbox):
    signup(email="anna@example.org")
    client.post(path_of(confirm_url_in(mailoutbox[0])))
    return Subscriber.objects.get()


def test_the_group_exists_with_admin_access(db):
    group = Group.objects.get(name="Newsletter managers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_subscriber",
        "change_subscriber",
        "view_consentevent",
    } <= codenames


def test_a_manager_sees_the_list_with_counts(client, manager, confirmed, ukraine):
    client.force_login(manager)
    page = client.get(ADMIN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "anna@example.org" in html
    assert "Abonnements je Newsletter und Status" in html
    assert "CSV importieren" in html


def test_someone_outside_the_group_sees_nothing(client, editor, confirmed):
    client.force_login(editor)
    assert client.get(ADMIN).status_code in (302, 403)
    assert client.get(f"{ADMIN}inspect/{confirmed.pk}/").status_code in (302, 403)
    assert client.get(f"{ADMIN}export/").status_code in (302, 403)
    assert "anna@example.org" not in client.get("/admin/").content.decode()


def test_search_and_filters(client, manager, confirmed, signup, newsletters):
    signup(email="bernd@example.org", chosen=[newsletters[1]], REMOTE_ADDR="192.0.2.5")
    topic = TopicFactory(name="Jugend", slug="jugend")
    confirmed.topics.add(topic)
    client.force_login(manager)

    def emails(query):
        html = client.get(ADMIN + "results/" + query).content.decode()
        return {e for e in ("anna@example.org", "bernd@example.org") if e in html}

    assert emails("?q=bernd") == {"bernd@example.org"}
    assert emails(f"?newsletter={newsletters[1].pk}&status=pending") == {"bernd@example.org"}
    assert emails(f"?newsletter={newsletters[1].pk}&status=subscribed") == set()
    assert emails("?status=subscribed") == {"anna@example.org"}
    assert emails(f"?topics={topic.pk}") == {"anna@example.org"}


def test_the_subscriber_page_shows_and_offers_the_consent_log(client, manager, confirmed):
    client.force_login(manager)
    html = client.get(f"{ADMIN}inspect/{confirmed.pk}/").content.decode()
    assert "Einwilligungsprotokoll" in html
    assert "Anmeldung bestätigt" in html and "Bestätigungsmail versandt" in html
    download = client.get(f"{ADMIN}consent/{confirmed.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    log = json.loads(download.content)["consent_log"]
    assert [e["action"] for e in log] == ["requested", "mail_sent", "confirmed"]


def test_nobody_adds_subscribers_by_hand(client, manager):
    client.force_login(manager)
    assert client.get(f"{ADMIN}new/").status_code in (302, 403)


def test_deleting_in_the_admin_erases(client, manager, confirmed):
    client.force_login(manager)
    client.post(f"{ADMIN}delete/{confirmed.pk}/")
    assert not Subscriber.objects.exists()
    assert SuppressedAddress.objects.count() == 1
    assert ConsentEvent.objects.get().details == {"by": "staff:manager"}


def test_admin_export_is_a_csv(client, manager, confirmed):
    client.force_login(manager)
    response = client.get(f"{ADMIN}export/")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["email"] == "anna@example.org" and rows[0]["status"] == "subscribed"


def test_admin_import_reports_bad_rows_and_imports_nothing(client, manager, quarterly):
    client.force_login(manager)
    upload = SimpleUploadedFile("liste.csv", b"email\nok@example.org\nkaputt\n")
    page = client.post(
        f"{ADMIN}import/", {"file": upload, "newsletter": quarterly.pk, "consent_note": "Liste"}
    )
    html = page.content.decode()
    assert "Zeile 3" in html and "nichts importiert" in html
    assert not Subscriber.objects.exists()


def test_admin_import_records_who_imported(client, manager, quarterly):
    client.force_login(manager)
    upload = SimpleUploadedFile("liste.csv", "email;name\nok@example.org;Jörg\n".encode())
    page = client.post(
        f"{ADMIN}import/",
        {"file": upload, "newsletter": quarterly.pk, "consent_note": "Liste vom Fest"},
    )
    assert "1 abonniert" in page.content.decode()
    assert Subscription.objects.get().status == "subscribed"
    event = ConsentEvent.objects.get()
    assert event.details["by"] == "manager" and event.consent_text == "Liste vom Fest"
