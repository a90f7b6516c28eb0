"""Abuse limits: 5 signup POSTs per minute per IP, 3 confirmation mails per address a day."""

import datetime

from django.utils import timezone

from mailings.subscribers.models import ConsentEvent, Subscription

from .conftest import confirm_url_in, path_of


def test_the_sixth_post_in_a_minute_gets_the_same_answer_and_sends_nothing(signup, mailoutbox):
    answers = [signup(email=f"person{i}@example.org") for i in range(6)]
    assert len(mailoutbox) == 5
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/newsletter/danke/")}
    assert "person5@example.org" not in {m.to[0] for m in mailoutbox}


def test_the_limit_is_per_ip(signup, mailoutbox):
    for i in range(5):
        signup(email=f"a{i}@example.org", REMOTE_ADDR="192.0.2.1")
    signup(email="b@example.org", REMOTE_ADDR="192.0.2.2")
    assert len(mailoutbox) == 6


def test_invalid_posts_count_too(signup, mailoutbox):
    for _ in range(5):
        signup(email="falsch")
    signup(email="richtig@example.org")
    assert not mailoutbox


def test_at_most_three_confirmation_mails_per_address_a_day(signup, mailoutbox):
    for i in range(5):
        signup(REMOTE_ADDR=f"192.0.2.{i + 1}")
    assert len(mailoutbox) == 3
    assert ConsentEvent.objects.filter(action="requested").count() == 3


def test_the_mail_limit_frees_up_after_24_hours(signup, mailoutbox):
    for i in range(3):
        signup(REMOTE_ADDR=f"192.0.2.{i + 1}")
    ConsentEvent.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    signup(REMOTE_ADDR="192.0.2.9")
    assert len(mailoutbox) == 4


def test_requesting_new_mails_from_an_old_link_counts_against_the_limit(client, signup, mailoutbox):
    signup()
    url = path_of(confirm_url_in(mailoutbox[0]))
    client.post(url)  # used now
    Subscription.objects.update(status="unsubscribed")  # so there is something to confirm
    for _ in range(4):
        client.post(url + "neu/")
    confirmations = [m for m in mailoutbox if "bestätigen" in m.subject]
    assert len(confirmations) == 3
