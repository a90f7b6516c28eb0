"""What `newsletter_status` and the progress panel say about a running send."""

import datetime

import pytest
from django.utils import timezone

from mailings.sending.models import Delivery, Send
from mailings.sending.status import send_status

pytestmark = pytest.mark.django_db


def running_send(issue, newsletter, started_seconds_ago, sent, queued):
    now = timezone.now()
    send = Send.objects.create(
        issue=issue,
        newsletter=newsletter,
        state="sending",
        started_at=now - datetime.timedelta(seconds=started_seconds_ago),
        total=sent + queued,
    )
    sent_at = now - datetime.timedelta(seconds=started_seconds_ago / 2)
    rows = [
        Delivery(send=send, email=f"s{n}@example.org", state="sent", sent_at=sent_at)
        for n in range(sent)
    ] + [Delivery(send=send, email=f"q{n}@example.org") for n in range(queued)]
    Delivery.objects.bulk_create(rows)
    return send, now


def test_a_young_send_shows_its_real_rate_and_eta(ready_issue, newsletter):
    """100 mails in the first 10 s are 10/s, not 100 per minute: the ETA for 900 more is 90 s."""
    send, now = running_send(ready_issue, newsletter, started_seconds_ago=10, sent=100, queued=900)

    status = send_status(send.pk, now=now)

    assert status["rate_per_s"] == 10.0
    assert status["eta_s"] == 90


def test_an_older_send_averages_over_the_last_minute(ready_issue, newsletter):
    send, now = running_send(ready_issue, newsletter, started_seconds_ago=100, sent=600, queued=60)
    earlier = Delivery.objects.filter(send=send, state="sent").values_list("pk", flat=True)[:300]
    Delivery.objects.filter(pk__in=list(earlier)).update(
        sent_at=now - datetime.timedelta(seconds=90)
    )

    status = send_status(send.pk, now=now)

    assert status["rate_per_s"] == 5.0
    assert status["eta_s"] == 12
