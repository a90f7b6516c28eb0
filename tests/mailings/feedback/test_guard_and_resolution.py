"""What SES saw settles deliveries a killed worker left uncertain; a send whose complaint rate
climbs tells staff and then pauses itself."""

import datetime

import pytest
from django.utils import timezone

from mailings.feedback.resolution import settle_uncertain
from mailings.sending.claims import recover_expired_leases
from mailings.sending.models import Delivery, MailKind, Send, TransactionalMail
from mailings.sending.states import DeliveryState, SendState

from .conftest import deliver_row, ses_event, tags_of


@pytest.fixture
def send(make_send):
    return make_send()


@pytest.mark.parametrize("kind", ["Send", "Delivery"])
def test_an_event_settles_an_uncertain_delivery_as_sent(fake_sns, reader, send, kind):
    delivery = deliver_row(send, reader, state=DeliveryState.UNCERTAIN)
    accepted_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=2)
    fake_sns.deliver(
        ses_event(kind, reader.email, "0100019a-accepted", tags=tags_of(delivery), at=accepted_at)
    )
    delivery.refresh_from_db()
    assert delivery.state == "sent"
    assert delivery.provider_message_id == "0100019a-accepted"
    assert delivery.sent_at == accepted_at


def test_a_reject_settles_an_uncertain_delivery_as_failed(fake_sns, reader, send):
    delivery = deliver_row(send, reader, state=DeliveryState.UNCERTAIN)
    fake_sns.deliver(ses_event("Reject", reader.email, "0100019a-virus", tags=tags_of(delivery)))
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_error) == ("failed", "SES: Abgewiesen Bad content")


def test_a_delivery_a_live_worker_holds_is_left_alone(fake_sns, reader, send):
    delivery = deliver_row(send, reader, state=DeliveryState.SENDING)
    fake_sns.deliver(ses_event("Send", reader.email, "0100019a-early", tags=tags_of(delivery)))
    delivery.refresh_from_db()
    assert (delivery.state, delivery.provider_message_id) == ("sending", "")


def test_events_that_came_before_the_lease_ran_out_settle_it_on_the_next_clock_pass(
    fake_sns, reader, send
):
    """The kill test's case: SES's Send and Delivery events arrive within seconds, the dead
    worker's row turns uncertain only when its lease expires."""
    now = timezone.now()
    delivery = deliver_row(
        send, reader, state=DeliveryState.SENDING, lease_until=now - datetime.timedelta(seconds=1)
    )
    for kind in ("Send", "Delivery"):
        fake_sns.deliver(ses_event(kind, reader.email, "0100019a-killed", tags=tags_of(delivery)))
    assert recover_expired_leases(now) == (0, 1)
    assert settle_uncertain(now) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.provider_message_id) == ("sent", "0100019a-killed")
    assert Delivery.objects.filter(state=DeliveryState.UNCERTAIN).count() == 0


def test_the_clock_pass_settles_uncertain_opt_in_mail_too(fake_sns, reader):
    mail = TransactionalMail.objects.create(
        kind=MailKind.CONFIRMATION,
        subscriber=reader,
        email=reader.email,
        state=DeliveryState.SENDING,
    )
    fake_sns.deliver(
        ses_event(
            "Delivery", reader.email, "0100019a-optin", tags={"mail": mail.pk, "kind": mail.kind}
        )
    )
    TransactionalMail.objects.filter(pk=mail.pk).update(state=DeliveryState.UNCERTAIN)
    assert settle_uncertain(timezone.now()) == 1
    mail.refresh_from_db()
    assert (mail.state, mail.provider_message_id) == ("sent", "0100019a-optin")


def test_the_clock_pass_leaves_uncertain_rows_without_events(reader, send):
    deliver_row(send, reader, state=DeliveryState.UNCERTAIN)
    assert settle_uncertain(timezone.now()) == 0


# --- complaint rate ------------------------------------------------------------------------


@pytest.fixture
def big_send(send):
    """1,000 deliveries SES accepted."""
    Delivery.objects.bulk_create(
        Delivery(
            send=send,
            email=f"leser{n}@example.org",
            state=DeliveryState.SENT,
            provider_message_id=f"0100019a-big-{n}",
        )
        for n in range(1000)
    )
    return send


def complain(fake_sns, number, send):
    delivery = Delivery.objects.get(send=send, email=f"leser{number}@example.org")
    fake_sns.deliver(
        ses_event("Complaint", delivery.email, delivery.provider_message_id, tags=tags_of(delivery))
    )


@pytest.fixture
def staff(settings, mailoutbox):
    settings.NEWSLETTER_STAFF_EMAILS = ["redaktion@netzwerk.example"]
    return mailoutbox


def subjects(outbox):
    return [message.subject for message in outbox]


def test_passing_a_tenth_of_a_percent_tells_staff_once(
    fake_sns, big_send, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complain(fake_sns, 1, big_send)  # 0.1 %: not passed yet
        assert staff == []
        complain(fake_sns, 2, big_send)  # 0.2 %
        complain(fake_sns, 2, big_send)  # the same delivery again: still 0.2 %
    assert subjects(staff) == ["Beschwerdequote auffällig: Newsletter 1/2026"]
    assert Send.objects.get().state == SendState.SENDING


def test_three_tenths_of_a_percent_pause_the_send(
    fake_sns, big_send, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(1, 4):
            complain(fake_sns, number, big_send)
        complain(fake_sns, 4, big_send)  # paused already: no second pause, no second mail
    paused = Send.objects.get()
    assert paused.state == SendState.PAUSED
    assert paused.state_reason == (
        "Beschwerdequote 0,30 % erreicht die Grenze von 0,30 %: Versand automatisch angehalten."
    )
    assert subjects(staff) == [
        "Beschwerdequote auffällig: Newsletter 1/2026",
        "Versand angehalten: Newsletter 1/2026",
    ]


def test_a_finished_send_is_not_paused_by_late_complaints(fake_sns, big_send, staff):
    Send.objects.filter(pk=big_send.pk).update(state=SendState.DONE)
    for number in range(1, 6):
        complain(fake_sns, number, big_send)
    assert Send.objects.get().state == SendState.DONE
    assert staff == []
