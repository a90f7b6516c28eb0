"""Fixtures for the SES feedback tests.

SNS is played by a key and a self-signed certificate made here: messages are signed as SNS
signs them (computed independently of the code under test), and the certificate is served
through a replaced mailings.feedback.remote.fetch, the one door to the outside. SES events are
built in both formats SES publishes: event publishing and identity notifications.
"""

import base64
import datetime
import itertools
import json
import urllib.error

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.core.cache import cache
from django.utils import timezone

from mailings.feedback import remote, sns
from mailings.issues.models import NewsletterArchivePage, NewsletterIssuePage
from mailings.sending.models import Delivery, Send
from mailings.sending.states import DeliveryState, SendState
from mailings.subscribers.models import Newsletter, Subscriber, Subscription

TOPIC_ARN = "arn:aws:sns:eu-central-1:123456789012:partnerpost-ses-events"
CERT_URL = "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0123abcd.pem"
SUBSCRIBE_URL = (
    "https://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription"
    f"&TopicArn={TOPIC_ARN}&Token=2336412f37fb687f5d51e6e2425a8a58"
)
ENDPOINT = "/newsletter/ses-events/"
_ids = itertools.count(1)

# What SNS signs, per message type, in this order (AWS "Verifying the signatures of Amazon SNS
# messages"); written out here again so a wrong list in the code cannot agree with itself.
SIGNED = {
    "Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
    "SubscriptionConfirmation": [
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ],
}


def make_key_and_certificate(common_name="sns.amazonaws.com", valid_days=365):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=400))
        .not_valid_after(now + datetime.timedelta(days=valid_days))
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="session")
def sns_key():
    return make_key_and_certificate()


def sns_timestamp(moment=None):
    moment = moment or timezone.now()
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def sign(message, key, version="1"):
    text = "".join(
        f"{name}\n{message[name]}\n" for name in SIGNED[message["Type"]] if name in message
    )
    algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()  # noqa: S303 (SNS v1)
    signature = key.sign(text.encode(), padding.PKCS1v15(), algorithm)
    return {
        **message,
        "SignatureVersion": version,
        "Signature": base64.b64encode(signature).decode(),
    }


class FakeSNS:
    """Signs like SNS and answers what the endpoint fetches: the certificate for any .pem URL
    (so only the endpoint's own checks can refuse a foreign host) and subscription URLs."""

    def __init__(self, client, key, pem):
        self.client, self.key, self.pem = client, key, pem
        self.fetched = []
        self.down = False

    def fetch(self, url):
        self.fetched.append(url)
        if self.down:
            raise urllib.error.URLError("network unreachable")
        return self.pem if url.endswith(".pem") else b"<ConfirmSubscriptionResponse/>"

    def base(self, kind, **fields):
        return {
            "Type": kind,
            "MessageId": f"sns-{next(_ids):06d}",
            "TopicArn": TOPIC_ARN,
            "Timestamp": sns_timestamp(),
            "SigningCertURL": CERT_URL,
            **fields,
        }

    def notification(self, payload, subject=None, version="1", key=None, **fields):
        message = self.base("Notification", Message=json.dumps(payload), **fields)
        if subject is not None:
            message["Subject"] = subject
        return sign(message, key or self.key, version)

    def subscription_confirmation(self, version="1", **fields):
        fields = {
            "Token": "2336412f37fb687f",
            "SubscribeURL": SUBSCRIBE_URL,
            "Message": "You have chosen to subscribe to the topic.",
            **fields,
        }
        message = self.base("SubscriptionConfirmation", **fields)
        return sign(message, self.key, version)

    def post(self, message, **headers):
        headers.setdefault("HTTP_X_AMZ_SNS_MESSAGE_TYPE", message.get("Type", ""))
        return self.client.post(
            ENDPOINT, data=json.dumps(message), content_type="text/plain; charset=UTF-8", **headers
        )

    def deliver(self, payload, **options):
        """Sign and post one SES event; the endpoint must accept it."""
        response = self.post(self.notification(payload, **options))
        assert response.status_code == 200, response.content
        return response


@pytest.fixture
def fake_sns(client, sns_key, settings, monkeypatch):
    settings.NEWSLETTER_SNS_TOPIC_ARNS = [TOPIC_ARN]
    cache.clear()
    sns.certificate.cache_clear()
    fake = FakeSNS(client, *sns_key)
    monkeypatch.setattr(remote, "fetch", fake.fetch)
    yield fake
    cache.clear()


# --- SES events ------------------------------------------------------------------------------

SECTION_KEYS = {
    "Send": "send",
    "Delivery": "delivery",
    "Bounce": "bounce",
    "Complaint": "complaint",
    "Reject": "reject",
    "Rendering Failure": "failure",
    "DeliveryDelay": "deliveryDelay",
}


