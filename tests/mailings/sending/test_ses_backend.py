"""The Amazon SES v2 backend: against moto (what arrives, what goes on the wire) and against
scripted answers (what each SES error and network failure means for a delivery, and that
nothing is ever attempted twice behind the worker's back)."""

import logging
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from botocore.stub import Stubber

from mailings.sending.backends import Outcome, Quota, get_backend
from mailings.sending.backends.ses import STOP_CODES, SESBackend, error_code

from .conftest import SES_DEAD_END, SES_REGION, SES_SENDER, SESWire, raw_data, ses_message

# --- accepted mail (moto) -----------------------------------------------------------------


def test_accepted_message_carries_the_provider_id_and_arrives_unchanged(ses_backend, moto_ses):
    message = ses_message()
    [result] = ses_backend.send_messages([message])
    assert result.outcome == Outcome.ACCEPTED and not result.error
    [mail] = moto_ses
    assert result.provider_id == mail.id
    assert mail.raw_data.encode("ascii") == message.raw
    assert mail.source == SES_SENDER
    assert "lea.brandt@example.org" in mail.destinations


def test_one_result_per_message_in_order(ses_backend, moto_ses):
    messages = [ses_message(f"leser{number}@example.org") for number in range(3)]
    messages.insert(1, ses_message(recipients=[]))
    results = ses_backend.send_messages(messages)
    assert [r.outcome for r in results] == [
        Outcome.ACCEPTED,
        Outcome.REJECTED,
        Outcome.ACCEPTED,
        Outcome.ACCEPTED,
    ]
    assert [r.provider_id for r in results if r.accepted] == [mail.id for mail in moto_ses]


def test_configuration_set_and_sanitised_tags_go_on_the_wire(moto_ses, settings):
    settings.NEWSLETTER_SES_CONFIGURATION_SET = "partnerpost-ereignisse"
    backend = SESBackend()
    wire = SESWire(backend.client)
    message = ses_message(
        tags={"send": 12, "delivery": 345, "kampagne/herbst 2026": "städte@netzwerk.example"}
    )
    [result] = backend.send_messages([message])
    [body] = wire.sent()
    assert result.accepted
    assert body["ConfigurationSetName"] == "partnerpost-ereignisse"
    assert body["EmailTags"] == [
        {"Name": "send", "Value": "12"},
        {"Name": "delivery", "Value": "345"},
        {"Name": "kampagne_herbst_2026", "Value": "st_dte_netzwerk_example"},
    ]
    assert body["FromEmailAddress"] == SES_SENDER
    assert body["Destination"] == {"ToAddresses": ["lea.brandt@example.org"]}
    assert raw_data(body) == message.raw


def test_without_configuration_set_and_tags_neither_is_sent(ses_backend, ses_wire, moto_ses):
    [result] = ses_backend.send_messages([ses_message(tags={})])
    [body] = ses_wire.sent()
    assert result.accepted and len(moto_ses) == 1
    assert "ConfigurationSetName" not in body
    assert "EmailTags" not in body


def test_threads_share_one_backend(ses_backend, moto_ses):
    addresses = [f"leser{number}@example.org" for number in range(24)]
    with ThreadPoolExecutor(8) as pool:
        results = list(
            pool.map(lambda a: ses_backend.send_messages([ses_message(a)])[0], addresses)
        )
    assert all(result.accepted for result in results)
    assert sorted(r.provider_id for r in results) == sorted(mail.id for mail in moto_ses)
    assert len({r.provider_id for r in results}) == 24


def test_backend_sends_again_after_close(ses_backend, moto_ses):
    ses_backend.send_messages([ses_message("erste@example.org")])
    ses_backend.close()
    [result] = ses_backend.send_messages([ses_message("zweite@example.org")])
    assert result.accepted and len(moto_ses) == 2


# --- what SES's errors mean (Stubber) -----------------------------------------------------

