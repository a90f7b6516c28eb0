"""The web archive, the management commands, the sending backend switch and the demo."""

import datetime
from email import message_from_string, policy
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import PageLogEntry

from mailings.issues import demo
from mailings.issues.models import NewsletterIssuePage
from mailings.issues.testsend import send_test
from mailings.sending.backends import Outcome
from mailings.sending.models import TransactionalMail
from mailings.subscribers.models import SuppressedAddress, address_hash
from tests.support.sending import MemoryBackend


def test_archive_lists_published_issues_newest_first(make_issue, archive, client):
    make_issue(title="Newsletter 2/2026", slug="n2", planned_send_date=datetime.date(2026, 4, 7))
    make_issue(title="Newsletter 3/2026", slug="n3", planned_send_date=datetime.date(2026, 7, 7))
    make_issue(title="Entwurf 4/2026", slug="n4", live=False)
    html = client.get(archive.url).content.decode()
    assert html.index("Newsletter 3/2026") < html.index("Newsletter 2/2026")
    assert "Entwurf 4/2026" not in html
    assert 'href="/newsletter-archiv/n3/"' in html
    assert client.get("/newsletter-archiv/n3/").status_code == 200


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_render_command_writes_html_text_and_a_whole_message(make_issue):
    issue = make_issue(live=False)
    assert run("newsletter_render", str(issue.pk)).startswith("<!doctype html>")
    text = run("newsletter_render", issue.slug, "--format", "text")
    assert text.startswith("Newsletter 4/2026\n")
    message = message_from_string(
        run("newsletter_render", issue.slug, "--format", "eml"), policy=policy.default
    )
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Neues aus dem Netzwerk" and message["List-Unsubscribe"]


def test_test_command_puts_the_issue_in_the_outbox(make_issue):
    issue = make_issue(live=False)
    assert "2 E-Mails verschickt" in run(
        "newsletter_test", issue.slug, "--to", "a@example.org", "--to", "b@example.org"
    )
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    assert mail.outbox[0].subject == "[TEST] Neues aus dem Netzwerk"
    assert PageLogEntry.objects.filter(page=issue, action="newsletter_issues.test_send").exists()


def test_commands_explain_bad_input_in_german(make_issue):
    issue = make_issue()
    with pytest.raises(CommandError, match="Keine Newsletter-Ausgabe"):
        run("newsletter_render", "gibt-es-nicht")
    with pytest.raises(CommandError, match="keine gültige E-Mail-Adresse"):
        run("newsletter_test", issue.slug, "--to", "kaputt")
    assert mail.outbox == []


@pytest.fixture
def memory_backend():
    MemoryBackend.reset()
    with override_settings(NEWSLETTER_SENDING_BACKEND="memory"):
        yield MemoryBackend
    MemoryBackend.reset()


def test_sending_backend_is_chosen_from_settings_when_sending(make_issue, memory_backend):
    [result] = send_test(make_issue(), ["a@example.org"])
    assert result.accepted
    assert mail.outbox == []
    [message] = memory_backend.outbox
    assert message.recipients == ["a@example.org"]
    assert b"Subject: [TEST] Neues aus dem Netzwerk" in message.raw
    assert message.tags["kind"] == "test"


def test_test_command_reports_each_refusal_and_fails_when_nothing_left(make_issue, memory_backend):
    issue = make_issue(live=False)
    memory_backend.script("a@example.org", Outcome.REJECTED)
    SuppressedAddress.objects.create(email_hash=address_hash("b@example.org"))
    errors = StringIO()
    with pytest.raises(CommandError, match="keine E-Mail verschickt"):
        call_command(
            "newsletter_test",
            issue.slug,
            "--to",
            "a@example.org",
            "--to",
            "b@example.org",
            stdout=StringIO(),
            stderr=errors,
        )
    assert "„a@example.org“ wurde nicht verschickt" in errors.getvalue()
    assert (
        "„b@example.org“ wurde nicht verschickt: Die Adresse steht auf der Sperrliste."
        in errors.getvalue()
    )
    assert memory_backend.outbox == []
    assert (
        not PageLogEntry.objects.filter(page=issue)
        .filter(action="newsletter_issues.test_send")
        .exists()
    )


def test_test_command_sends_to_the_others_when_one_address_is_refused(make_issue, memory_backend):
    issue = make_issue(live=False)
    memory_backend.script("a@example.org", Outcome.RETRY)
    errors = StringIO()
    out = StringIO()
    call_command(
        "newsletter_test",
        issue.slug,
        "--to",
        "a@example.org",
        "--to",
        "b@example.org",
        stdout=out,
        stderr=errors,
    )
    assert "1 E-Mail verschickt" in out.getvalue()
    assert "„a@example.org“ wurde nicht verschickt" in errors.getvalue()
    assert memory_backend.recipients() == ["b@example.org"]
    # The editor was told and sends again if needed: no stale test mail arrives later.
    assert TransactionalMail.objects.get(email="a@example.org").state == "failed"


def test_demo_adds_a_sent_and_a_draft_issue_once(home, blog_index, site_settings):
    demo.seed()
    demo.seed()
    sent, draft = NewsletterIssuePage.objects.order_by("period")
    assert sent.live and sent.sent_at is not None
    assert not draft.live and draft.sent_at is None
    assert run("newsletter_render", draft.slug, "--format", "text")