def ses_event(kind, recipient, message_id, tags=None, fmt="event", at=None, **details):
    """An SES event as SES publishes it: fmt "event" (configuration-set event publishing,
    with tags) or "notification" (identity notifications, never with tags)."""
    at = sns_timestamp(at)
    mail = {
        "timestamp": at,
        "messageId": message_id,
        "source": "newsletter@netzwerk.example",
        "destination": [recipient],
        "headersTruncated": False,
    }
    if fmt == "event":
        mail["tags"] = {
            "ses:configuration-set": ["partnerpost"],
            **{name: [str(value)] for name, value in (tags or {}).items()},
        }
    section = SECTIONS[kind](recipient, at, **details)
    kind_key = "eventType" if fmt == "event" else "notificationType"
    return {kind_key: kind, "mail": mail, SECTION_KEYS[kind]: section}


def bounce_section(
    recipient,
    at,
    bounce_type="Permanent",
    subtype="General",
    diagnostic="smtp; 550 5.1.1 user unknown",
):
    return {
        "bounceType": bounce_type,
        "bounceSubType": subtype,
        "timestamp": at,
        "feedbackId": "0102-feedback",
        "bouncedRecipients": [
            {
                "emailAddress": recipient,
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": diagnostic,
            }
        ],
    }


def complaint_section(recipient, at, feedback_type="abuse"):
    section = {
        "timestamp": at,
        "feedbackId": "0102-complaint",
        "complaintSubType": None,
        "complainedRecipients": [{"emailAddress": recipient}],
    }
    if feedback_type:
        section["complaintFeedbackType"] = feedback_type
    return section


SECTIONS = {
    "Send": lambda recipient, at: {},
    "Delivery": lambda recipient, at: {
        "timestamp": at,
        "processingTimeMillis": 812,
        "recipients": [recipient],
        "smtpResponse": "250 2.0.0 OK",
        "reportingMTA": "a1-2.smtp-out.amazonses.com",
    },
    "Bounce": bounce_section,
    "Complaint": complaint_section,
    "Reject": lambda recipient, at: {"reason": "Bad content"},
    "Rendering Failure": lambda recipient, at: {
        "errorMessage": "Attribute 'name' is not present",
        "templateName": "issue",
    },
    "DeliveryDelay": lambda recipient, at: {
        "timestamp": at,
        "delayType": "TransientCommunicationFailure",
        "expirationTime": at,
        "reportingMTA": "a1-2.smtp-out.amazonses.com",
        "delayedRecipients": [
            {
                "emailAddress": recipient,
                "status": "4.4.1",
                "diagnosticCode": "smtp; 421 4.4.1 try again later",
            }
        ],
    },
}


# --- Our side: newsletters, a reader, a running send ------------------------------------------


@pytest.fixture
def quarterly(db):
    return Newsletter.objects.create(name="Quartalsnewsletter", slug="quartal", is_default=True)


@pytest.fixture
def ukraine(db):
    return Newsletter.objects.create(name="Partnerschaften Ukraine", slug="ukraine")


@pytest.fixture
def reader(quarterly, ukraine):
    """Subscribed to both newsletters."""
    subscriber = Subscriber.objects.create(email="Leser.In@Example.org")
    for newsletter in (quarterly, ukraine):
        Subscription.objects.create(
            subscriber=subscriber, newsletter=newsletter, status="subscribed"
        )
    return subscriber


def statuses(subscriber):
    return dict(subscriber.subscriptions.values_list("newsletter__slug", "status"))


@pytest.fixture
def make_send(home, quarterly):
    archive = NewsletterArchivePage(title="Newsletter-Archiv", slug="newsletter-archiv")
    home.add_child(instance=archive)
    numbers = itertools.count(1)

    def make(state=SendState.SENDING, **fields):
        number = next(numbers)
        issue = NewsletterIssuePage(
            title=f"Newsletter {number}/2026",
            slug=f"ausgabe-{number}",
            newsletter=quarterly,
            period="2026-Q4",
        )
        archive.add_child(instance=issue)
        return Send.objects.create(
            issue=issue, newsletter=quarterly, state=state, started_at=timezone.now(), **fields
        )

    return make


def deliver_row(send, subscriber, state=DeliveryState.SENT, message_id=None, **fields):
    """A Delivery row as the worker leaves it; message_id None makes one up."""
    if message_id is None and state == DeliveryState.SENT:
        message_id = f"0100019a-ses-{next(_ids):06d}"
    return Delivery.objects.create(
        send=send,
        subscriber=subscriber,
        email=subscriber.email,
        state=state,
        provider_message_id=message_id or "",
        **fields,
    )


def tags_of(delivery):
    return {"send": delivery.send_id, "delivery": delivery.pk}