SES_ERRORS = [
    # code, HTTP status, message -> outcome, throttled, machine code
    (
        "TooManyRequestsException",
        429,
        "Maximum sending rate exceeded.",
        Outcome.RETRY,
        True,
        "throttled",
    ),
    ("Throttling", 400, "Rate exceeded", Outcome.RETRY, True, "throttled"),
    ("ServiceUnavailable", 503, "Service Unavailable", Outcome.RETRY, False, "unavailable"),
    ("InternalFailure", 500, "Internal error", Outcome.RETRY, False, "unavailable"),
    ("MessageRejected", 400, "Email address is not verified.", Outcome.REJECTED, False, "rejected"),
    ("BadRequestException", 400, "Invalid address", Outcome.REJECTED, False, "rejected"),
    (
        "NotFoundException",
        404,
        "Configuration set does not exist.",
        Outcome.REJECTED,
        False,
        "config",
    ),
    (
        "MailFromDomainNotVerifiedException",
        400,
        "MAIL FROM domain is not verified.",
        Outcome.REJECTED,
        False,
        "config",
    ),
    (
        "AccessDeniedException",
        403,
        "Not authorized to perform ses:SendEmail",
        Outcome.REJECTED,
        False,
        "config",
    ),
    ("AccountSuspendedException", 400, "Account suspended", Outcome.REJECTED, False, "paused"),
    ("SendingPausedException", 400, "Sending paused", Outcome.REJECTED, False, "paused"),
    (
        "LimitExceededException",
        400,
        "Daily message quota exceeded.",
        Outcome.REJECTED,
        False,
        "quota",
    ),
    # SES v1 style: the daily quota as a throttle; waiting minutes would not help.
    ("Throttling", 400, "Daily message quota exceeded.", Outcome.REJECTED, False, "quota"),
]


@pytest.mark.parametrize(
    ("code", "status", "text", "outcome", "throttled", "machine_code"), SES_ERRORS
)
def test_each_ses_error_means_one_outcome(
    offline_ses_backend, code, status, text, outcome, throttled, machine_code
):
    with Stubber(offline_ses_backend.client) as stubber:
        stubber.add_client_error(
            "send_email", service_error_code=code, service_message=text, http_status_code=status
        )
        [result] = offline_ses_backend.send_messages([ses_message()])
    assert (result.outcome, result.throttled) == (outcome, throttled)
    assert result.error == f"{machine_code}: {code}: {text}"
    assert error_code(result.error) == machine_code
    assert SESBackend.stops_sending(result) == (machine_code in STOP_CODES)


# --- the real retry loop of botocore: exactly one HTTP attempt ----------------------------


@pytest.mark.parametrize(
    ("status", "code", "outcome", "throttled"),
    [
        (429, "TooManyRequestsException", Outcome.RETRY, True),
        (503, "ServiceUnavailable", Outcome.RETRY, False),
        (500, "InternalFailure", Outcome.RETRY, False),
    ],
)
def test_error_answers_are_attempted_once(
    offline_ses_backend, offline_ses_wire, status, code, outcome, throttled
):
    offline_ses_wire.answer(status, code, "Bitte später")
    [result] = offline_ses_backend.send_messages([ses_message()])
    assert (result.outcome, result.throttled) == (outcome, throttled)
    assert f"{code}: Bitte später" in result.error
    assert len(offline_ses_wire.requests) == 1


@pytest.mark.parametrize(
    ("error", "outcome", "machine_code"),
    [
        (EndpointConnectionError(endpoint_url=SES_DEAD_END), Outcome.RETRY, "unreachable"),
        (ConnectTimeoutError(endpoint_url=SES_DEAD_END), Outcome.RETRY, "unreachable"),
        (ReadTimeoutError(endpoint_url=SES_DEAD_END), Outcome.UNKNOWN, "unanswered"),
        (ConnectionClosedError(endpoint_url=SES_DEAD_END), Outcome.UNKNOWN, "unanswered"),
    ],
    ids=["no-connection", "connect-timeout", "read-timeout", "connection-closed"],
)
def test_network_failures_are_attempted_once(
    offline_ses_backend, offline_ses_wire, error, outcome, machine_code
):
    offline_ses_wire.fail(error)
    [result] = offline_ses_backend.send_messages([ses_message()])
    assert result.outcome == outcome and not result.throttled
    assert error_code(result.error) == machine_code
    assert len(offline_ses_wire.requests) == 1


