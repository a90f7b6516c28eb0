"""Judging sends in the admin: the history, one send's report with its rates, the delivery
CSV, the dashboard panels for newsletter managers, and the demo that fills them.

Sends run through the real pipeline (memory backend); SES events go through the same recorder
the SNS endpoint uses, unsubscribes through the subscriber action with the send's id.
"""

import csv
import datetime
import html
import io
import itertools
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mailings.feedback.events import read_event
from mailings.feedback.figures import send_figures
from mailings.feedback.handling import record
from mailings.sending import actions
from mailings.sending.models import Delivery, Send
from mailings.sending.reports.figures import complaint_verdict
from mailings.sending.reports.growth import first_week
from mailings.subscribers.actions import unsubscribe
from mailings.subscribers.consent import Evidence
from mailings.subscribers.models import ConsentEvent, Subscriber, Subscription, address_hash
from tests import tools
from tests.conftest import tree_root
from tests.mailings.feedback.conftest import ses_event

from .fixtures import subscribe

HISTORY = "/admin/newsletter/versaende/"
ISSUES = "/admin/newsletter/ausgaben/"
DOCS_IMG = Path(__file__).resolve().parents[3] / "docs" / "img"
_sns_ids = itertools.count(1)


# --- People ----------------------------------------------------------------------------------


def staff(django_user_model, name, *codenames, group=None):
    user = django_user_model.objects.create_user(name, password="x")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def manager(django_user_model):
    return staff(django_user_model, "managerin", group="Newsletter managers")


@pytest.fixture
def sender(django_user_model):
    """May send issues, so sees how they went, but is no newsletter manager."""
    return staff(django_user_model, "redakteur", "send_newsletterissuepage")


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "autorin", "add_page", "change_page")


# --- Sends with recorded feedback -------------------------------------------------------------


def send_now(issue, capture):
    with capture(execute=True):
        send = actions.schedule_send(issue)
    send.refresh_from_db()
    return send


def ses(kind, delivery, **details):
    """Record one SES event for a delivery as the SNS endpoint would."""
    payload = ses_event(
        kind,
        delivery.email,
        delivery.provider_message_id,
        tags={"send": delivery.send_id, "delivery": delivery.pk},
        **details,
    )
    assert record(f"sns-report-{next(_sns_ids)}", read_event(payload), payload)


def unsubscribe_from(send, email):
    subscriber = Subscriber.objects.get(email=email)
    unsubscribe(
        subscriber, send.newsletter, Evidence(user_agent="Test"), via="link", send_id=send.pk
    )


@pytest.fixture
def judged_send(ready_issue, audience, memory, django_capture_on_commit_callbacks):
    """4 recipients: 3 sent (1 suppressed is skipped); SES: 2 delivered, 1 hard bounce,
    1 complaint; 1 unsubscribe with the issue's link."""
    send = send_now(ready_issue, django_capture_on_commit_callbacks)
    first, second, third = Delivery.objects.filter(send=send, state="sent").order_by("email")
    ses("Delivery", first)
    ses("Delivery", second)
    ses("Complaint", second)
    ses("Bounce", third)
    unsubscribe_from(send, first.email)
    return send


def cells(page_html, link):
    """The text of the table row holding `link`, cell by cell."""
    row = next(r for r in re.findall(r"<tr.*?</tr>", page_html, re.S) if link in r)
    texts = [
        re.sub(r"<[^>]+>", " ", cell)
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]
    return [" ".join(html.unescape(text).split()) for text in texts]


# --- History -----------------------------------------------------------------------------------


def test_history_lists_each_send_with_figures_from_the_recorded_events(
    client, manager, judged_send
):
    client.force_login(manager)
    page = client.get(HISTORY)
    assert page.status_code == 200
    row = cells(page.content.decode(), f"{HISTORY}{judged_send.pk}/")
    # issue, newsletter, state, recipients, delivered, bounced hard/soft, complaints,
    # unsubscribes, then start and end
    assert row[:8] == [
        "Newsletter 4/2026",
        "Quartalsnewsletter",
        "Abgeschlossen",
        "4",
        "2",
        "1 / 0",
        "1",
        "1",
    ]
    started, finished = (
        timezone.localtime(judged_send.started_at),
        timezone.localtime(judged_send.finished_at),
    )
    assert row[8] == (
        f"{date_filter(started, 'SHORT_DATETIME_FORMAT')} – {date_filter(finished, 'TIME_FORMAT')}"
    )


def make_sends(issue, count, reader):
    sends = Send.objects.bulk_create(
        Send(
            issue=issue,
            newsletter=issue.newsletter,
            state="done",
            total=1,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        for _n in range(count)
    )
    for send in sends:
        delivery = Delivery.objects.create(
            send=send,
            subscriber=reader,
            email=reader.email,
            state="sent",
            provider_message_id=f"m-{send.pk}",
        )
        ses("Delivery", delivery)
    return sends


def history_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HISTORY).status_code == 200
    return len(queries)


