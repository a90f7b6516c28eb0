"""Sending from the admin: who may, the send dialog, live progress and the controls.

Tasks run at once here (ImmediateBackend); django_capture_on_commit_callbacks(execute=True)
runs what a commit would start, so a send started from the dialog finishes inside the test.
"""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from mailings.issues.testsend import can_test_send
from mailings.sending import actions
from mailings.sending.admin.panels import SendProgressPanel
from mailings.sending.backends import Outcome
from mailings.sending.clock import clock_pass
from mailings.sending.models import Delivery, Send
from mailings.subscribers.models import Subscriber, Subscription
from tests import factories
from tests.mailings.sending.fixtures import subscribe

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


# --- people -------------------------------------------------------------------------------


def staff(django_user_model, name, *groups):
    user = django_user_model.objects.create_user(
        name, f"{name}@netzwerk.example", "pw", first_name=name.title()
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def manager(django_user_model, client):
    """A newsletter manager who may also publish pages (Wagtail's Moderators)."""
    user = staff(django_user_model, "manager", "Newsletter managers", "Moderators")
    client.force_login(user)
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "editor", "Editors")


# --- helpers ------------------------------------------------------------------------------


def dialog_url(issue):
    return reverse("sending_admin:dialog", args=[issue.pk])


def status_of(client, send):
    response = client.get(reverse("sending_admin:status", args=[send.pk]))
    assert response.status_code == 200
    return response.json()


def send_form(**fields):
    return {"when": "now", "schedule": "1", **fields}


def post_send(client, issue, capture, **fields):
    with capture(execute=True):
        return client.post(dialog_url(issue), send_form(**fields))


def started_but_not_sent(issue):
    """A send that is `sending` with every delivery still queued (no worker ran yet)."""
    send = actions.schedule_send(issue, at=timezone.now() + datetime.timedelta(hours=1))
    actions.start_send(send.pk)  # its workers wait for a commit that never comes here
    send.refresh_from_db()
    return send


def control(client, send, action, capture, **fields):
    url = reverse("sending_admin:control", args=[send.pk, action])
    with capture(execute=True):
        return client.post(url, fields)


def log_actions(issue):
    return list(
        PageLogEntry.objects.filter(page=issue)
        .order_by("pk")
        .values_list("action", "user__username")
    )


# --- who may do what ----------------------------------------------------------------------


def test_managers_may_send_and_test_editors_may_only_test(manager, editor):
    managers = Group.objects.get(name="Newsletter managers")
    codenames = set(managers.permissions.values_list("codename", flat=True))
    assert {"send_newsletterissuepage", "test_send_newsletterissuepage"} <= codenames
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert "test_send_newsletterissuepage" in editors
    assert "send_newsletterissuepage" not in editors
    assert can_test_send(editor) and can_test_send(manager)


def test_an_editor_without_send_permission_is_refused_everything(
    ready_issue, audience, editor, client, django_capture_on_commit_callbacks
):
    send = started_but_not_sent(ready_issue)
    client.force_login(editor)
    assert client.get(dialog_url(ready_issue)).status_code == 403
    assert client.post(dialog_url(ready_issue), send_form()).status_code == 403
    count_url = reverse("sending_admin:count", args=[ready_issue.pk])
    assert client.get(count_url).status_code == 403
    assert control(client, send, "pause", django_capture_on_commit_callbacks).status_code == 403
    # Editors may watch, without any control or address.
    page = client.get(reverse("sending_admin:progress", args=[send.pk])).content.decode()
    assert "Wird versendet" in page and "Anhalten" not in page and "leser0@" not in page
    send.refresh_from_db()
    assert send.state == "sending" and Send.objects.count() == 1


def test_the_issue_menu_offers_sending_only_to_senders(ready_issue, manager, editor, client):
    edit_url = reverse("wagtailadmin_pages:edit", args=[ready_issue.pk])
    html = client.get(edit_url).content.decode()
    assert "Versenden …" in html
    assert html.count(f'href="{dialog_url(ready_issue)}"') == 3  # header, action menu, the tab
    client.force_login(editor)
    html = client.get(edit_url).content.decode()
    assert "Testversand" in html and dialog_url(ready_issue) not in html


