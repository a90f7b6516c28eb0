"""Confirmation links: tampering, expiry, reuse, and the offer of a new mail."""

import time

from django.core import signing

from mailings.subscribers.models import ConsentAction, ConsentEvent, Subscriber, Subscription

from .conftest import confirm_url_in, path_of


def hours_ago(monkeypatch, hours):
    """Sign tokens as if it were `hours` earlier (the signature carries its own time)."""
    monkeypatch.setattr(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(int(time.time()) - hours * 3600),
    )


def test_a_tampered_token_is_refused(client, signup, mailoutbox):
    signup()
    url = path_of(confirm_url_in(mailoutbox[0]))
    token = url.split("/")[-2]
    forged = url.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))

    for response in (client.get(forged), client.post(forged)):
        assert response.status_code == 404
        assert "Dieser Link ist ungültig" in response.content.decode()
    assert Subscription.objects.get().status == "pending"


def test_a_token_for_another_request_cannot_be_made_up(client, signup, mailoutbox):
    signup()
    event = ConsentEvent.objects.get(action=ConsentAction.REQUESTED)
    made_up = signing.dumps({"e": event.pk, "k": "0" * 32}, salt="mailings.subscribers.confirm")
    assert client.post(f"/newsletter/bestaetigen/{made_up}/").status_code == 404
    assert Subscription.objects.get().status == "pending"


def test_an_expired_link_offers_a_new_mail_that_works(client, signup, mailoutbox, monkeypatch):
    hours_ago(monkeypatch, 49)
    signup()
    monkeypatch.undo()
    url = path_of(confirm_url_in(mailoutbox[0]))

    expired = client.post(url)
    assert "abgelaufen" in expired.content.decode()
    assert Subscription.objects.get().status == "pending"

    client.post(url + "neu/")
    assert len(mailoutbox) == 2
    client.post(path_of(confirm_url_in(mailoutbox[1])))
    assert Subscription.objects.get().status == "subscribed"


def test_a_link_just_inside_48_hours_still_works(client, signup, mailoutbox, monkeypatch):
    hours_ago(monkeypatch, 47)
    signup()
    monkeypatch.undo()
    client.post(path_of(confirm_url_in(mailoutbox[0])))
    assert Subscription.objects.get().status == "subscribed"


def test_a_link_works_once(client, signup, mailoutbox):
    signup()
    url = path_of(confirm_url_in(mailoutbox[0]))
    client.post(url)

    again = client.post(url)
    assert "schon benutzt" in again.content.decode()
    assert ConsentEvent.objects.filter(action=ConsentAction.CONFIRMED).count() == 1
    assert len(mailoutbox) == 2  # confirmation and one welcome, no second welcome
    assert "schon benutzt" in client.get(url).content.decode()


def test_erasing_the_subscriber_revokes_the_link(client, signup, mailoutbox):
    signup()
    url = path_of(confirm_url_in(mailoutbox[0]))
    Subscriber.objects.all().delete()
    assert client.get(url).status_code == 404


def test_the_confirmation_is_logged_with_its_own_ip_and_points_at_the_request(
    client, signup, mailoutbox
):
    signup()
    client.post(
        path_of(confirm_url_in(mailoutbox[0])), REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Handy/2"
    )
    confirmed = ConsentEvent.objects.get(action=ConsentAction.CONFIRMED)
    assert confirmed.ip == "192.0.2.44" and confirmed.user_agent == "Handy/2"
    assert confirmed.related.action == ConsentAction.REQUESTED
    assert Subscription.objects.get().confirmed_ip == "192.0.2.44"