def test_history_costs_the_same_queries_for_2_and_for_20_sends(
    client, manager, make_issue, newsletter
):
    reader = subscribe(newsletter, "leser@example.org")
    issue = make_issue()
    client.force_login(manager)
    make_sends(issue, 2, reader)
    with_two = history_queries(client)
    make_sends(issue, 18, reader)
    assert history_queries(client) == with_two
    assert client.get(HISTORY).content.decode().count(f'href="{HISTORY}') >= 20


def test_who_sees_the_history_and_the_menu(client, manager, sender, editor, judged_send):
    for user, allowed in ((manager, True), (sender, True), (editor, False)):
        client.force_login(user)
        assert (client.get(HISTORY).status_code == 200) is allowed
        assert (client.get(f"{HISTORY}{judged_send.pk}/").status_code == 200) is allowed
        menu = client.get("/admin/").content.decode()
        assert (HISTORY in menu) is allowed


def issue_listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ISSUES).status_code == 200
    return len(queries)


def test_the_issues_entry_lists_issues_with_their_sent_date(
    client, admin_user, judged_send, make_issue
):
    client.force_login(admin_user)
    row = cells(client.get(ISSUES).content.decode(), "Newsletter 4/2026")
    started = date_filter(timezone.localtime(judged_send.started_at), "SHORT_DATETIME_FORMAT")
    assert row[1:5] == ["Quartalsnewsletter", "2026-Q4", "06.10.2026", started]
    menu = client.get("/admin/").content.decode()
    assert ISSUES in menu and HISTORY in menu
    with_one = issue_listing_queries(client)
    for number in range(4):
        make_issue(title=f"Newsletter {number}/2027", slug=f"ausgabe-{number}-2027")
    assert issue_listing_queries(client) == with_one


# --- Report --------------------------------------------------------------------------------------


def test_report_shows_rates_of_recipients_and_of_accepted_mails(client, sender, judged_send):
    client.force_login(sender)
    page = client.get(f"{HISTORY}{judged_send.pk}/").content.decode()
    assert cells(page, "Zugestellt (laut SES)")[1:] == ["2", "50,00 %", "66,67 %"]
    assert cells(page, "Hard Bounce")[1:] == ["1", "25,00 %", "33,33 %"]
    assert cells(page, "Abmeldungen über diese Ausgabe")[1:] == ["1", "25,00 %", "33,33 %"]
    assert cells(page, "Übersprungen")[1:3] == ["1", "25,00 %"]
    # 1 complaint among 3 accepted mails: far above 0.3 %, said in words
    assert "Beschwerdequote 33,33 %" in " ".join(html.unescape(page).split())
    assert "Kritisch: ab 0,3 %." in page
    assert "Öffnungen und Klicks werden nicht erfasst." in page


def test_complaint_thresholds_are_those_of_gmail_and_yahoo():
    assert complaint_verdict(1, 1000).level == "ok"
    assert complaint_verdict(1, 999).level == "warning"
    assert complaint_verdict(2, 1000).level == "warning"
    assert complaint_verdict(3, 1000).level == "critical"
    assert "Warnung: über 0,1 %" in str(complaint_verdict(1, 500).text)
    assert complaint_verdict(0, 0).rate is None


# --- CSV -------------------------------------------------------------------------------------


def read_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_managers_download_the_deliveries_streamed_and_formula_safe(client, manager, judged_send):
    tricky = subscribe(judged_send.newsletter, "=2+5@example.org")
    Delivery.objects.create(
        send=judged_send,
        subscriber=tricky,
        email=tricky.email,
        state="failed",
        last_error="-rejected: @once",
    )
    client.force_login(manager)
    response = client.get(f"{HISTORY}{judged_send.pk}/zustellungen.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0][:6] == [
        "email",
        "state",
        "queued_at",
        "sent_at",
        "updated_at",
        "provider_message_id",
    ]
    by_email = {row[0]: row for row in rows[1:]}
    assert len(by_email) == 5
    assert by_email["'=2+5@example.org"][-1] == "'-rejected: @once"
    sent = by_email["leser0@example.org"]
    assert sent[1] == "sent" and sent[3].endswith("Z") and sent[5].startswith("memory-")


def test_the_csv_is_for_newsletter_managers_only(client, sender, judged_send):
    client.force_login(sender)
    report = client.get(f"{HISTORY}{judged_send.pk}/").content.decode()
    assert "zustellungen.csv" not in report
    assert "sehen nur Newsletter-Verantwortliche" in report
    assert client.get(f"{HISTORY}{judged_send.pk}/zustellungen.csv").status_code == 403


# --- Dashboard -----------------------------------------------------------------------------------


def logged(subscriber, action, when, **details):
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=address_hash(subscriber.email),
        action=action,
        created_at=when,
        details=details,
    )


