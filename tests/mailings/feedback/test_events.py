"""Each SES event type, in both formats SES publishes, recorded as a fact on our row and acting
on the address: hard bounces and complaints stop all further mail at once."""

import datetime

import pytest
from django.utils import timezone

from mailings.feedback.models import FeedbackEvent
from mailings.sending.models import Delivery, MailKind, TransactionalMail
from mailings.sending.states import DeliveryState
from mailings.sending.transactional_build import is_suppressed, suppressed_hashes
from mailings.subscribers.models import (
    ConsentEvent,
    Subscriber,
    Subscription,
    SuppressedAddress,
    address_hash,
)

from .conftest import deliver_row, ses_event, sign, statuses, tags_of

FORMATS = ["event", "notification"]


@pytest.fixture
def send(make_send):
    return make_send()


@pytest.fixture
def delivery(send, reader):
    return deliver_row(send, reader)


def event_for(delivery, kind, fmt="event", **details):
    return ses_event(
        kind,
        delivery.email,
        delivery.provider_message_id,
        tags=tags_of(delivery),
        fmt=fmt,
        **details,
    )


def suppressed(address):
    return SuppressedAddress.objects.filter(email_hash=address_hash(address)).first()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hard_bounce_stops_all_mail_to_the_address(fake_sns, reader, delivery, fmt):
    fake_sns.deliver(event_for(delivery, "Bounce", fmt))
    assert statuses(reader) == {"quartal": "bounced", "ukraine": "bounced"}
    assert suppressed(reader.email).reason == "SES-Bounce Permanent/General"
    event = ConsentEvent.objects.get(action="bounced")
    assert event.subscriber == reader
    assert event.details == {
        "source": "ses",
        "reason": "SES-Bounce Permanent/General",
        "newsletters": ["quartal", "ukraine"],
        "feedback": FeedbackEvent.objects.get().sns_message_id,
        "send": delivery.send_id,
        "delivery": delivery.pk,
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_bounce_is_recorded_as_a_fact_on_the_delivery(fake_sns, delivery, fmt):
    at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=3)
    fake_sns.deliver(event_for(delivery, "Bounce", fmt, at=at, subtype="NoEmail"))
    fact = delivery.feedback_events.get()
    assert (fact.event_type, fact.bounce_type, fact.subtype) == ("bounce", "Permanent", "NoEmail")
    assert fact.diagnostic == "smtp; 550 5.1.1 user unknown"
    assert fact.occurred_at == at
    assert fact.send_id == delivery.send_id
    assert fact.raw["mail"]["messageId"] == delivery.provider_message_id


