"""CSV export of subscriptions with their evidence summary, streamed row by row."""

import csv
import datetime

from .models import Subscription

HEADER = [
    "email",
    "name",
    "newsletter",
    "status",
    "signed_up_at",
    "signed_up_ip",
    "confirmed_at",
    "confirmed_ip",
    "source",
]


def export_rows(subscriptions=None):
    """The header, then one row per subscription; memory stays flat for any size."""
    yield HEADER
    queryset = subscriptions if subscriptions is not None else Subscription.objects.all()
    queryset = queryset.select_related("subscriber", "newsletter").order_by(
        "subscriber__email", "newsletter__slug"
    )
    for s in queryset.iterator(chunk_size=2000):
        yield [
            s.subscriber.email,
            s.subscriber.name,
            s.newsletter.slug,
            s.status,
            utc(s.signed_up_at),
            s.signed_up_ip or "",
            utc(s.confirmed_at),
            s.confirmed_ip or "",
            s.source,
        ]


def utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def write_csv(out, subscriptions=None):
    writer = csv.writer(out)
    for row in export_rows(subscriptions):
        writer.writerow(row)


class Echo:
    """A file-like object for csv.writer that hands each line back (for streaming)."""

    def write(self, value):
        return value


def csv_lines(subscriptions=None):
    writer = csv.writer(Echo())
    return (writer.writerow(row) for row in export_rows(subscriptions))
