"""Readers see when an issue went out: the date comes from its send, not from the page."""

import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def test_archive_and_issue_page_show_the_send_date(
    client, make_issue, archive, django_assert_max_num_queries
):
    sent_at = datetime.datetime(2026, 7, 3, 9, 30, tzinfo=BERLIN)
    sent = make_issue(
        slug="q3",
        title="Newsletter 3/2026",
        sent_at=sent_at,
        planned_send_date=datetime.date(2026, 7, 1),
    )
    make_issue(slug="q4", title="Newsletter 4/2026", planned_send_date=datetime.date(2026, 10, 6))
    page = client.get(archive.url).content.decode()
    assert 'versandt am <time datetime="2026-07-03">3. Juli 2026</time>' in page
    assert '<time datetime="2026-10-06">6. Oktober 2026</time>' in page
    assert "versandt am" in client.get(sent.url).content.decode()


def test_the_archive_asks_for_send_dates_in_one_query(client, make_issue, archive):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(archive.url)
        return len(captured)

    sent_at = datetime.datetime(2026, 7, 3, 9, 30, tzinfo=BERLIN)
    make_issue(slug="eins", sent_at=sent_at)
    queries()  # warm the caches of site and settings lookups
    few = queries()
    for n in range(4):
        make_issue(slug=f"mehr-{n}", sent_at=sent_at)
    assert queries() == few