def test_a_bounce_leaves_an_unsubscribed_newsletter_unsubscribed(fake_sns, reader, delivery):
    Subscription.objects.filter(newsletter__slug="ukraine").update(status="unsubscribed")
    fake_sns.deliver(event_for(delivery, "Bounce"))
    assert statuses(reader) == {"quartal": "bounced", "ukraine": "unsubscribed"}
    assert ConsentEvent.objects.get(action="bounced").details["newsletters"] == ["quartal"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_complaint_unsubscribes_from_every_newsletter(fake_sns, reader, delivery, fmt):
    Subscription.objects.filter(newsletter__slug="ukraine").update(status="unsubscribed")
    fake_sns.deliver(event_for(delivery, "Complaint", fmt))
    assert statuses(reader) == {"quartal": "complained", "ukraine": "complained"}
    assert suppressed(reader.email).reason == "SES-Beschwerde abuse"
    event = ConsentEvent.objects.get(action="complained")
    assert event.details["source"] == "ses"
    assert event.details["newsletters"] == ["quartal", "ukraine"]
    fact = delivery.feedback_events.get()
    assert (fact.event_type, fact.subtype) == ("complaint", "abuse")


def test_a_complaint_without_feedback_type_still_counts(fake_sns, reader, delivery):
    fake_sns.deliver(event_for(delivery, "Complaint", feedback_type=None))
    assert set(statuses(reader).values()) == {"complained"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("kind", "event_type", "subtype", "diagnostic"),
    [
        ("Send", "send", "", ""),
        ("Delivery", "delivery", "", "250 2.0.0 OK"),
        ("Reject", "reject", "", "Bad content"),
        ("Rendering Failure", "rendering_failure", "", "Attribute 'name' is not present"),
        (
            "DeliveryDelay",
            "delivery_delay",
            "TransientCommunicationFailure",
            "smtp; 421 4.4.1 try again later",
        ),
    ],
)
def test_other_events_are_recorded_and_change_no_status(
    fake_sns, reader, delivery, fmt, kind, event_type, subtype, diagnostic
):
    fake_sns.deliver(event_for(delivery, kind, fmt))
    fact = delivery.feedback_events.get()
    assert (fact.event_type, fact.subtype, fact.diagnostic) == (event_type, subtype, diagnostic)
    assert set(statuses(reader).values()) == {"subscribed"}
    assert not SuppressedAddress.objects.exists()
    assert not ConsentEvent.objects.exists()


def soft_bounce(delivery, at):
    return event_for(
        delivery,
        "Bounce",
        bounce_type="Transient",
        subtype="MailboxFull",
        diagnostic="smtp; 452 4.2.2 mailbox full",
        at=at,
    )


def test_soft_bounces_count_as_hard_at_the_limit_across_sends(fake_sns, reader, make_send):
    start = timezone.now() - datetime.timedelta(days=90)
    deliveries = [deliver_row(make_send(), reader) for _ in range(3)]
    for number, delivery in enumerate(deliveries[:2]):
        fake_sns.deliver(soft_bounce(delivery, start + datetime.timedelta(days=30 * number)))
        assert set(statuses(reader).values()) == {"subscribed"}
    fake_sns.deliver(soft_bounce(deliveries[2], start + datetime.timedelta(days=60)))
    assert set(statuses(reader).values()) == {"bounced"}
    assert suppressed(reader.email).reason == "3 Soft-Bounces in Folge (SES)"
    assert ConsentEvent.objects.get(action="bounced").details["send"] == deliveries[2].send_id


def test_a_delivery_in_between_starts_the_count_again(fake_sns, reader, make_send, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    start = timezone.now() - datetime.timedelta(days=90)
    first, second, third = (deliver_row(make_send(), reader) for _ in range(3))
    fake_sns.deliver(soft_bounce(first, start))
    fake_sns.deliver(event_for(second, "Delivery", at=start + datetime.timedelta(days=30)))
    fake_sns.deliver(soft_bounce(third, start + datetime.timedelta(days=60)))
    assert set(statuses(reader).values()) == {"subscribed"}


def test_a_welcome_mail_still_queued_for_a_stopped_address_is_held_back(
    fake_sns, reader, delivery, settings
):
    settings.SUBSCRIBERS_HASH_PEPPER = "pfeffer"  # the hash must match the builder's
    welcome = TransactionalMail.objects.create(
        kind=MailKind.WELCOME, subscriber=reader, email=reader.email
    )
    fake_sns.deliver(event_for(delivery, "Complaint"))
    assert is_suppressed(welcome, suppressed_hashes([welcome]))


def test_an_uncertain_delivery_is_found_by_its_tags(fake_sns, reader, send):
    delivery = deliver_row(send, reader, state=DeliveryState.UNCERTAIN)
    fake_sns.deliver(
        ses_event("Bounce", reader.email, "0100019a-never-seen", tags=tags_of(delivery))
    )
    assert delivery.feedback_events.get().provider_message_id == "0100019a-never-seen"


def test_tags_of_another_send_do_not_match(fake_sns, reader, send):
    delivery = deliver_row(send, reader, state=DeliveryState.UNCERTAIN)
    fake_sns.deliver(
        ses_event(
            "Delivery",
            reader.email,
            "0100019a-x",
            tags={"send": send.pk + 1, "delivery": delivery.pk},
        )
    )
    assert FeedbackEvent.objects.get().delivery is None


@pytest.mark.parametrize("by", ["message id", "tag"])
def test_opt_in_mail_events_land_on_the_transactional_mail(fake_sns, reader, by):
    mail = TransactionalMail.objects.create(
        kind=MailKind.CONFIRMATION,
        subscriber=reader,
        email=reader.email,
        state=DeliveryState.SENT,
        provider_message_id="0100019a-optin" if by == "message id" else "",
    )
    fake_sns.deliver(
        ses_event(
            "Bounce", reader.email, "0100019a-optin", tags={"mail": mail.pk, "kind": mail.kind}
        )
    )
    assert mail.feedback_events.get().event_type == "bounce"
    assert suppressed(reader.email) is not None


def test_an_event_about_mail_we_do_not_know_still_suppresses_the_address(fake_sns, db):
    fake_sns.deliver(
        ses_event("Bounce", "Fremd@Example.org", "0100019a-unknown", fmt="notification")
    )
    fact = FeedbackEvent.objects.get()
    assert (fact.delivery, fact.transactional_mail, fact.send) == (None, None, None)
    assert suppressed("fremd@example.org") is not None
    assert not ConsentEvent.objects.exists()  # no subscriber: no evidence to keep


def test_the_address_is_matched_whatever_its_case(fake_sns, reader, delivery):
    fake_sns.deliver(ses_event("Complaint", "leser.in@example.org", "0100019a-case"))
    assert Subscriber.objects.get().subscriptions.filter(status="complained").count() == 2


def test_opens_clicks_and_console_test_messages_are_ignored(fake_sns, reader, delivery):
    fake_sns.deliver(event_for(delivery, "Send") | {"eventType": "Open", "open": {}})
    fake_sns.deliver({"default": "Hallo"})
    plain = sign(fake_sns.base("Notification", Message="Hallo aus der Konsole"), fake_sns.key)
    assert fake_sns.post(plain).status_code == 200
    assert not FeedbackEvent.objects.exists()
    assert set(statuses(reader).values()) == {"subscribed"}


def test_facts_stay_when_the_delivery_goes(fake_sns, delivery):
    fake_sns.deliver(event_for(delivery, "Delivery"))
    Delivery.objects.filter(pk=delivery.pk).delete()
    assert FeedbackEvent.objects.get().delivery is None


def test_an_oddly_shaped_event_falls_back_to_the_destination(fake_sns, reader, delivery):
    event = event_for(delivery, "Bounce")
    event["bounce"]["bouncedRecipients"] = "nobody"
    event["eventType"] = "Bounce"
    fake_sns.deliver(event)
    assert set(statuses(reader).values()) == {"bounced"}
    assert (
        fake_sns.post(fake_sns.notification({"eventType": ["Bounce"], "mail": {}})).status_code
        == 200
    )
