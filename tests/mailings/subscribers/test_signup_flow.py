"""The double opt-in over HTTP: signup, confirmation mail, confirm page, welcome mail."""

from django.urls import reverse

from mailings.subscribers.models import (
    ConsentAction,
    ConsentEvent,
    Subscriber,
    Subscription,
    SubscriptionStatus,
)
from tests.support.mail import read

from .conftest import confirm_url_in, path_of


def test_signup_sends_one_confirmation_mail_and_records_the_consent(signup, mailoutbox):
    response = signup(email="  Anna.Beispiel@Example.ORG ", name="Anna")

    assert response.status_code == 302
    assert response["Location"] == reverse("subscribers:thanks")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Anna.Beispiel@example.org"
    assert subscriber.subscriptions.get().status == SubscriptionStatus.PENDING
    request = ConsentEvent.objects.get(action=ConsentAction.REQUESTED)
    assert request.ip == "127.0.0.1"
    assert request.user_agent == "TestBrowser/1"
    assert request.page_url == "http://testserver/"
    assert "Netzwerkbüro Test" in request.consent_text
    assert len(request.consent_hash) == 64 and request.consent_version
    assert request.created_at.microsecond == 0
    [mail] = [read(message) for message in mailoutbox]
    assert mail.to == ["Anna.Beispiel@example.org"]
    assert mail.sender == "Netzwerkbüro Newsletter <newsletter@netzwerk.example>"
    assert "Quartalsnewsletter" in mail.text
    assert "Quartalsnewsletter" in mail.html


def test_the_sent_mail_is_logged_as_evidence_without_its_secret_link(signup, mailoutbox):
    signup()
    sent = ConsentEvent.objects.get(action=ConsentAction.MAIL_SENT)
    url = confirm_url_in(mailoutbox[0])
    assert sent.related.action == ConsentAction.REQUESTED
    assert url not in sent.mail_text
    assert "[Bestätigungslink]" in sent.mail_text
    assert len(sent.mail_hash) == 64 and len(sent.mail_template_version) == 16


def test_opening_the_link_does_not_confirm_only_the_button_does(client, signup, mailoutbox):
    signup()
    url = path_of(confirm_url_in(mailoutbox[0]))

    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, Anmeldung bestätigen" in page.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING

    done = client.post(url)
    assert done.status_code == 200
    assert "Ihre Anmeldung ist bestätigt" in done.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.SUBSCRIBED
    assert subscription.confirmed_ip == "127.0.0.1"
    assert subscription.confirmed_at is not None


def test_confirming_sends_a_welcome_mail_with_personal_links_and_headers(
    client, signup, mailoutbox
):
    signup(name="Anna")
    client.post(path_of(confirm_url_in(mailoutbox[0])))

    welcome = read(mailoutbox[1])
    assert "Willkommen" in welcome.subject
    assert "/newsletter/einstellungen/" in welcome.text
    assert "/newsletter/abmelden/quartal/" in welcome.text
    unsubscribe = welcome.header("List-Unsubscribe")
    assert unsubscribe.startswith("<http") and "/sofort/>, <mailto:" in unsubscribe
    assert welcome.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert Subscriber.objects.get().name == "Anna"


def test_confirmation_mail_also_carries_list_unsubscribe(signup, mailoutbox):
    signup()
    mail = read(mailoutbox[0])
    assert mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert "<mailto:" in mail.header("List-Unsubscribe")


def test_two_newsletters_need_one_confirmation_and_get_a_welcome_each(
    client, signup, newsletters, mailoutbox
):
    signup(chosen=newsletters)
    assert len(mailoutbox) == 1
    client.post(path_of(confirm_url_in(mailoutbox[0])))

    statuses = set(Subscription.objects.values_list("status", flat=True))
    assert statuses == {SubscriptionStatus.SUBSCRIBED}
    assert sorted(read(m).header("List-Id") for m in mailoutbox[1:]) == [
        "Kommunale Partnerschaften mit der Ukraine <ukraine.127.0.0.1>",
        "Quartalsnewsletter <quartal.127.0.0.1>",
    ]


def test_missing_consent_is_refused_with_a_german_message(signup, mailoutbox):
    response = signup(consent="")
    assert response.status_code == 200
    assert "Ohne Ihre Einwilligung" in response.content.decode()
    assert not Subscriber.objects.exists() and not mailoutbox


def test_invalid_address_is_refused(signup, mailoutbox):
    response = signup(email="kein-at-zeichen")
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_filled_honeypot_looks_like_success_but_does_nothing(signup, mailoutbox):
    response = signup(website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == reverse("subscribers:thanks")
    assert not Subscriber.objects.exists() and not mailoutbox


def test_signup_page_preselects_the_quarterly_and_links_the_privacy_page(client, newsletters):
    page = client.get(reverse("subscribers:signup")).content.decode()
    assert f'value="{newsletters[0].pk}" id="id_newsletters_0" checked' in page
    assert 'id="id_newsletters_1" checked' not in page
    assert 'name="website"' in page and 'name="consent"' in page


def test_every_page_has_a_footer_form_posting_to_the_signup_view(client, newsletters):
    page = client.get("/").content.decode()
    assert f'action="{reverse("subscribers:signup")}"' in page
    assert 'id="footer-email"' in page
