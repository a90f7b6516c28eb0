"""Values that go into mail headers stay on one line.

Forms refuse line breaks and control characters with a German message; values stored before
that (or by code that skips forms) are cleaned when a message is built, so they can never add a
header (a Bcc, say) and never stop a mail.
"""

import datetime
import email
import email.policy
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.core.models import SiteSettings
from mailings.issues.message import build_message
from mailings.issues.models import NewsletterArchivePage, NewsletterIssuePage
from mailings.subscribers.forms import SignupForm
from mailings.subscribers.links import personal_links
from mailings.subscribers.mail import site_domain
from mailings.subscribers.models import ConsentEvent, Newsletter, Subscriber, Subscription

INJECTED = "Hallo\r\nBcc: x@example.net"
REFUSED = "Dieses Feld darf keine Zeilenumbrüche oder Steuerzeichen enthalten."


@pytest.fixture
def site_settings(home):
    values = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values.organisation_name = "Netzwerkbüro Städtepartnerschaften"
    values.street, values.postal_code, values.city = "Lindenallee 7", "30159", "Hannover"
    values.newsletter_sender_name = "Netzwerkbüro Newsletter"
    values.newsletter_sender_email = "newsletter@netzwerk.example"
    values.save()
    return values


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(name="Quartalsnewsletter", slug="quartal", is_default=True)


@pytest.fixture
def archive(home):
    return home.add_child(instance=NewsletterArchivePage(title="Archiv", slug="archiv"))


@pytest.fixture
def issue(archive, newsletter, site_settings):
    page = archive.add_child(
        instance=NewsletterIssuePage(
            title="Newsletter 4/2026",
            slug="newsletter-4-2026",
            newsletter=newsletter,
            period="2026-Q4",
            planned_send_date=datetime.date(2026, 10, 6),
            subject="Neues aus dem Netzwerk",
            preheader="Begegnungen und Termine",
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def store_subject(issue, subject):
    """Write a subject past every validator, as data saved before them would be."""
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(subject=subject)
    revision = issue.latest_revision
    revision.content["subject"] = subject
    revision.save(update_fields=["content"])


def parsed(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def header_names(message):
    return [name.lower() for name in message]


def issue_form(newsletter, **fields):
    return nested_form_data(
        {
            "title": "Newsletter 1/2027",
            "slug": "newsletter-1-2027",
            "newsletter": newsletter.pk,
            "period": "2027-Q1",
            "planned_send_date": "2027-01-12",
            "subject": "Betreff",
            "preheader": "Vorschau",
            "introduction": rich_text("<p>Hallo</p>"),
            "layout": "standard",
            "utm_campaign": "",
            "sections": streamfield([]),
            **fields,
        }
    )


# --- Forms refuse -----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["subject", "preheader", "title"])
def test_issue_form_refuses_line_breaks(field, archive, newsletter, site_settings, admin_client):
    url = reverse(
        "wagtailadmin_pages:add", args=["newsletter_issues", "newsletterissuepage", archive.pk]
    )
    response = admin_client.post(url, issue_form(newsletter, **{field: INJECTED}))
    assert REFUSED in response.content.decode()
    assert not NewsletterIssuePage.objects.exists()


@pytest.mark.parametrize(
    "field",
    [
        "newsletter_sender_name",
        "newsletter_sender_email",
        "newsletter_reply_to",
        "organisation_name",
    ],
)
def test_site_settings_refuse_line_breaks_in_sender_fields(field, site_settings, admin_client):
    value = (
        "redaktion@netzwerk.example\nBcc: x@example.net"
        if "email" in field or "reply" in field
        else INJECTED
    )
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site_settings.site_id])
    data = {
        "organisation_name": "Netzwerkbüro",
        "newsletter_sender_name": "Netzwerkbüro",
        "newsletter_sender_email": "newsletter@netzwerk.example",
        field: value,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Bcc" not in getattr(SiteSettings.objects.get(pk=site_settings.pk), field)
    page = response.content.decode()
    assert REFUSED in page or "gültige E-Mail-Adresse" in page


def test_newsletter_list_name_is_refused_with_a_line_break(admin_client, db):
    response = admin_client.post(
        reverse("newsletter:add"), {"name": "Quartal\nBcc: x@example.net", "slug": "quartal"}
    )
    assert REFUSED in response.content.decode()
    assert not Newsletter.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Anna\r\nBcc: x@example.net",
        "Anna\tMüller",
        "Anna\x00",
        "Anna\x85Müller",
        "Anna\u2028Müller",
    ],
)
def test_signup_form_refuses_control_characters_in_the_name(name, newsletter, site_settings):
    form = SignupForm(
        {
            "email": "anna@example.org",
            "name": name,
            "consent": "on",
            "newsletters": [newsletter.pk],
        },
        consent_text="Ja",
    )
    assert not form.is_valid()
    assert REFUSED in form.errors["name"]


def test_signup_form_keeps_ordinary_names(newsletter, site_settings):
    form = SignupForm(
        {
            "email": "anna@example.org",
            "name": "Anna-Lena Müller\u00a0Ørsted",
            "consent": "on",
            "newsletters": [newsletter.pk],
        },
        consent_text="Ja",
    )
    assert form.is_valid(), form.errors


def test_signup_with_a_line_break_in_the_name_saves_and_sends_nothing(
    client, newsletter, site_settings, mailoutbox
):
    response = client.post(
        reverse("subscribers:signup"),
        {
            "email": "anna@example.org",
            "name": INJECTED,
            "consent": "on",
            "website": "",
            "newsletters": [newsletter.pk],
            "page_url": "http://testserver/",
        },
    )
    assert REFUSED in response.content.decode()
    assert not Subscriber.objects.exists() and mailoutbox == []