def local(day, hour=12, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def a_year_of_events(newsletter):
    """Week A (three weeks ago): 3 confirmations, 1 unsubscribe, 1 preference-centre removal.
    This week: 2 confirmations (one at 00:30 on Monday, Berlin time), 1 bounce, 1 complaint.
    Outside the twelve months and not counted at all: one confirmation, an empty preference
    change, a sign-up request."""
    person = subscribe(newsletter, "anna@example.org")
    subscribe(newsletter, "offen@example.org", status="pending")
    week_a, this_week = (
        first_week() + datetime.timedelta(weeks=49),
        first_week() + datetime.timedelta(weeks=52),
    )
    for n in range(3):
        logged(person, "confirmed", local(week_a + datetime.timedelta(days=n)))
    logged(person, "unsubscribed", local(week_a, 18))
    logged(person, "preferences", local(week_a, 19), subscribed=[], unsubscribed=["quartal"])
    logged(person, "preferences", local(week_a, 20), subscribed=[], unsubscribed=[])
    logged(person, "confirmed", local(this_week, 0, 30))
    logged(person, "confirmed", local(this_week - datetime.timedelta(days=1), 23, 30))
    logged(person, "bounced", local(this_week, 9))
    logged(person, "complained", local(this_week, 10))
    logged(person, "confirmed", local(first_week() - datetime.timedelta(days=3)))
    logged(person, "requested", local(this_week, 8))
    return week_a, this_week


def week_row(page, monday):
    return cells(page, f'<th scope="row">{date_filter(monday, "SHORT_DATE_FORMAT")}</th>')


def test_dashboard_panels_count_per_week_for_managers(client, manager, a_year_of_events):
    week_a, this_week = a_year_of_events
    client.force_login(manager)
    page = client.get("/admin/").content.decode()
    assert "Entwicklung der Abonnements" in page and "<svg" in page
    # week start, confirmed sign-ups, unsubscribes, bounces, complaints, net
    assert week_row(page, week_a) == [
        date_filter(week_a, "SHORT_DATE_FORMAT"),
        "3",
        "2",
        "0",
        "0",
        "1",
    ]
    assert week_row(page, this_week)[1:] == ["1", "0", "1", "1", "-1"]
    previous = this_week - datetime.timedelta(weeks=1)
    assert week_row(page, previous)[1:] == ["1", "0", "0", "0", "1"]
    assert cells(page, '<th scope="row">Quartalsnewsletter</th>')[1:] == ["1", "1"]


def test_editors_get_no_newsletter_panels(client, sender, editor, a_year_of_events):
    for user in (sender, editor):
        client.force_login(user)
        page = client.get("/admin/").content.decode()
        assert "Entwicklung der Abonnements" not in page
        assert "Abonnent/innen je Newsletter" not in page
        assert "<svg viewBox" not in page


def test_the_sends_panel_shows_the_last_send_and_its_progress(client, manager, judged_send):
    client.force_login(manager)
    page = html.unescape(client.get("/admin/").content.decode())
    assert "Letzter Versand" in page and f"{HISTORY}{judged_send.pk}/" in page
    assert "4 von 4 Empfänger/innen bearbeitet (100 %)" in page
    assert "Kein Versand geplant." in page


# --- Demo ----------------------------------------------------------------------------------------


def test_the_demo_gives_history_report_and_dashboard_realistic_data(db, settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path
    tree_root()
    call_command("seed_demo", stdout=io.StringIO())
    assert Subscriber.objects.filter(email__endswith="@example.org").count() >= 300
    send = Send.objects.get(state="done")
    assert send.total >= 200 and send.deliveries.count() == send.total
    result = send_figures([send.pk])[send.pk]
    assert result.delivered > 0.9 * send.total
    assert result.bounced_hard and result.bounced_soft and result.complaints
    assert result.unsubscribes > 0
    assert (
        result.unsubscribes
        == ConsentEvent.objects.filter(details__send=send.pk, action="unsubscribed").count()
    )
    year_ago = timezone.now() - datetime.timedelta(days=365)
    months = {
        timezone.localtime(moment).strftime("%Y-%m")
        for moment in ConsentEvent.objects.filter(
            action="confirmed", created_at__gte=year_ago
        ).values_list("created_at", flat=True)
    }
    assert len(months) >= 12
    assert (
        Subscription.objects.get(subscriber__email="anna.beispiel@example.org").status
        == "subscribed"
    )


# --- Browser: axe-core on the three screens, and the screenshots for docs/newsletter.md ----------


def axe_serious(page):
    page.add_script_tag(path=str(tools.node_package_path("axe-core", "4.11.0", "axe.min.js")))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_history_report_and_issues_pass_axe(live_server, page):
    tree_root()  # a transactional test before this one may have flushed the root page
    call_command("seed_demo", stdout=io.StringIO())
    send = Send.objects.get(state="done")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "partnerpost-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    problems = {}
    # The admin scrolls inside its own frame, so the window is made as tall as each screen.
    screens = [
        ("dashboard", "/admin/", 1560),
        ("history", HISTORY, 520),
        ("report", f"{HISTORY}{send.pk}/", 1500),
        (None, ISSUES, 520),
    ]
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    for name, path, height in screens:
        page.set_viewport_size({"width": 1280, "height": height})
        page.goto(live_server.url + path)
        if name:
            page.screenshot(path=str(DOCS_IMG / f"{name}.png"))
        if found := axe_serious(page):
            problems[path] = found
    assert problems == {}