def test_while_a_send_runs_the_issue_leads_to_it(ready_issue, audience, manager, client):
    send = started_but_not_sent(ready_issue)
    progress_url = reverse("sending_admin:progress", args=[send.pk])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[ready_issue.pk])).content.decode()
    assert "Versand verfolgen: Wird versendet, 0 %" in html and progress_url in html
    assert f'href="{dialog_url(ready_issue)}"' not in html
    assert client.get(dialog_url(ready_issue)).url == progress_url  # one send at a time


def submit_to_workflow(issue, user):
    workflow = Workflow.objects.create(name="Newsletter-Freigabe")
    task = GroupApprovalTask.objects.create(name="Redaktionsleitung")
    task.groups.add(Group.objects.get(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=issue.get_parent())
    return workflow.start(issue, user)


def test_a_workflow_in_progress_blocks_sending_until_approved(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    state = submit_to_workflow(ready_issue, manager)
    html = client.get(dialog_url(ready_issue)).content.decode()
    reason = (
        "wartet noch auf Freigabe im Workflow „Newsletter-Freigabe“ (Schritt „Redaktionsleitung“)"
    )
    assert reason in html and "disabled" in html
    menu = client.get(reverse("wagtailadmin_pages:edit", args=[ready_issue.pk])).content
    assert "Versenden … (Freigabe fehlt)" in menu.decode()
    response = post_send(client, ready_issue, django_capture_on_commit_callbacks)
    assert reason in response.content.decode() and not Send.objects.exists()

    state.current_task_state.approve(user=manager)  # the workflow publishes the issue
    response = post_send(client, ready_issue, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and Send.objects.get().state == "done"


def test_without_publish_permission_only_the_published_revision_may_go(
    ready_issue, audience, django_user_model, client
):
    sender = staff(django_user_model, "sender", "Newsletter managers", "Editors")
    client.force_login(sender)
    html = client.get(dialog_url(ready_issue)).content.decode()
    assert "Sie dürfen sie nicht veröffentlichen" in html
    ready_issue.get_latest_revision().publish()
    html = client.get(dialog_url(ready_issue)).content.decode()
    assert "Versenden ist im Moment nicht möglich" not in html


# --- the dialog ---------------------------------------------------------------------------


@pytest.fixture
def interests(newsletter, country_index):
    """Four subscribed readers: one chose youth, one Poland, one both, one nothing."""
    youth = factories.TopicFactory(name="Jugend", slug="jugend")
    poland = factories.CountryPageFactory(parent=country_index, title="Polen", slug="polen")
    readers = [
        subscribe(newsletter, f"{name}@example.org")
        for name in ("jugend", "polen", "beides", "nichts")
    ]
    readers[0].topics.add(youth)
    readers[1].countries.add(poland)
    readers[2].topics.add(youth)
    readers[2].countries.add(poland)
    subscribe(newsletter, "wartet@example.org", status="pending").topics.add(youth)
    return youth, poland


def shown_count(client, issue, **query):
    html = client.get(dialog_url(issue), query).content.decode()
    return html.split('data-pp-send-dialog-target="count">')[1].split("<")[0]


def test_the_dialog_counts_the_recipients_of_each_audience_choice(
    ready_issue, interests, manager, client
):
    youth, poland = interests
    assert shown_count(client, ready_issue) == "4"
    assert shown_count(client, ready_issue, topics=youth.pk) == "2"
    assert shown_count(client, ready_issue, countries=poland.pk) == "2"
    assert shown_count(client, ready_issue, topics=youth.pk, countries=poland.pk) == "3"
    html = client.get(dialog_url(ready_issue)).content.decode()
    assert "Quartalsnewsletter" in html and "Jugend (2)" in html and "Polen (2)" in html
    count_url = reverse("sending_admin:count", args=[ready_issue.pk])
    answer = client.get(count_url, {"countries": poland.pk}).json()
    assert answer == {"recipients": 2, "display": "2", "needs_typed_count": False}


def test_the_recount_button_works_without_javascript(ready_issue, interests, manager, client):
    youth, _poland = interests
    response = client.post(dialog_url(ready_issue), {"topics": [youth.pk], "recount": "1"})
    html = response.content.decode()
    assert 'data-pp-send-dialog-target="count">2<' in html and not Send.objects.exists()
    assert f'value="{youth.pk}"' in html and "checked" in html


def test_a_narrowed_audience_is_stored_and_mailed(
    ready_issue, interests, memory, manager, client, django_capture_on_commit_callbacks
):
    youth, _poland = interests
    post_send(client, ready_issue, django_capture_on_commit_callbacks, topics=[youth.pk])
    send = Send.objects.get()
    assert send.audience == {"topics": [youth.pk], "countries": []}
    assert sorted(memory.recipients()) == ["beides@example.org", "jugend@example.org"]
    assert send.created_by == manager


def many_subscribers(newsletter, count, prefix="leser"):
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.org") for n in range(count)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=person, newsletter=newsletter, status="subscribed")
        for person in people
    )


def test_more_than_100_recipients_must_be_typed(
    ready_issue, newsletter, memory, manager, client, django_capture_on_commit_callbacks
):
    many_subscribers(newsletter, 101)
    html = client.get(dialog_url(ready_issue)).content.decode()
    assert "Zur Bestätigung: Anzahl der Empfänger/innen" in html
    for typed, error in [
        ("", "Bitte tippen Sie zur Bestätigung"),
        ("100", "Die Zahl stimmt nicht: Der Versand ginge jetzt an 101"),
    ]:
        response = post_send(
            client, ready_issue, django_capture_on_commit_callbacks, typed_count=typed
        )
        html = response.content.decode()
        assert error in html and 'href="#id_typed_count"' in html  # in the error summary
        assert 'aria-invalid="true"' in html and not Send.objects.exists()
    post_send(client, ready_issue, django_capture_on_commit_callbacks, typed_count="101")
    assert Send.objects.get().state == "done" and len(memory.outbox) == 101


def test_blockers_and_past_times_refuse_and_create_nothing(
    make_issue, audience, manager, client, django_capture_on_commit_callbacks
):
    issue = make_issue(subject="", live=False)
    html = client.get(dialog_url(issue)).content.decode()
    assert "Die Betreffzeile fehlt." in html and "disabled" in html
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = post_send(
        client,
        issue,
        django_capture_on_commit_callbacks,
        when="later",
        date=yesterday.isoformat(),
        time="09:00",
    )
    html = response.content.decode()
    assert "Der Zeitpunkt liegt in der Vergangenheit." in html
    assert "Der Versand wurde nicht gestartet" in html and not Send.objects.exists()


# --- progress ------------------------------------------------------------------------------


def test_send_now_reaches_100_percent(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    response = post_send(client, ready_issue, django_capture_on_commit_callbacks)
    send = Send.objects.get()
    assert response.url == reverse("sending_admin:progress", args=[send.pk])
    status = status_of(client, send)
    assert (status["state"], status["percent"], status["sent"]) == ("done", 100, 3)
    assert status["final"] and status["actions"] == []
    page = client.get(response.url).content.decode()
    assert 'aria-valuenow="100"' in page and 'style="width: 100%"' in page
    assert "Abgeschlossen" in page and "Der Versand hat begonnen." in page
    assert ("sending.requested", "manager") in log_actions(ready_issue)


def test_schedule_then_clock_then_100_percent(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    post_send(
        client,
        ready_issue,
        django_capture_on_commit_callbacks,
        when="later",
        date=tomorrow.isoformat(),
        time="09:30",
    )
    send = Send.objects.get()
    nine_thirty = datetime.datetime.combine(tomorrow, datetime.time(9, 30), tzinfo=BERLIN)
    assert send.scheduled_for == nine_thirty and send.state == "scheduled"
    status = status_of(client, send)
    assert (status["percent"], status["actions"]) == (0, ["cancel"])
    assert status["display"]["scheduled_for"].endswith("09:30")
    with django_capture_on_commit_callbacks(execute=True):
        clock_pass(now=nine_thirty + datetime.timedelta(seconds=30))
    status = status_of(client, send)
    assert (status["state"], status["percent"], status["sent"]) == ("done", 100, 3)


def test_pause_and_resume_from_the_buttons(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    send = started_but_not_sent(ready_issue)
    assert status_of(client, send)["actions"] == ["pause", "cancel"]
    response = control(client, send, "pause", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    status = status_of(client, send)
    assert (status["state"], status["actions"]) == ("paused", ["resume", "cancel"])
    assert status["reason"] == "Von Manager im Admin angehalten." and memory.outbox == []
    control(client, send, "resume", django_capture_on_commit_callbacks)
    status = status_of(client, send)
    assert (status["state"], status["percent"]) == ("done", 100)
    assert {("sending.paused", "manager"), ("sending.resumed", "manager")} <= set(
        log_actions(ready_issue)
    )


def test_a_control_that_no_longer_fits_says_so(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    send = started_but_not_sent(ready_issue)
    response = control(client, send, "resume", django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()
    assert "Das geht nicht mehr: Der Versand ist inzwischen „Wird versendet“." in page


def test_cancel_asks_first(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    send = started_but_not_sent(ready_issue)
    response = control(client, send, "cancel", django_capture_on_commit_callbacks)
    assert "Versand wirklich abbrechen?" in response.content.decode()
    assert Send.objects.get().state == "sending"
    control(client, send, "cancel", django_capture_on_commit_callbacks, confirmed="1")
    status = status_of(client, send)
    assert (status["state"], status["skipped"], status["final"]) == ("cancelled", 4, True)


def uncertain_send(ready_issue, memory, capture):
    memory.script("leser0@example.org", Outcome.UNKNOWN)
    memory.script("leser1@example.org", Outcome.UNKNOWN)
    with capture(execute=True):
        send = actions.schedule_send(ready_issue)
    return send


def test_uncertain_deliveries_are_listed_and_resolved_by_the_buttons(
    ready_issue, audience, memory, manager, client, django_capture_on_commit_callbacks
):
    send = uncertain_send(ready_issue, memory, django_capture_on_commit_callbacks)
    first, second = Delivery.objects.filter(send=send, state="uncertain").order_by("pk")
    page = client.get(reverse("sending_admin:progress", args=[send.pk])).content.decode()
    assert "leser0@example.org" in page and "Als versendet bestätigen" in page
    url = reverse("sending_admin:uncertain", args=[send.pk])
    client.post(url, {"ids": [first.pk], "how": "sent"})
    assert Delivery.objects.get(pk=first.pk).state == "sent"

    asked = client.post(url, {"ids": [second.pk], "how": "resend"})
    assert "Ungewisse Zustellungen erneut senden?" in asked.content.decode()
    assert Delivery.objects.get(pk=second.pk).state == "uncertain"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ids": [second.pk], "how": "resend", "confirmed": "1"})
    assert Delivery.objects.get(pk=second.pk).state == "sent"
    assert memory.recipients().count("leser1@example.org") == 2  # the risk staff accepted
    status = status_of(client, send)
    assert (status["state"], status["uncertain"], status["percent"]) == ("done", 0, 100)


def test_the_status_endpoint_costs_the_same_for_any_size(
    make_issue, newsletter, memory, manager, client, django_capture_on_commit_callbacks
):
    costs = []
    for prefix, count in (("erste", 3), ("weitere", 27)):
        many_subscribers(newsletter, count, prefix)
        issue = make_issue(live=False, subject=f"Ausgabe für {prefix}")
        with django_capture_on_commit_callbacks(execute=True):
            send = actions.schedule_send(issue)
        with CaptureQueriesContext(connection) as queries:
            status_of(client, send)
        costs.append(len(queries))
    assert costs[0] == costs[1]


def test_the_issue_panel_shows_the_latest_send_read_only(
    ready_issue, audience, memory, manager, rf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.schedule_send(ready_issue)
    request = rf.get("/admin/")
    request.user = manager
    panel = SendProgressPanel().bind_to_model(type(ready_issue))
    html = panel.get_bound_panel(instance=ready_issue, request=request, form=None).render_html()
    assert 'aria-valuenow="100"' in html and "Versand ansehen und steuern" in html
    assert "<form" not in html  # the panel sits inside the page's edit form
