"""The personal preferences page: newsletters, interests, name, my data, erase."""

import json

import pytest

from mailings.subscribers.links import personal_links
from mailings.subscribers.models import (
    ConsentEvent,
    Subscriber,
    Subscription,
    SuppressedAddress,
    address_hash,
)
from tests.factories import TopicFactory

from .conftest import confirm_url_in, path_of


@pytest.fixture
def reader(client, signup, mailoutbox):
    """A subscriber who went through the real opt-in."""
    signup(email="leserin@example.org", name="Lea")
    client.post(path_of(confirm_url_in(mailoutbox[0])))
    return Subscriber.objects.get()


@pytest.fixture
def preferences_url(reader, quarterly):
    return path_of(personal_links(reader, quarterly)["preferences_url"])


def test_the_page_shows_the_current_choices(client, preferences_url, quarterly):
    page = client.get(preferences_url).content.decode()
    assert "leserin@example.org" in page
    assert f'value="{quarterly.pk}" id="id_newsletters_0" checked' in page


def test_saving_changes_newsletters_interests_and_name_with_evidence(
    client, preferences_url, reader, quarterly, ukraine
):
    topic = TopicFactory(name="Jugend", slug="jugend")
    response = client.post(
        preferences_url, {"name": "Lea Neu", "newsletters": [ukraine.pk], "topics": [topic.pk]}
    )
    assert response.status_code == 303
    assert "gespeichert" in client.get(response["Location"]).content.decode()

    reader.refresh_from_db()
    assert reader.name == "Lea Neu"
    assert list(reader.topics.all()) == [topic]
    statuses = dict(Subscription.objects.values_list("newsletter__slug", "status"))
    assert statuses == {"quartal": "unsubscribed", "ukraine": "subscribed"}
    event = ConsentEvent.objects.get(action="preferences")
    assert event.details["subscribed"] == ["ukraine"]
    assert event.details["unsubscribed"] == ["quartal"]
    assert event.consent_text and event.ip == "127.0.0.1"


def test_my_data_is_a_json_download_with_the_consent_log(client, preferences_url):
    response = client.get(preferences_url + "daten.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "leserin@example.org"
    actions = [event["action"] for event in data["consent_log"]]
    assert actions == ["requested", "mail_sent", "confirmed"]
    assert data["consent_log"][0]["consent_text"]
    assert data["subscriptions"][0]["status"] == "subscribed"


def test_opening_the_erase_page_deletes_nothing(client, preferences_url):
    assert "Alle Daten löschen?" in client.get(preferences_url + "loeschen/").content.decode()
    assert Subscriber.objects.exists()


def test_erasing_keeps_only_a_hash_on_the_suppression_list(client, preferences_url):
    response = client.post(preferences_url + "loeschen/")
    assert "Ihre Daten sind gelöscht" in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    [event] = ConsentEvent.objects.all()
    assert event.action == "erased" and event.ip is None and event.subscriber is None
    assert event.email_hash == address_hash("leserin@example.org")
    assert SuppressedAddress.objects.filter(email_hash=event.email_hash).exists()
    assert "leserin" not in json.dumps(list(ConsentEvent.objects.values()), default=str)
    assert client.get(preferences_url).status_code == 404


def test_a_new_opt_in_after_erasure_lifts_the_suppression(
    client, preferences_url, signup, mailoutbox
):
    client.post(preferences_url + "loeschen/")
    signup(email="leserin@example.org", REMOTE_ADDR="192.0.2.8")
    client.post(path_of(confirm_url_in(mailoutbox[-1])))
    assert Subscription.objects.get().status == "subscribed"
    assert not SuppressedAddress.objects.exists()
