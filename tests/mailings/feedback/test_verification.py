"""The endpoint believes only intact, recent SNS messages of our topic: everything else is
refused with 403 and changes nothing."""

import datetime
import json
import logging

import pytest

from mailings.feedback import sns
from mailings.feedback.models import FeedbackEvent
from mailings.subscribers.models import ConsentEvent, SuppressedAddress

from .conftest import (
    CERT_URL,
    ENDPOINT,
    SUBSCRIBE_URL,
    make_key_and_certificate,
    ses_event,
    sign,
    sns_timestamp,
    statuses,
)


@pytest.fixture
def bounce(reader):
    return ses_event("Bounce", reader.email, "0100019a-ses-bounce")


def nothing_changed(reader):
    assert FeedbackEvent.objects.count() == 0
    assert SuppressedAddress.objects.count() == 0
    assert ConsentEvent.objects.count() == 0
    assert set(statuses(reader).values()) == {"subscribed"}


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("subject", ["Amazon SES Email Event Notification", None])
def test_signed_notifications_are_accepted_with_and_without_subject(
    fake_sns, reader, bounce, version, subject
):
    response = fake_sns.post(fake_sns.notification(bounce, subject=subject, version=version))
    assert response.status_code == 200
    assert FeedbackEvent.objects.get().event_type == "bounce"
    assert set(statuses(reader).values()) == {"bounced"}


@pytest.mark.parametrize("version", ["1", "2"])
def test_a_subscription_confirmation_visits_the_subscribe_url(fake_sns, version):
    response = fake_sns.post(fake_sns.subscription_confirmation(version=version))
    assert response.status_code == 200
    assert fake_sns.fetched == [CERT_URL, SUBSCRIBE_URL]


def test_a_subscribe_url_off_sns_is_not_visited(fake_sns):
    elsewhere = "https://sns.eu-central-1.amazonaws.com.attacker.example/?Action=Confirm"
    response = fake_sns.post(fake_sns.subscription_confirmation(SubscribeURL=elsewhere))
    assert response.status_code == 403
    assert elsewhere not in fake_sns.fetched


def forged(fake_sns, bounce):
    message = fake_sns.notification(bounce)
    changed = json.loads(message["Message"])
    changed["bounce"]["bouncedRecipients"][0]["emailAddress"] = "someone.else@example.org"
    return {**message, "Message": json.dumps(changed)}


def signed_by_another_key(fake_sns, bounce):
    other_key, _pem = make_key_and_certificate()
    return fake_sns.notification(bounce, key=other_key)


def unsigned(fake_sns, bounce):
    message = fake_sns.notification(bounce)
    del message["Signature"]
    return message


def with_cert_url(url):
    return lambda fake_sns, bounce: fake_sns.notification(bounce, SigningCertURL=url)


def v1_signature_claimed_as_v2(fake_sns, bounce):
    return {**fake_sns.notification(bounce, version="1"), "SignatureVersion": "2"}


def stale(fake_sns, bounce):
    moment = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1, minutes=1)
    return sign({**fake_sns.notification(bounce), "Timestamp": sns_timestamp(moment)}, fake_sns.key)


def from_the_future(fake_sns, bounce):
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    return sign({**fake_sns.notification(bounce), "Timestamp": sns_timestamp(moment)}, fake_sns.key)


def other_topic(fake_sns, bounce):
    return fake_sns.notification(bounce, TopicArn="arn:aws:sns:eu-central-1:999999999999:x")


