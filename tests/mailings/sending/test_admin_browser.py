"""A real Chromium: log in, open the issue, schedule a send, watch the bar reach 100 %.
Along the way the recipient count follows the ticked topics, and axe-core finds no serious
or critical WCAG 2 A/AA violation on the dialog and the progress page.

The live server runs in another thread. The clock runs in a third one (as newsletter_clock
would in its own process) and starts the send; with the ImmediateBackend its workers run right
there, through a backend that takes a moment per message, so the page has something to watch.
Screenshots of the dialog and the progress page go to docs/img/ for docs/newsletter.md.
"""

import datetime
import threading
import zoneinfo
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.signals import connection_created

from mailings.sending.clock import clock_pass
from mailings.sending.models import Send
from mailings.subscribers.models import Subscriber, Subscription
from tests import factories, tools

RECIPIENTS = 120  # above 100: the dialog asks for the typed count
YOUTH_READERS = 20
SECONDS_PER_MESSAGE = 0.05  # about six seconds in all
IMAGES = Path(__file__).resolve().parents[3] / "docs" / "img"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
BAR = "[role=progressbar]"


def settled(page):
    """Wait for CSS transitions (Wagtail's messages fade in, the bar glides)."""
    page.wait_for_function(
        "document.getAnimations().every(a => !(a instanceof CSSTransition)"
        " || a.playState !== 'running')",
        timeout=5_000,
    )


def serious_axe_violations(page):
    settled(page)  # judge colours once they have settled
    page.add_script_tag(path=str(tools.node_package_path("axe-core", "4.11.0", "axe.min.js")))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # German date and time inputs, and a window tall enough for the screenshots.
    return {**browser_context_args, "locale": "de-DE", "viewport": {"width": 1280, "height": 1600}}


@pytest.fixture
def paced_sending(settings):
    settings.NEWSLETTER_SENDING_BACKEND = "tests.support.paced_sending.PacedMemoryBackend"
    settings.PACED_SENDING_SECONDS = SECONDS_PER_MESSAGE
    settings.NEWSLETTER_SEND_RATE = None
    settings.NEWSLETTER_STAFF_EMAILS = ["redaktion@netzwerk.example"]
    from tests.support.sending import MemoryBackend

    MemoryBackend.reset()
    yield MemoryBackend
    MemoryBackend.reset()


@pytest.fixture
def readers(newsletter):
    """RECIPIENTS subscribed readers; the first YOUTH_READERS chose the topic youth."""
    people = Subscriber.objects.bulk_create(
        Subscriber(email=f"leser{n}@example.org") for n in range(RECIPIENTS)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=person, newsletter=newsletter, status="subscribed")
        for person in people
    )
    youth = factories.TopicFactory(name="Jugend", slug="jugend")
    youth.interested_subscribers.add(*people[:YOUTH_READERS])
    factories.TopicFactory(name="Digitalisierung", slug="digitalisierung")


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@netzwerk.example", "geheim")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "geheim")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def open_send_dialog(page, live_server, issue):
    page.goto(f"{live_server.url}/admin/pages/{issue.pk}/edit/")
    page.get_by_role("button", name="Aktionen", exact=True).click()
    page.get_by_role("link", name="Versenden …").click()
    page.wait_for_url(f"**/admin/newsletter-ausgaben/{issue.pk}/versenden/")


def count_follows_the_audience(page):
    """Ticking a topic updates the count from the server, without reloading the page."""
    count = page.locator("[data-pp-send-dialog-target=count]")
    confirmation = page.get_by_label("Zur Bestätigung: Anzahl der Empfänger/innen")
    page.get_by_label("Jugend (20)").check()
    page.wait_for_function(
        "document.querySelector('[data-pp-send-dialog-target=count]')"
        f".textContent === '{YOUTH_READERS}'"
    )
    assert not confirmation.is_visible()  # 20 need no typed confirmation
    page.get_by_label("Jugend (20)").uncheck()
    page.wait_for_function(
        "document.querySelector('[data-pp-send-dialog-target=count]')"
        f".textContent === '{RECIPIENTS}'"
    )
    assert confirmation.is_visible() and count.inner_text() == str(RECIPIENTS)