def test_preferences_refuse_a_line_break_in_the_name(client, newsletter, site_settings):
    reader = Subscriber.objects.create(email="lea@example.org", name="Lea")
    Subscription.objects.create(subscriber=reader, newsletter=newsletter, status="subscribed")
    url = personal_links(reader, newsletter)["preferences_url"].split("/", 3)[3]
    response = client.post(
        "/" + url, {"name": "Lea\nBcc: x@example.net", "newsletters": [newsletter.pk]}
    )
    assert REFUSED in response.content.decode()
    reader.refresh_from_db()
    assert reader.name == "Lea"


def import_csv(tmp_path, text, *extra):
    path = tmp_path / "liste.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_subscribers",
        str(path),
        "--newsletter",
        "quartal",
        "--consent-note",
        "Liste der Konferenz",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue() + err.getvalue()


def test_import_refuses_rows_with_a_line_break_in_the_name(tmp_path, newsletter):
    text = 'email;name\nok@example.org;Ok\nbo@example.org;"Bo\nBcc: x@example.net"\nkaputt@;\n'
    with pytest.raises(CommandError) as error:
        import_csv(tmp_path, text)
    assert "2 fehlerhafte Zeilen" in str(error.value)
    assert not Subscriber.objects.exists() and not ConsentEvent.objects.exists()
    report = import_csv(tmp_path, text, "--skip-invalid")
    assert "Zeile 4: Der Name darf keine Zeilenumbrüche oder Steuerzeichen enthalten." in report
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ok@example.org"]


# --- Stored values are cleaned when a message is built --------------------------------------


def render_eml(issue):
    out = io.StringIO()
    call_command("newsletter_render", str(issue.pk), "--format", "eml", stdout=out)
    return email.message_from_string(out.getvalue(), policy=email.policy.default)


def test_eml_render_of_a_stored_injected_subject_has_one_subject_and_no_bcc(issue):
    clean_headers = header_names(render_eml(issue))
    store_subject(issue, INJECTED)
    message = render_eml(issue)
    assert header_names(message) == clean_headers
    assert message.get_all("Subject") == ["Hallo Bcc: x@example.net"]
    assert "bcc" not in header_names(message)


def test_test_send_of_a_stored_injected_subject_has_one_subject_and_no_bcc(issue, admin_client):
    store_subject(issue, INJECTED)
    url = reverse("newsletter_issues_test_send", args=[issue.pk])
    admin_client.post(url, {"addresses": "a@example.org"})
    [sent] = mail.outbox
    message = parsed(sent.message().as_bytes(linesep="\r\n"))
    assert message.get_all("Subject") == ["[TEST] Hallo Bcc: x@example.net"]
    assert "bcc" not in header_names(message)
    assert sent.recipients() == ["a@example.org"]


def store_site_settings(site_settings, **values):
    SiteSettings.objects.filter(pk=site_settings.pk).update(**values)


def test_confirmation_mail_is_sent_despite_a_stored_line_break_in_the_sender_name(
    client, newsletter, site_settings, mailoutbox, django_capture_on_commit_callbacks
):
    store_site_settings(site_settings, newsletter_sender_name="Netzwerkbüro\r\nBcc: x@ex.net")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscribers:signup"),
            {
                "email": "anna@example.org",
                "consent": "on",
                "website": "",
                "newsletters": [newsletter.pk],
                "page_url": "http://testserver/",
            },
        )
    [sent] = mailoutbox
    message = parsed(sent.message().as_bytes())
    assert message["From"].addresses[0].display_name == "Netzwerkbüro Bcc: x@ex.net"
    assert message["From"].addresses[0].addr_spec == "newsletter@netzwerk.example"
    assert "bcc" not in header_names(message)
    assert sent.recipients() == ["anna@example.org"]


def test_issue_from_header_stays_one_line_with_a_stored_line_break_in_the_sender_name(
    issue, site_settings
):
    store_site_settings(site_settings, newsletter_sender_name="Netzwerkbüro\nBcc: x@example.net")
    message = parsed(build_message(issue, Subscriber(email="lea@example.org")).raw)
    assert message.get_all("From") == [
        '"Netzwerkbüro Bcc: x@example.net" <newsletter@netzwerk.example>'
    ]
    assert "bcc" not in header_names(message)


def test_a_subscriber_name_with_line_breaks_stays_in_one_to_header(issue):
    reader = Subscriber.objects.create(email="lea@example.org")
    Subscriber.objects.filter(pk=reader.pk).update(name="Léa\r\nBcc: x@example.net\n")
    reader.refresh_from_db()
    outgoing = build_message(issue, reader)
    message = parsed(outgoing.raw)
    assert message.get_all("To") == ['"Léa Bcc: x@example.net" <lea@example.org>']
    assert "bcc" not in header_names(message)
    assert outgoing.recipients == ["lea@example.org"]


def test_a_stored_line_break_in_the_list_name_stays_in_one_list_id(
    issue, newsletter, client, mailoutbox, django_capture_on_commit_callbacks
):
    Newsletter.objects.filter(pk=newsletter.pk).update(name="Quartal\nBcc: x@example.net")
    issue.newsletter.refresh_from_db()
    message = parsed(build_message(issue, Subscriber(email="lea@example.org")).raw)
    expected = [f"Quartal Bcc: x@example.net <quartal.{site_domain()}>"]
    assert message.get_all("List-Id") == expected
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscribers:signup"),
            {
                "email": "anna@example.org",
                "consent": "on",
                "website": "",
                "newsletters": [newsletter.pk],
                "page_url": "http://testserver/",
            },
        )
    [sent] = mailoutbox
    confirmation = parsed(sent.message().as_bytes())
    assert confirmation.get_all("List-Id") == expected
    assert "bcc" not in header_names(confirmation)
