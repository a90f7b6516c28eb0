"""Importing subscribers from CSV: check the whole file, then write it in one transaction.

A bad row stops the whole import (unless skip_invalid); existing unsubscriptions, bounces and
complaints are never overwritten; suppressed addresses are never touched.
"""

import csv
import dataclasses
import itertools
import uuid

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.validators import CONTROL_CHARACTERS
from mailings.sending.models import MailKind
from mailings.sending.transactional import queue_mails

from . import bulk, csvfile
from .consent import Evidence
from .csvfile import FileRejected, Row, RowProblem
from .models import (
    ConsentAction,
    ConsentEvent,
    Subscriber,
    Subscription,
    SubscriptionStatus,
    address_hash,
)

__all__ = ["FileRejected", "ImportRejected", "ImportResult", "import_subscribers"]

NEVER_OVERWRITE = {
    SubscriptionStatus.UNSUBSCRIBED,
    SubscriptionStatus.BOUNCED,
    SubscriptionStatus.COMPLAINED,
}


class ImportRejected(Exception):
    def __init__(self, problems):
        super().__init__(
            _("%(count)d fehlerhafte Zeilen, nichts importiert.") % {"count": len(problems)}
        )
        self.problems = problems


@dataclasses.dataclass
class ImportResult:
    subscribed: int = 0
    pending: int = 0
    unchanged: int = 0
    new_subscribers: int = 0
    skipped: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class ImportOptions:
    newsletter: object
    consent_note: str = ""
    send_optin: bool = False
    skip_invalid: bool = False
    evidence: Evidence = Evidence()
    file_name: str = ""


def import_subscribers(binary, options):
    """Import a binary file object; raises FileRejected or ImportRejected and writes nothing."""
    fmt, problems = csvfile.check(binary)
    problems = with_name_problems(problems, binary, fmt)
    if problems and not options.skip_invalid:
        raise ImportRejected(problems)
    bad_lines = {problem.line for problem in problems}
    valid = (
        row
        for row in csvfile.rows(binary, fmt)
        if isinstance(row, Row) and row.line not in bad_lines
    )
    result = ImportResult(problems=problems)
    with transaction.atomic():
        while batch := list(itertools.islice(valid, csvfile.BATCH)):
            import_batch(batch, options, result)
    return result


def with_name_problems(problems, binary, fmt):
    """Add the rows whose name holds a line break or control character (a quoted CSV field
    may): the name goes into the To header. One row, one problem: rows already bad stay as
    they are."""
    known = {problem.line for problem in problems}
    reason = _("Der Name darf keine Zeilenumbrüche oder Steuerzeichen enthalten.")
    added = [RowProblem(line, reason) for line in bad_name_lines(binary, fmt) if line not in known]
    return sorted([*problems, *added], key=lambda problem: problem.line) if added else problems


def bad_name_lines(binary, fmt):
    """A bare reader over the name column: about 0.1 s per 100,000 rows, a tenth of a full
    csvfile.rows() pass, which also checks every address."""
    if fmt.name_index is None:
        return []
    stream = csvfile.text_stream(binary, fmt.encoding)
    try:
        reader = csv.reader(stream, delimiter=fmt.delimiter)
        next(reader, None)
        return [reader.line_num for values in reader if has_control_characters(values, fmt)]
    finally:
        stream.detach()


def has_control_characters(values, fmt):
    # Stripped first, as csvfile.parse_row strips the name it keeps.
    name = values[fmt.name_index].strip() if len(values) > fmt.name_index else ""
    return CONTROL_CHARACTERS.search(name) is not None


def import_batch(rows, options, result):
    """A constant number of queries per batch, whatever its size."""
    subscribers = subscribers_for(rows, result)
    existing = {
        s.subscriber_id: s
        for s in Subscription.objects.filter(
            newsletter=options.newsletter, subscriber__in=subscribers.values()
        )
    }
    plan = Plan(options)
    for row in rows:
        subscriber = subscribers[row.email.lower()]
        plan.add(row, subscriber, existing.get(subscriber.pk))
    plan.write(result)


def subscribers_for(rows, result):
    """Existing and newly inserted subscribers of the batch, by lower-cased address."""
    emails = {row.email.lower(): row for row in rows}
    found = find_subscribers(emails)
    now = timezone.now()
    new = [
        (row.email, row.name, "de", uuid.uuid4(), now)
        for key, row in emails.items()
        if key not in found
    ]
    bulk.insert_rows(Subscriber, ["email", "name", "language", "link_key", "created_at"], new)
    result.new_subscribers += len(new)
    if new:
        found.update(find_subscribers({key for key in emails if key not in found}))
    return found


