"""Building the messages of claimed TransactionalMail rows, a batch at a time.

Each kind loads what it needs in one query per batch (the request events, the subscriptions),
the suppression list is read once per batch, and each row becomes a Prepared: a message to
send, a reason to skip it, or the error that kept it from being built. transactional.py
explains when suppression applies.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from functools import partial

from mailings.subscribers.models import (
    ConsentEvent,
    Subscription,
    SubscriptionStatus,
    SuppressedAddress,
    address_hash,
)
from mailings.subscribers.optin_mail import build_confirmation, build_welcome, log_mail_sent

from .backends import OutgoingMessage
from .models import MailKind

logger = logging.getLogger(__name__)

# Reasons kept on the row (data, not UI text: the admin shows them as they are).
SUPPRESSED = "Adresse steht auf der Sperrliste"
REQUEST_GONE = "Anmeldung nicht mehr vorhanden"
NEWSLETTERS_GONE = "Newsletter der Anmeldung nicht mehr vorhanden"
NOT_SUBSCRIBED = "Abonnement nicht mehr aktiv"


@dataclass
class Prepared:
    mail: object  # the TransactionalMail row
    outgoing: OutgoingMessage | None = None
    skip_reason: str = ""
    build_error: str = ""
    on_accept: Callable | None = None  # runs in the transaction that records the acceptance


def prepare(mails):
    """One Prepared per row (grouped by kind, not in the rows' order)."""
    suppressed = suppressed_hashes(mails)
    builders = {MailKind.CONFIRMATION: prepare_confirmations, MailKind.WELCOME: prepare_welcomes}
    prepared = []
    for kind in {mail.kind for mail in mails}:
        batch = [mail for mail in mails if mail.kind == kind]
        prepared.extend(builders.get(kind, prepare_prebuilt)(batch, suppressed))
    return prepared


def guarded(build, mail, *args):
    """A mail that cannot be built is retried later like a refused one, not lost, and does not
    hold up the others of its batch."""
    try:
        return build(mail, *args)
    except Exception as error:
        logger.exception("Einzelmail %s konnte nicht gebaut werden", mail.pk)
        return Prepared(mail, build_error=f"Aufbau fehlgeschlagen: {error}")


# --- Suppression -----------------------------------------------------------------------------


def recipient(mail):
    return mail.subscriber.email if mail.subscriber else mail.email


def suppression_applies(mail):
    return mail.kind != MailKind.CONFIRMATION


def suppressed_hashes(mails):
    """The hashes on the suppression list among these rows' addresses: one query a batch."""
    hashes = {address_hash(recipient(mail)) for mail in mails if suppression_applies(mail)}
    if not hashes:
        return set()
    return set(
        SuppressedAddress.objects.filter(email_hash__in=hashes).values_list("email_hash", flat=True)
    )


def is_suppressed(mail, suppressed):
    return suppression_applies(mail) and address_hash(recipient(mail)) in suppressed


# --- Kinds -----------------------------------------------------------------------------------


def prepare_confirmations(mails, suppressed):
    events = ConsentEvent.objects.select_related("subscriber").in_bulk(
        [mail.payload.get("event") for mail in mails]
    )
    return [
        guarded(prepare_confirmation, mail, events.get(mail.payload.get("event"))) for mail in mails
    ]


def prepare_confirmation(mail, event):
    if event is None or event.subscriber_id is None:
        return Prepared(mail, skip_reason=REQUEST_GONE)
    built = build_confirmation(event)
    if built is None:
        return Prepared(mail, skip_reason=NEWSLETTERS_GONE)
    message, rendered = built
    # The consent log says "mail sent" only once the provider took it.
    return Prepared(
        mail, outgoing(message, mail), on_accept=partial(log_mail_sent, event, rendered)
    )


def prepare_welcomes(mails, suppressed):
    subscriptions = Subscription.objects.select_related("subscriber", "newsletter").in_bulk(
        [mail.payload.get("subscription") for mail in mails]
    )
    return [
        guarded(
            prepare_welcome, mail, subscriptions.get(mail.payload.get("subscription")), suppressed
        )
        for mail in mails
    ]


def prepare_welcome(mail, subscription, suppressed):
    if subscription is None or subscription.status != SubscriptionStatus.SUBSCRIBED:
        return Prepared(mail, skip_reason=NOT_SUBSCRIBED)
    if is_suppressed(mail, suppressed):
        return Prepared(mail, skip_reason=SUPPRESSED)
    return Prepared(mail, outgoing(build_welcome(subscription), mail))


def prepare_prebuilt(mails, suppressed):
    """Test mails (and any kind stored ready-made): the caller built the bytes."""
    return [
        Prepared(mail, skip_reason=SUPPRESSED)
        if is_suppressed(mail, suppressed)
        else Prepared(mail, prebuilt(mail))
        for mail in mails
    ]


# --- Messages --------------------------------------------------------------------------------


def tags(mail):
    # SES EmailTags: the feedback (mailings.feedback) finds the row by them.
    return {"mail": str(mail.pk), "kind": mail.kind}


def prebuilt(mail):
    payload = mail.payload
    return OutgoingMessage(
        sender=payload.get("sender", ""),
        recipients=[mail.email],
        raw=bytes(mail.raw),
        message_id=payload.get("message_id", ""),
        subject=payload.get("subject", ""),
        tags=tags(mail),
    )


def outgoing(message, mail):
    """Django's EmailMultiAlternatives as RFC 5322 bytes, with a Message-ID we know."""
    sender = parseaddr(message.from_email)[1]
    message_id = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.extra_headers["Message-ID"] = message_id
    raw = message.message().as_bytes(linesep="\r\n")
    mail.email = message.to[0]
    return OutgoingMessage(
        sender=sender,
        recipients=message.recipients(),
        raw=raw,
        message_id=message_id,
        subject=message.subject,
        tags=tags(mail),
    )
