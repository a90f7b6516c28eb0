"""CSV import: each kind of bad file, all-or-nothing, and the evidence it records."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mailings.subscribers.models import (
    ConsentEvent,
    Subscriber,
    Subscription,
    SuppressedAddress,
    address_hash,
)

NOTE = "Teilnehmerliste Konferenz 2026, schriftliche Einwilligung"


@pytest.fixture
def csv_file(tmp_path):
    def write(text, encoding="utf-8"):
        path = tmp_path / "liste.csv"
        path.write_bytes(text.encode(encoding))
        return path

    return write


def run_import(path, *extra, newsletter="quartal"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_subscribers", str(path), "--newsletter", newsletter, *extra, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def rejected(path, *extra):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_subscribers",
            str(path),
            "--newsletter",
            "quartal",
            *extra,
            stdout=io.StringIO(),
            stderr=err,
        )
    assert not Subscriber.objects.exists() and not ConsentEvent.objects.exists()
    return str(error.value) + err.getvalue()


def test_utf8_with_bom_and_semicolons(csv_file, newsletters):
    path = csv_file("\ufeffE-Mail;Name\nanna@Example.ORG;Anna Müller\nbo@example.org;\n")
    out, _ = run_import(path, "--consent-note", NOTE)
    assert "2 abonniert" in out
    anna = Subscriber.objects.get(email="anna@example.org")
    assert anna.name == "Anna Müller"
    subscription = anna.subscriptions.get()
    assert subscription.status == "subscribed" and NOTE in subscription.source
    event = ConsentEvent.objects.get(subscriber=anna)
    assert event.action == "imported" and event.consent_text == NOTE
    assert event.details["line"] == 2


def test_excel_windows_1252_with_commas(csv_file, newsletters):
    path = csv_file('email,name\njoerg@example.org,"Jörg Straße, Büro"\n', encoding="cp1252")
    run_import(path, "--consent-note", NOTE)
    assert Subscriber.objects.get().name == "Jörg Straße, Büro"


def test_wrong_encoding_is_refused(csv_file, newsletters):
    path = csv_file("email;name\nanna@example.org;Änne\n", encoding="utf-16")
    assert "weder UTF-8 noch Windows-1252" in rejected(path, "--consent-note", NOTE)


def test_missing_email_column_is_refused(csv_file, newsletters):
    path = csv_file("adresse;name\nanna@example.org;Anna\n")
    assert "Die Spalte „email“ fehlt" in rejected(path, "--consent-note", NOTE)


def test_every_bad_row_is_reported_and_nothing_imported(csv_file, newsletters):
    path = csv_file(
        "email;name\nok@example.org;\nkaputt@;\n;Ohne Adresse\nOK@example.org;Doppelt\n"
    )
    report = rejected(path, "--consent-note", NOTE)
    assert "Zeile 3: „kaputt@“ ist keine gültige E-Mail-Adresse." in report
    assert "Zeile 4: Die E-Mail-Adresse fehlt." in report
    assert "Zeile 5: Die Adresse steht schon in Zeile 2." in report
    assert "3 fehlerhafte Zeilen, nichts importiert." in report


def test_skip_invalid_imports_the_good_rows(csv_file, newsletters):
    path = csv_file("email\nok@example.org\nkaputt@\n")
    out, err = run_import(path, "--consent-note", NOTE, "--skip-invalid")
    assert "1 abonniert" in out and "Zeile 3" in err
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ok@example.org"]


def test_a_suppressed_address_is_never_imported(csv_file, newsletters):
    SuppressedAddress.objects.create(email_hash=address_hash("Weg@Example.org"))
    path = csv_file("email\nneu@example.org\nweg@example.org\n")
    assert "Zeile 3: Die Adresse ist gesperrt" in rejected(path, "--consent-note", NOTE)
    run_import(path, "--consent-note", NOTE, "--skip-invalid")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["neu@example.org"]


def test_100k_rows_with_one_bad_row_import_nothing(csv_file, newsletters):
    rows = "".join(f"person{i}@example.org;Person {i}\n" for i in range(100_000))
    path = csv_file("email;name\n" + rows + "kaputt;Fehler\n")
    report = rejected(path, "--consent-note", NOTE)
    assert "Zeile 100002" in report
    assert not Subscription.objects.exists()


def test_an_unsubscribed_address_is_not_resubscribed(csv_file, newsletters):
    gone = Subscriber.objects.create(email="gone@example.org")
    Subscription.objects.create(subscriber=gone, newsletter=newsletters[0], status="unsubscribed")
    out, err = run_import(csv_file("email\ngone@example.org\n"), "--consent-note", NOTE)
    assert "Bereits Abgemeldet" in err
    assert gone.subscriptions.get().status == "unsubscribed"


def test_send_optin_leaves_pending_and_sends_the_opt_in_mail(
    csv_file, newsletters, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(csv_file("email\na@example.org\nb@example.org\n"), "--send-optin")
    assert set(Subscription.objects.values_list("status", flat=True)) == {"pending"}
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    assert ConsentEvent.objects.filter(action="mail_sent").count() == 2


def test_subscribing_without_evidence_is_refused(csv_file, newsletters):
    assert "Nachweis der Einwilligung" in rejected(csv_file("email\na@example.org\n"))


def test_queries_do_not_grow_with_the_rows(csv_file, newsletters):
    def queries_for(count, offset):
        path = csv_file("email\n" + "".join(f"p{offset + i}@example.org\n" for i in range(count)))
        with CaptureQueriesContext(connection) as captured:
            run_import(path, "--consent-note", NOTE)
        return len(captured)

    small, large = queries_for(10, 0), queries_for(2500, 1000)
    # Bulk statements only: the database may split a big insert (SQLite allows 999
    # parameters per statement), but nothing is queried once per row.
    assert small <= 12
    assert large - small < 2500 / 20
    assert Subscription.objects.count() == 2510