def find_subscribers(lowered):
    return {
        s.email_lower: s
        for s in Subscriber.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=lowered)
        .only("pk", "email")
    }


SUBSCRIPTION_COLUMNS = [
    "subscriber",
    "newsletter",
    "status",
    "created_at",
    "updated_at",
    "signed_up_at",
    "signed_up_ip",
    "confirmed_at",
    "confirmed_ip",
    "source",
]
EVENT_COLUMNS = [
    "subscriber",
    "email_hash",
    "action",
    "created_at",
    "ip",
    "user_agent",
    "page_url",
    "consent_text",
    "consent_version",
    "consent_hash",
    "mail_text",
    "mail_hash",
    "mail_template_version",
    "related",
    "details",
]


class Plan:
    """Collects the rows of one batch, then writes them with a few bulk statements."""

    def __init__(self, options):
        self.options = options
        self.now = timezone.now().replace(microsecond=0)
        self.status = (
            SubscriptionStatus.PENDING if options.send_optin else SubscriptionStatus.SUBSCRIBED
        )
        self.source = (_("Import: %(note)s") % {"note": options.consent_note})[:300]
        self.create, self.update, self.logged, self.skipped, self.unchanged = [], [], [], [], 0

    def add(self, row, subscriber, subscription):
        if subscription is None:
            self.create.append(self.new_subscription(subscriber))
        elif subscription.status in NEVER_OVERWRITE:
            self.skipped.append(
                RowProblem(
                    row.line,
                    _("Bereits %(status)s – wird nicht wieder eingetragen.")
                    % {"status": subscription.get_status_display()},
                )
            )
            return
        elif subscription.status == SubscriptionStatus.PENDING and not self.options.send_optin:
            subscription.status, subscription.confirmed_at = self.status, self.now
            subscription.source = self.source
            self.update.append(subscription)
        elif subscription.status == SubscriptionStatus.SUBSCRIBED or not self.options.send_optin:
            self.unchanged += 1
            return
        self.logged.append((row, subscriber))

    def new_subscription(self, subscriber):
        confirmed = self.now if self.status == SubscriptionStatus.SUBSCRIBED else None
        return (
            subscriber.pk,
            self.options.newsletter.pk,
            self.status,
            self.now,
            self.now,
            self.now,
            None,
            confirmed,
            None,
            self.source,
        )

    def write(self, result):
        bulk.insert_rows(Subscription, SUBSCRIPTION_COLUMNS, self.create)
        for subscription in self.update:
            subscription.updated_at = self.now
        Subscription.objects.bulk_update(
            self.update, ["status", "confirmed_at", "source", "updated_at"]
        )
        bulk.insert_rows(ConsentEvent, EVENT_COLUMNS, self.event_rows())
        if self.options.send_optin:
            self.request_confirmations()
        self.count(result)

    def request_confirmations(self):
        attnames = [ConsentEvent._meta.get_field(name).attname for name in EVENT_COLUMNS]
        requests = ConsentEvent.objects.bulk_create(
            [
                ConsentEvent(**dict(zip(attnames, values, strict=True)))
                for values in self.event_rows(ConsentAction.REQUESTED)
            ]
        )
        queue_mails(MailKind.CONFIRMATION, [(e.subscriber_id, {"event": e.pk}) for e in requests])

    def count(self, result):
        changed = len(self.logged)
        result.pending += changed if self.options.send_optin else 0
        result.subscribed += 0 if self.options.send_optin else changed
        result.unchanged += self.unchanged
        result.skipped.extend(self.skipped)

    def event_rows(self, action=ConsentAction.IMPORTED):
        evidence, note = self.options.evidence, self.options.consent_note
        return [
            (
                subscriber.pk,
                address_hash(subscriber.email),
                action,
                self.now,
                evidence.ip,
                evidence.user_agent[:500],
                evidence.page_url[:500],
                note,
                "",
                "",
                "",
                "",
                "",
                None,
                {
                    "newsletters": [self.options.newsletter.slug],
                    "line": row.line,
                    "file": self.options.file_name,
                    "by": evidence.actor,
                },
            )
            for row, subscriber in self.logged
        ]
