"""Amazon SES v2 as the sending backend: one `SendEmail` call with `Content.Raw` per message.

Configuration: boto3 reads the standard AWS environment itself (AWS_REGION or
AWS_DEFAULT_REGION, the credentials chain, AWS_ENDPOINT_URL_SESV2 or AWS_ENDPOINT_URL); ours are
only NEWSLETTER_SES_CONFIGURATION_SET (omitted when empty) and NEWSLETTER_SEND_CONCURRENCY
(threads that may share the one client, and its connection pool).

No library retries: botocore's retry modes also resend after a read timeout or a closed
connection, when SES may already have accepted the message, so the client makes exactly one
attempt and the worker decides (it knows the delivery's history).

Every `SendResult.error` starts with a machine code and a colon, then SES's error code and
message, e.g. "throttled: TooManyRequestsException: Maximum sending rate exceeded.":

    code         outcome   meaning
    throttled    RETRY     SES's sending rate was exceeded (throttled=True)
    unavailable  RETRY     SES answered 5xx: nothing was accepted
    unreachable  RETRY     the request never left (no connection, connect timeout)
    unanswered   UNKNOWN   the request left and no usable answer came: it may have been sent
    rejected     REJECTED  this message only (MessageRejected, BadRequest, too large, ...)
    quota        REJECTED  the account's daily quota is used up                   [stop]
    paused       REJECTED  account suspended or sending paused                     [stop]
    config       REJECTED  configuration set missing, MAIL FROM domain not verified,
                           credentials missing or refused                          [stop]

[stop] codes (STOP_CODES, SESBackend.stops_sending(result)) concern every further message
alike: the worker should pause the whole send and queue the message again instead of counting
it as failed.
"""

import logging
import re

import boto3
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    CredentialRetrievalError,
    NoCredentialsError,
    ParamValidationError,
    PartialCredentialsError,
)
from botocore.exceptions import ConnectionError as BotoConnectionError
from django.conf import settings

from .base import BaseSendingBackend, Outcome, Quota, SendResult

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 15
MAX_RAW_BASE64_BYTES = 40 * 1024 * 1024  # SES v2's message size limit, counted encoded
MAX_RECIPIENTS = 50
MAX_ERROR_LENGTH = 500  # what a delivery row keeps
MAX_TAG_LENGTH = 256
# SES message tags allow ASCII letters, digits, "_" and "-" only (API reference: MessageTag).
UNSAFE_TAG_CHARACTERS = re.compile(r"[^A-Za-z0-9_-]")

STOP_CODES = frozenset({"quota", "paused", "config"})
DAILY_QUOTA_TEXT = "daily message quota exceeded"  # SES v1 sends it as a Throttling error
THROTTLED_CODES = {"TooManyRequests", "Throttling"}
UNAVAILABLE_CODES = {
    "ServiceUnavailable",
    "InternalFailure",
    "InternalServerError",
    "InternalError",
    "RequestTimeout",
}
# Errors that hit every message alike (error codes without their "Exception" suffix).
STOPPING_CODES = {
    "LimitExceeded": "quota",
    "AccountSuspended": "paused",
    "SendingPaused": "paused",
    "NotFound": "config",  # the configuration set does not exist
    "MailFromDomainNotVerified": "config",
    "AccessDenied": "config",
    "UnrecognizedClient": "config",
    "InvalidClientTokenId": "config",
    "SignatureDoesNotMatch": "config",
    "ExpiredToken": "config",
}
CREDENTIAL_ERRORS = (NoCredentialsError, PartialCredentialsError, CredentialRetrievalError)


class SettingValue:
    """A class attribute read from settings when asked (on the class or an instance), so the
    worker sees the current value and nothing reads settings at import time."""

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner=None):
        return getattr(settings, self.name)


def failure(outcome, code, text, throttled=False):
    return SendResult(outcome, error=f"{code}: {text}"[:MAX_ERROR_LENGTH], throttled=throttled)


def error_code(error):
    """The machine code at the start of a SendResult.error ("" if there is none)."""
    code, colon, _rest = error.partition(":")
    return code if colon else ""


def clean_tag_part(value):
    return UNSAFE_TAG_CHARACTERS.sub("_", str(value))[:MAX_TAG_LENGTH]


def email_tags(tags):
    """SES EmailTags from OutgoingMessage.tags; a tag with an empty name or value is dropped."""
    cleaned = {clean_tag_part(name): clean_tag_part(value) for name, value in tags.items()}
    return [{"Name": name, "Value": value} for name, value in cleaned.items() if name and value]


