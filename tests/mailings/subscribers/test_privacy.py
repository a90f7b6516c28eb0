"""Nobody can learn from the signup form whether an address is subscribed; IPs are honest."""

import pytest

from mailings.subscribers.consent import client_ip
from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription


def answer(response):
    return (
        response.status_code,
        response.get("Location"),
        response.content,
        tuple(sorted(response.cookies.keys())),
    )


@pytest.fixture
def addresses(newsletters):
    """One address in each state a signup can meet."""
    quarterly = newsletters[0]
    for email, status in [
        ("pending@example.org", "pending"),
        ("subscribed@example.org", "subscribed"),
        ("gone@example.org", "unsubscribed"),
    ]:
        subscriber = Subscriber.objects.create(email=email)
        Subscription.objects.create(subscriber=subscriber, newsletter=quarterly, status=status)


def test_the_answer_is_identical_whatever_the_state_of_the_address(signup, addresses):
    answers = {
        email: answer(signup(email=email))
        for email in [
            "new@example.org",
            "pending@example.org",
            "subscribed@example.org",
            "gone@example.org",
        ]
    }
    assert len(set(answers.values())) == 1


def test_a_signup_for_a_subscribed_address_changes_and_sends_nothing(signup, addresses, mailoutbox):
    signup(email="subscribed@example.org")
    assert not mailoutbox
    assert not ConsentEvent.objects.exists()


def test_a_signup_does_not_change_an_unsubscribed_state_until_confirmed(
    signup, addresses, mailoutbox
):
    signup(email="gone@example.org")
    assert Subscription.objects.get(subscriber__email="gone@example.org").status == "unsubscribed"
    assert len(mailoutbox) == 1


def test_addresses_are_unique_whatever_their_case(signup, mailoutbox):
    signup(email="Anna@Example.org")
    signup(email="anna@EXAMPLE.ORG")
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", "127.0.0.1"),  # not a trusted proxy: header ignored
        ("10.0.0.1", "203.0.113.9", "203.0.113.9"),  # trusted proxy
        ("10.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # client-made entry ignored
        ("10.0.0.1", "203.0.113.9, 10.0.0.2", "203.0.113.9"),  # chain of trusted proxies
        ("10.0.0.1", "nonsense", "10.0.0.1"),
    ],
)
def test_forwarded_for_is_only_believed_from_trusted_proxies(
    rf, settings, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = ["10.0.0.1", "10.0.0.2"]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_signup_records_the_ip_a_trusted_proxy_forwarded(signup, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    signup(HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert ConsentEvent.objects.get(action="requested").ip == "203.0.113.20"


def test_a_foreign_page_url_is_not_taken_as_evidence(signup):
    signup(page_url="https://evil.example/fake", HTTP_REFERER="http://testserver/blog/")
    assert ConsentEvent.objects.get(action="requested").page_url == "http://testserver/blog/"
