"""Verifying Amazon SNS messages before anything reads them.

SNS signs each message with the key of a certificate it publishes on an sns.<region> host:
SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over "Key\\nValue\\n" for a fixed list
of fields per message type. django-ses and the small PyPI validators handle SHA1 only (or
reject messages without Subject), hence this module.
"""

import base64
import binascii
import datetime
import functools
import hashlib
import logging
import re
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import remote

logger = logging.getLogger(__name__)

SIGNED_FIELDS = {
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
    "UnsubscribeConfirmation": [
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ],
}
OPTIONAL_FIELDS = {"Subject"}  # signed only when the publisher set one
HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}
SNS_HOST = re.compile(r"sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?")
MAX_AGE = datetime.timedelta(hours=1)
CLOCK_SKEW = datetime.timedelta(minutes=5)  # SNS's clock may run a little ahead of ours
CERTIFICATE_CACHE_SECONDS = 24 * 3600


class Refused(Exception):  # noqa: N818 (reads better at the call site)
    """The message is not from our SNS topic, or not intact: answer 403, change nothing."""


class Unavailable(Exception):  # noqa: N818
    """The certificate could not be fetched now: answer 503 so SNS tries again later."""


def verify(message, now=None):
    """Raise Refused unless the message is intact, signed by SNS, recent and ours."""
    check_shape(message)
    check_topic(message["TopicArn"])
    check_timestamp(message["Timestamp"], now or timezone.now())
    check_sns_url(message["SigningCertURL"], certificate=True)
    check_signature(message)


def check_shape(message):
    kind = message.get("Type") if isinstance(message, dict) else None
    if not isinstance(kind, str) or kind not in SIGNED_FIELDS:
        raise Refused("unbekannter Nachrichtentyp")
    needed = [f for f in SIGNED_FIELDS[message["Type"]] if f not in OPTIONAL_FIELDS]
    needed += ["Signature", "SignatureVersion", "SigningCertURL"]
    if any(not isinstance(message.get(name), str) for name in needed):
        raise Refused("Pflichtfeld fehlt oder ist keine Zeichenkette")
    if message["SignatureVersion"] not in HASHES:
        raise Refused(f"SignatureVersion {message['SignatureVersion']!r} unbekannt")


def check_topic(topic_arn):
    allowed = settings.NEWSLETTER_SNS_TOPIC_ARNS
    if not allowed:
        raise Refused("NEWSLETTER_SNS_TOPIC_ARNS ist leer: jede Nachricht wird abgewiesen")
    if topic_arn not in allowed:
        raise Refused(f"Thema {topic_arn!r} steht nicht in NEWSLETTER_SNS_TOPIC_ARNS")


def check_timestamp(value, now):
    try:
        moment = parse_datetime(value)
    except ValueError:  # well-formed, but no such day or hour
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise Refused("Timestamp unlesbar")
    if not now - MAX_AGE <= moment <= now + CLOCK_SKEW:
        raise Refused(f"Timestamp {value} liegt nicht in der letzten Stunde")


def check_sns_url(url, certificate=False):
    """https on sns.<region>.amazonaws.com(.cn), default port, no user part; a .pem path
    without query for certificates."""
    if not sns_url_allowed(url, certificate):
        raise Refused(f"Adresse {url!r} gehört nicht zu SNS")


def sns_url_allowed(url, certificate=False):
    if url != url.strip() or "\\" in url:
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host_ok = parts.scheme == "https" and SNS_HOST.fullmatch(parts.hostname or "") is not None
    plain = port in (None, 443) and parts.username is None and parts.password is None
    pem = parts.path.endswith(".pem") and not parts.query and not parts.fragment
    return host_ok and plain and (pem or not certificate)


def string_to_sign(message):
    fields = [f for f in SIGNED_FIELDS[message["Type"]] if message.get(f) is not None]
    return "".join(f"{name}\n{message[name]}\n" for name in fields).encode()


def check_signature(message):
    try:
        signature = base64.b64decode(message["Signature"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise Refused("Signatur ist kein Base64") from error
    key = public_key(message["SigningCertURL"])
    algorithm = HASHES[message["SignatureVersion"]]()
    try:
        key.verify(signature, string_to_sign(message), padding.PKCS1v15(), algorithm)
    except InvalidSignature as error:
        raise Refused("Signatur stimmt nicht") from error


def public_key(url):
    key, not_before, not_after = certificate(url)
    if not not_before <= timezone.now() <= not_after:
        raise Refused("Zertifikat ist abgelaufen oder noch nicht gültig")
    return key


@functools.lru_cache(maxsize=16)
def certificate(url):
    """(RSA public key, valid from, valid until), kept per process: SNS publishes each new
    certificate under a new URL, so what one URL holds never changes."""
    return parsed_certificate(certificate_pem(url))


def certificate_cache_key(url):
    return "feedback:sns-cert:" + hashlib.sha256(url.encode()).hexdigest()


def certificate_pem(url):
    """The PEM from the shared cache (one fetch for all processes), or fetched and cached
    for a day."""
    key = certificate_cache_key(url)
    pem = cache.get(key)
    if pem is None:
        try:
            pem = remote.fetch(url)
        except OSError as error:  # URLError, HTTPError and timeouts are all OSErrors
            raise Unavailable(f"Zertifikat {url} nicht abrufbar: {error}") from error
        parsed_certificate(pem)  # refuses junk before it is cached
        cache.set(key, pem, CERTIFICATE_CACHE_SECONDS)
    return pem


def parsed_certificate(pem):
    try:
        certificate = x509.load_pem_x509_certificate(pem)
    except ValueError as error:
        raise Refused("Zertifikat unlesbar") from error
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise Refused("Zertifikat enthält keinen RSA-Schlüssel")
    return key, certificate.not_valid_before_utc, certificate.not_valid_after_utc
