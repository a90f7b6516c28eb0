"""Reading subscriber CSV files as Excel and other tools write them, and checking every row.

Accepted: UTF-8 with or without BOM, or Windows-1252 (Excel's "CSV (Trennzeichen-getrennt)"),
separated by ";" or ",". The file is read as a stream, twice: once to check, once to import.
"""

import codecs
import csv
import dataclasses
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import SuppressedAddress, address_hash, normalise_email

EMAIL_COLUMNS = {"email", "e-mail", "e-mail-adresse", "email-adresse", "emailadresse", "mail"}
NAME_COLUMNS = {"name", "vollständiger name"}
CHUNK = 1 << 20
BATCH = 1000


class FileRejected(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclasses.dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self):
        return _("Zeile %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclasses.dataclass(frozen=True)
class Row:
    line: int
    email: str
    name: str


@dataclasses.dataclass(frozen=True)
class CsvFormat:
    encoding: str
    delimiter: str
    email_index: int
    name_index: int | None


def detect_encoding(binary):
    """utf-8-sig if the bytes are valid UTF-8, else cp1252 if they are valid there."""
    for encoding in ("utf-8-sig", "cp1252"):
        binary.seek(0)
        if decodes(binary, encoding):
            binary.seek(0)
            return encoding
    raise FileRejected(
        _("Die Datei ist weder UTF-8 noch Windows-1252 kodiert. Bitte als „CSV UTF-8“ speichern.")
    )


def decodes(binary, encoding):
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := binary.read(CHUNK):
            if b"\x00" in chunk:  # UTF-16 ("Unicode-Text") or not a text file at all
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def text_stream(binary, encoding):
    binary.seek(0)
    return io.TextIOWrapper(binary, encoding=encoding, newline="")


def read_format(binary):
    encoding = detect_encoding(binary)
    stream = text_stream(binary, encoding)
    header_line = stream.readline()
    stream.detach()
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    columns = [column.strip().lower() for column in header]
    email_index = first_index(columns, EMAIL_COLUMNS)
    if email_index is None:
        raise FileRejected(
            _("Zeile 1: Die Spalte „email“ fehlt (gefunden: %(columns)s).")
            % {"columns": ", ".join(header) or _("nichts")}
        )
    return CsvFormat(encoding, delimiter, email_index, first_index(columns, NAME_COLUMNS))


def first_index(columns, names):
    return next((i for i, column in enumerate(columns) if column in names), None)


def rows(binary, fmt):
    """Every data row as Row or RowProblem, with its line number in the file."""
    stream = text_stream(binary, fmt.encoding)
    reader = csv.reader(stream, delimiter=fmt.delimiter)
    next(reader, None)
    try:
        for values in reader:
            if any(value.strip() for value in values):
                yield parse_row(reader.line_num, values, fmt)
    finally:
        stream.detach()


def parse_row(line, values, fmt):
    raw = values[fmt.email_index].strip() if len(values) > fmt.email_index else ""
    name = (
        values[fmt.name_index].strip()
        if fmt.name_index is not None and len(values) > fmt.name_index
        else ""
    )
    if not raw:
        return RowProblem(line, _("Die E-Mail-Adresse fehlt."))
    email = normalise_email(raw)
    try:
        validate_email(email)
    except ValidationError:
        return RowProblem(line, _("„%(email)s“ ist keine gültige E-Mail-Adresse.") % {"email": raw})
    if len(name) > 150:
        return RowProblem(line, _("Der Name ist länger als 150 Zeichen."))
    return Row(line, email, name)


def check(binary):
    """(format, problems): every bad row of the whole file, nothing written."""
    fmt = read_format(binary)
    problems, seen, batch = [], {}, []
    for item in rows(binary, fmt):
        if isinstance(item, RowProblem):
            problems.append(item)
            continue
        first = seen.setdefault(item.email.lower(), item.line)
        if first != item.line:
            problems.append(
                RowProblem(
                    item.line, _("Die Adresse steht schon in Zeile %(line)d.") % {"line": first}
                )
            )
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            problems.extend(suppressed(batch))
            batch = []
    problems.extend(suppressed(batch))
    return fmt, sorted(problems, key=lambda problem: problem.line)


def suppressed(batch):
    """Rows whose address was erased on request: only a new opt-in may bring them back."""
    by_hash = {address_hash(row.email): row for row in batch}
    hits = SuppressedAddress.objects.filter(email_hash__in=by_hash).values_list(
        "email_hash", flat=True
    )
    reason = _(
        "Die Adresse ist gesperrt, weil ihre Daten auf Wunsch gelöscht wurden. Nur eine "
        "neue Anmeldung über das Formular kann sie wieder eintragen."
    )
    return [RowProblem(by_hash[digest].line, reason) for digest in hits]