REFUSALS = {
    "forged": forged,
    "signed by another key": signed_by_another_key,
    "unsigned": unsigned,
    "certificate on another host": with_cert_url("https://attacker.example/sns.pem"),
    "host that only starts like SNS": with_cert_url(
        "https://sns.eu-central-1.amazonaws.com.attacker.example/cert.pem"
    ),
    "user part before the host": with_cert_url(
        "https://sns.eu-central-1.amazonaws.com@attacker.example/cert.pem"
    ),
    "certificate over http": with_cert_url(
        "http://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0123abcd.pem"
    ),
    "certificate not a .pem": with_cert_url(
        "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0123abcd.txt"
    ),
    "unknown signature version": lambda fake_sns, bounce: {
        **fake_sns.notification(bounce),
        "SignatureVersion": "3",
    },
    "SHA1 signature announced as SHA256": v1_signature_claimed_as_v2,
    "topic not ours": other_topic,
    "stale timestamp": stale,
    "timestamp in the future": from_the_future,
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refused_messages_get_403_and_change_nothing(fake_sns, reader, bounce, case):
    message = REFUSALS[case](fake_sns, bounce)
    response = fake_sns.post(message)
    assert response.status_code == 403
    nothing_changed(reader)
    assert set(fake_sns.fetched) <= {CERT_URL}  # no foreign host was ever asked


def test_an_empty_topic_list_refuses_everything_and_says_why(
    fake_sns, reader, bounce, settings, caplog
):
    settings.NEWSLETTER_SNS_TOPIC_ARNS = []
    with caplog.at_level(logging.WARNING, logger="mailings.feedback"):
        response = fake_sns.post(fake_sns.notification(bounce))
    assert response.status_code == 403
    nothing_changed(reader)
    assert "NEWSLETTER_SNS_TOPIC_ARNS ist leer" in caplog.text


def test_a_message_type_header_that_contradicts_the_body_is_refused(fake_sns, reader, bounce):
    message = fake_sns.notification(bounce)
    response = fake_sns.post(message, HTTP_X_AMZ_SNS_MESSAGE_TYPE="SubscriptionConfirmation")
    assert response.status_code == 403
    nothing_changed(reader)


def test_junk_and_get_requests_change_nothing(fake_sns, client, reader):
    assert client.post(ENDPOINT, data="not json", content_type="text/plain").status_code == 403
    assert client.post(ENDPOINT, data="[1, 2]", content_type="text/plain").status_code == 403
    assert client.get(ENDPOINT).status_code == 405
    nothing_changed(reader)


def test_a_redelivered_message_changes_nothing(fake_sns, reader, bounce):
    message = fake_sns.notification(bounce)
    answers = [fake_sns.post(message).status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    assert FeedbackEvent.objects.count() == 1
    assert ConsentEvent.objects.filter(action="bounced").count() == 1
    assert SuppressedAddress.objects.count() == 1


def test_the_certificate_is_fetched_once_and_then_cached(fake_sns, reader):
    for number in range(3):
        fake_sns.deliver(ses_event("Delivery", reader.email, f"0100019a-ses-{number}"))
        sns.certificate.cache_clear()  # as if each came to another gunicorn worker
    assert fake_sns.fetched == [CERT_URL]


def test_an_unreachable_certificate_asks_sns_to_try_again(fake_sns, reader, bounce):
    fake_sns.down = True
    response = fake_sns.post(fake_sns.notification(bounce))
    assert response.status_code == 503  # SNS retries 5xx; a 403 would lose the bounce
    nothing_changed(reader)
    fake_sns.down = False
    assert fake_sns.post(fake_sns.notification(bounce)).status_code == 200


def test_an_expired_certificate_is_refused(fake_sns, reader, bounce):
    fake_sns.key, fake_sns.pem = make_key_and_certificate(valid_days=-1)
    assert fake_sns.post(fake_sns.notification(bounce)).status_code == 403
    nothing_changed(reader)


def test_odd_shapes_are_refused_without_an_error(fake_sns, reader):
    for body in ({"Type": ["Notification"]}, {"Type": "Notification", "Signature": 1}):
        response = fake_sns.post(body, HTTP_X_AMZ_SNS_MESSAGE_TYPE="Notification")
        assert response.status_code == 403
    no_such_day = sign(
        {**fake_sns.notification({}), "Timestamp": "2026-13-45T10:00:00.000Z"}, fake_sns.key
    )
    assert fake_sns.post(no_such_day).status_code == 403
    nothing_changed(reader)