def test_the_wire_would_see_botocore_retries(offline_ses_backend):
    """The control for the two tests above: in the same environment a client as boto3 makes
    it by default attempts again, so one counted attempt really means no retry."""
    default_client = boto3.session.Session().client("sesv2")
    wire = SESWire(default_client)
    request = offline_ses_backend.request(ses_message())
    wire.answer(429, "TooManyRequestsException", "Maximum sending rate exceeded.")
    with pytest.raises(ClientError):
        default_client.send_email(**request)
    wire.fail(ReadTimeoutError(endpoint_url=SES_DEAD_END))
    with pytest.raises(ReadTimeoutError):
        default_client.send_email(**request)
    assert len(wire.requests) == 4


def test_refused_connection_goes_to_the_configured_endpoint_and_is_retried_later(
    offline_ses_backend, offline_ses_wire
):
    [result] = offline_ses_backend.send_messages([ses_message()])
    [request] = offline_ses_wire.requests
    assert request.url.startswith(SES_DEAD_END)
    assert f"/{SES_REGION}/ses/aws4_request" in request.headers["Authorization"].decode()
    assert result.outcome == Outcome.RETRY and error_code(result.error) == "unreachable"


# --- refused before anything leaves -------------------------------------------------------


@pytest.mark.parametrize(
    "make_message",
    [
        lambda: ses_message(raw=b"x" * (30 * 1024 * 1024 + 1)),  # over 40 MB once base64-encoded
        lambda: ses_message(recipients=[]),
        lambda: ses_message(recipients=[f"leser{number}@example.org" for number in range(51)]),
    ],
    ids=["too-large", "no-recipient", "too-many-recipients"],
)
def test_messages_ses_would_refuse_never_leave(offline_ses_backend, offline_ses_wire, make_message):
    [result] = offline_ses_backend.send_messages([make_message()])
    assert result.outcome == Outcome.REJECTED and error_code(result.error) == "rejected"
    assert not SESBackend.stops_sending(result)
    assert offline_ses_wire.requests == []


def test_missing_credentials_stop_everything(aws_environment, offline_ses_backend):
    aws_environment.delenv("AWS_ACCESS_KEY_ID")
    aws_environment.delenv("AWS_SECRET_ACCESS_KEY")
    backend = SESBackend()
    wire = SESWire(backend.client)
    [result] = backend.send_messages([ses_message()])
    assert result.outcome == Outcome.REJECTED and error_code(result.error) == "config"
    assert SESBackend.stops_sending(result)
    assert wire.requests == []


# --- quota --------------------------------------------------------------------------------


def test_quota_is_none_under_moto_and_the_log_says_why(ses_backend, caplog):
    with caplog.at_level(logging.INFO, logger="mailings.sending.backends.ses"):
        assert ses_backend.quota() is None
    assert "Kontingent nicht abrufbar" in caplog.text


@pytest.mark.parametrize(
    ("max_24_hours", "expected"),
    [
        (50000.0, Quota(max_send_rate=14.0, max_24_hour_send=50000, sent_last_24_hours=1234)),
        (-1.0, Quota(max_send_rate=14.0, max_24_hour_send=None, sent_last_24_hours=1234)),
    ],
)
def test_quota_from_get_account(offline_ses_backend, max_24_hours, expected):
    send_quota = {"Max24HourSend": max_24_hours, "MaxSendRate": 14.0, "SentLast24Hours": 1234.0}
    with Stubber(offline_ses_backend.client) as stubber:
        stubber.add_response("get_account", {"SendQuota": send_quota}, {})
        assert offline_ses_backend.quota() == expected


def test_quota_is_none_when_ses_refuses_to_tell(offline_ses_backend):
    with Stubber(offline_ses_backend.client) as stubber:
        stubber.add_client_error("get_account", "TooManyRequestsException", http_status_code=429)
        assert offline_ses_backend.quota() is None


# --- configuration ------------------------------------------------------------------------


def test_alias_ses_selects_this_backend_sized_by_the_settings(aws_environment, settings):
    settings.NEWSLETTER_SENDING_BACKEND = "ses"
    settings.NEWSLETTER_SEND_CONCURRENCY = 12
    backend = get_backend()
    config = backend.client.meta.config
    assert isinstance(backend, SESBackend)
    assert backend.concurrency == SESBackend.concurrency == 12
    assert config.max_pool_connections == 12
    assert config.retries["total_max_attempts"] == 1
    assert (config.connect_timeout, config.read_timeout) == (5, 15)
    assert backend.client.meta.region_name == SES_REGION
