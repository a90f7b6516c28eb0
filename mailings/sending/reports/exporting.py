"""The deliveries of one send as CSV for spreadsheet programs, streamed row by row.

UTF-8 with a byte order mark and ";" between cells, so Excel in German opens it as it is.
A cell that starts like a formula (= + - @, tab or carriage return) gets a leading
apostrophe: an address such as "=2+5@example.org" is valid and must not run as a formula
in whoever opens the file.
"""

import csv
import datetime

from ..models import Delivery

HEADER = [
    "email",
    "state",
    "queued_at",
    "sent_at",
    "updated_at",
    "provider_message_id",
    "attempts",
    "last_error",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
CHUNK_ROWS = 2000


def formula_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def delivery_rows(send_id):
    """The header, then one row per delivery; memory stays flat for any size."""
    yield HEADER
    rows = (
        Delivery.objects.filter(send_id=send_id)
        .order_by("pk")
        .values_list(
            "email",
            "state",
            "queued_at",
            "sent_at",
            "updated_at",
            "provider_message_id",
            "attempts",
            "last_error",
        )
    )
    for email, state, queued, sent, updated, provider_id, attempts, error in rows.iterator(
        chunk_size=CHUNK_ROWS
    ):
        yield [email, state, utc(queued), utc(sent), utc(updated), provider_id, attempts, error]


class Echo:
    """A file-like object for csv.writer that hands each line back (for streaming)."""

    def write(self, value):
        return value


def csv_lines(send_id):
    writer = csv.writer(Echo(), delimiter=";")
    for number, row in enumerate(delivery_rows(send_id)):
        line = writer.writerow([formula_safe(cell) for cell in row])
        yield BYTE_ORDER_MARK + line if number == 0 else line