def schedule_for_tomorrow(page):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    page.get_by_label("Zu einem späteren Zeitpunkt versenden").check()
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.get_by_label("Uhrzeit (Berlin)").fill("09:00")
    page.get_by_label("Zur Bestätigung: Anzahl der Empfänger/innen").fill(str(RECIPIENTS))
    return datetime.datetime.combine(tomorrow, datetime.time(9), tzinfo=BERLIN)


def read_uncommitted(connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


@pytest.fixture
def readers_take_no_table_locks():
    """SQLite's in-memory test database is one shared cache: a reader there holds a lock on
    each table it reads, and a writer in another connection then fails at once with
    "database table is locked" (no busy timeout applies). The live server reads through the
    test's connection while the clock's thread writes through its own (reopened after every
    batch): let every connection read uncommitted rows, as separate processes on a WAL file
    (the real setup) effectively do. PostgreSQL needs none of this."""
    read_uncommitted(connection)
    connection_created.connect(read_uncommitted)
    yield
    connection_created.disconnect(read_uncommitted)


def run_clock_in_background(moment):
    def tick():
        try:
            clock_pass(now=moment + datetime.timedelta(seconds=30))
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    return thread


def watch_the_bar(page):
    """Remember every value the bar shows and mark the document: a reload would lose both."""
    page.evaluate("""() => {
        window.ppSeen = [];
        const bar = document.querySelector('[role=progressbar]');
        new MutationObserver(() => window.ppSeen.push(Number(bar.getAttribute('aria-valuenow'))))
            .observe(bar, {attributes: true, attributeFilter: ['aria-valuenow']});
    }""")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_schedule_a_send_and_watch_the_bar_reach_100_percent(
    live_server,
    page,
    django_user_model,
    make_issue,
    readers,
    paced_sending,
    readers_take_no_table_locks,
):
    issue = make_issue(
        ("text", {"heading": "Hallo", "body": "<p>Neues</p>", "channel": "both"}), live=False
    )
    IMAGES.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, django_user_model)
    open_send_dialog(page, live_server, issue)
    assert page.locator("[data-pp-send-dialog-target=count]").inner_text() == str(RECIPIENTS)
    assert serious_axe_violations(page) == []
    count_follows_the_audience(page)
    moment = schedule_for_tomorrow(page)
    page.screenshot(path=str(IMAGES / "send-dialog.png"), full_page=True)
    page.get_by_role("button", name="Versand bestätigen").click()
    page.wait_for_url("**/admin/newsletter-versand/*/")
    assert "Geplant" in page.locator("h2", has_text="Status").inner_text()
    assert serious_axe_violations(page) == []
    progress_url = page.url
    page.get_by_role("button", name="Abbrechen …").click()  # asks first, on a page of its own
    page.get_by_role("heading", name="Versand wirklich abbrechen?").wait_for()
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="Nein, zurück").click()
    page.wait_for_url(progress_url)

    watch_the_bar(page)
    clock = run_clock_in_background(moment)
    page.wait_for_function(
        f"Number(document.querySelector('{BAR}').getAttribute('aria-valuenow')) >= 20",
        timeout=20_000,
    )
    settled(page)
    page.screenshot(path=str(IMAGES / "send-progress.png"), full_page=True)
    page.wait_for_function(
        f"document.querySelector('{BAR}').getAttribute('aria-valuenow') === '100'", timeout=30_000
    )
    clock.join(timeout=30)

    seen = page.evaluate("window.ppSeen")
    assert any(0 < value < 100 for value in seen) and seen[-1] == 100  # it moved, no reload
    assert page.locator("[data-key=state_label]").first.inner_text() == "Abgeschlossen"
    assert page.locator("td[data-key=sent]").inner_text() == str(RECIPIENTS)
    assert serious_axe_violations(page) == []
    assert Send.objects.get().state == "done" and len(paced_sending.outbox) == RECIPIENTS
