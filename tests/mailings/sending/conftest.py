"""Fixtures for the sending tests.

SES: fake AWS credentials and region (nothing from the developer's own AWS setup leaks in),
moto in-process with a verified sender, and `SESWire`, which sits where the SES client's HTTP
request leaves: it records every attempt and, when told, answers in SES's place.
"""

import base64
import io
import json

import boto3
import pytest
from botocore.awsrequest import AWSResponse, HeadersDict
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from mailings.sending.backends import OutgoingMessage
from mailings.sending.backends.ses import SESBackend
from tests.mailings.issues.conftest import (  # noqa: F401 -- fixtures for every test here
    archive,
    make_issue,
    newsletter,
    site_settings,
)
from tests.mailings.sending.fixtures import audience, memory, ready_issue  # noqa: F401

SES_REGION = "eu-central-1"
SES_SENDER = "newsletter@netzwerk.example"
# Where an unanswered request of an offline test would go: the discard port, refused at once.
SES_DEAD_END = "http://127.0.0.1:9"
AWS_VARIABLES_FROM_OUTSIDE = (
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_SESV2",
    "AWS_MAX_ATTEMPTS",
    "AWS_RETRY_MODE",
)


def ses_message(recipient="lea.brandt@example.org", **overrides):
    raw = (
        f"From: =?utf-8?q?Netzwerkb=C3=BCro?= <{SES_SENDER}>\r\nTo: {recipient}\r\n"
        "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_Hannover?=\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Liebe Partnerst=C3=A4dte,\r\nbis bald.\r\n"
    ).encode("ascii")
    values = {
        "sender": SES_SENDER,
        "recipients": [recipient],
        "raw": raw,
        "message_id": "<1@netzwerk.example>",
        "subject": "Grüße aus Hannover",
        "tags": {"send": "12", "delivery": "345"},
    }
    return OutgoingMessage(**{**values, **overrides})


class RawBody(io.BytesIO):
    def stream(self, **kwargs):
        yield self.read()


class SESWire:
    """Hooks `before-send` of one SES client. `answer` or `fail` replace SES for every
    following attempt; without them the request goes on (to moto, or to SES_DEAD_END)."""

    def __init__(self, client):
        self.requests, self.scripted = [], None
        client.meta.events.register_first("before-send.sesv2", self.on_send)

    def on_send(self, request, **kwargs):
        self.requests.append(request)
        if isinstance(self.scripted, Exception):
            raise self.scripted
        return self.scripted and self.scripted(request)

    def answer(self, status, code, message):
        body = json.dumps({"message": message}).encode()
        headers = HeadersDict({"x-amzn-ErrorType": f"{code}:", "Content-Type": "application/json"})
        self.scripted = lambda request: AWSResponse(request.url, status, headers, RawBody(body))

    def fail(self, error):
        self.scripted = error

    def sent(self, operation="SendEmail"):
        """Bodies of the requests for `operation`, as SES would have read them."""
        path = OPERATION_PATHS[operation]
        return [json.loads(r.body) for r in self.requests if r.url.endswith(path)]


OPERATION_PATHS = {"SendEmail": "/v2/email/outbound-emails", "GetAccount": "/v2/email/account"}


def raw_data(body):
    return base64.b64decode(body["Content"]["Raw"]["Data"])


@pytest.fixture
def aws_environment(monkeypatch, tmp_path):
    for name in AWS_VARIABLES_FROM_OUTSIDE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", SES_REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return monkeypatch


@pytest.fixture
def moto_ses(aws_environment):
    """moto's SES with the sender verified; yields the list of mail it accepted."""
    with mock_aws():
        boto3.client("sesv2").create_email_identity(EmailIdentity=SES_SENDER)
        yield ses_backends[DEFAULT_ACCOUNT_ID][SES_REGION].sent_messages


@pytest.fixture
def ses_backend(moto_ses, settings):
    settings.NEWSLETTER_SES_CONFIGURATION_SET = ""
    backend = SESBackend()
    yield backend
    backend.close()


@pytest.fixture
def ses_wire(ses_backend):
    return SESWire(ses_backend.client)


@pytest.fixture
def offline_ses_backend(aws_environment, settings):
    """An SES backend without moto, for scripted answers; nothing can reach AWS. The
    environment asks botocore for retries, which the backend must not make."""
    aws_environment.setenv("AWS_ENDPOINT_URL_SESV2", SES_DEAD_END)
    aws_environment.setenv("AWS_RETRY_MODE", "standard")
    aws_environment.setenv("AWS_MAX_ATTEMPTS", "2")
    settings.NEWSLETTER_SES_CONFIGURATION_SET = ""
    backend = SESBackend()
    yield backend
    backend.close()


@pytest.fixture
def offline_ses_wire(offline_ses_backend):
    return SESWire(offline_ses_backend.client)