def base64_length(raw):
    return 4 * ((len(raw) + 2) // 3)


def local_problem(message):
    """Why SES would refuse this message anyway (checked before anything leaves), or ""."""
    if not message.recipients:
        return "Nachricht ohne Empfänger"
    if len(message.recipients) > MAX_RECIPIENTS:
        return f"{len(message.recipients)} Empfänger, SES erlaubt höchstens {MAX_RECIPIENTS}"
    if base64_length(message.raw) > MAX_RAW_BASE64_BYTES:
        return f"Nachricht zu groß für SES ({base64_length(message.raw)} Bytes kodiert)"
    return ""


def result_for_client_error(error):
    """SES answered with an error: map its code and HTTP status to an outcome."""
    details = error.response.get("Error", {})
    code = details.get("Code", "")
    name = code.removesuffix("Exception")
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    text = f"{code}: {details.get('Message', '')}"
    if DAILY_QUOTA_TEXT in text.lower():
        return failure(Outcome.REJECTED, "quota", text)
    if name in THROTTLED_CODES or status == 429:
        return failure(Outcome.RETRY, "throttled", text, throttled=True)
    if name in UNAVAILABLE_CODES or status >= 500:
        return failure(Outcome.RETRY, "unavailable", text)
    return failure(Outcome.REJECTED, STOPPING_CODES.get(name, "rejected"), text)


def result_for_exception(error):
    """No answer from SES: did the request leave? Only a failed connection says no."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, BotoConnectionError):  # DNS, refused, connect timeout, TLS handshake
        return failure(Outcome.RETRY, "unreachable", text)
    if isinstance(error, CREDENTIAL_ERRORS):  # raised while signing, before sending
        return failure(Outcome.REJECTED, "config", text)
    if isinstance(error, ParamValidationError):
        return failure(Outcome.REJECTED, "rejected", text)
    # Read timeout, connection closed, an unreadable answer: SES may have accepted it.
    logger.warning("SES: keine verwertbare Antwort, Nachricht evtl. versandt (%s)", text)
    return failure(Outcome.UNKNOWN, "unanswered", text)


def quota_from(send_quota):
    limit = send_quota.get("Max24HourSend", -1)
    return Quota(
        max_send_rate=send_quota.get("MaxSendRate") or None,
        max_24_hour_send=None if limit == -1 else int(limit),
        sent_last_24_hours=int(send_quota.get("SentLast24Hours", 0)),
    )


class SESBackend(BaseSendingBackend):
    # The worker's threads share this one instance (boto3 clients are thread-safe).
    concurrency = SettingValue("NEWSLETTER_SEND_CONCURRENCY")
    STOP_CODES = STOP_CODES

    def __init__(self):
        self.configuration_set = settings.NEWSLETTER_SES_CONFIGURATION_SET
        self.client = boto3.session.Session().client("sesv2", config=self.client_config())

    @staticmethod
    def client_config():
        return Config(
            retries={"total_max_attempts": 1},  # one attempt, never a resend
            max_pool_connections=settings.NEWSLETTER_SEND_CONCURRENCY,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            read_timeout=READ_TIMEOUT_SECONDS,
        )

    @classmethod
    def stops_sending(cls, result):
        """Whether this result concerns the whole account, so the send should pause."""
        return result.outcome == Outcome.REJECTED and error_code(result.error) in cls.STOP_CODES

    def send_messages(self, messages):
        return [self.send_one(message) for message in messages]

    def send_one(self, message):
        problem = local_problem(message)
        if problem:
            return failure(Outcome.REJECTED, "rejected", problem)
        request = self.request(message)
        try:
            response = self.client.send_email(**request)
        except ClientError as error:
            return result_for_client_error(error)
        except Exception as error:  # whatever else botocore raises: decide if it left
            return result_for_exception(error)
        return SendResult(Outcome.ACCEPTED, provider_id=response["MessageId"])

    def request(self, message):
        request = {
            "FromEmailAddress": message.sender,
            "Destination": {"ToAddresses": list(message.recipients)},
            "Content": {"Raw": {"Data": message.raw}},
        }
        tags = email_tags(message.tags)
        if tags:
            request["EmailTags"] = tags
        if self.configuration_set:
            request["ConfigurationSetName"] = self.configuration_set
        return request

    def quota(self):
        try:
            send_quota = self.client.get_account()["SendQuota"]
        except Exception as error:  # moto lacks GetAccount; the caller has NEWSLETTER_SEND_RATE
            logger.info("SES: Kontingent nicht abrufbar (%s: %s)", type(error).__name__, error)
            return None
        return quota_from(send_quota)

    def close(self):
        # Drops the pooled connections; the client opens new ones if used again.
        self.client.close()
