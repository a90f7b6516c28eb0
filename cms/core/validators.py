"""Values that end up in mail headers must stay on one line.

A line break in a subject or a name would start a new header (e.g. a Bcc) in the raw message,
and Django refuses such headers outright, so one bad value stops every mail. Forms refuse these
characters with validate_single_line; single_line() cleans what was stored before the
validators existed, or by code that skips forms, whenever a message is built.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode category Cc (C0 and C1 controls, DEL) plus the line and paragraph separators, which
# some mail programs treat as line breaks.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_OR_SPACE_RUNS = re.compile("[ \x00-\x1f\x7f-\x9f\u2028\u2029]+")


def validate_single_line(value):
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Dieses Feld darf keine Zeilenumbrüche oder Steuerzeichen enthalten."),
            code="single_line",
        )


def single_line(value):
    """The value with every control character and space run replaced by one space."""
    return CONTROL_OR_SPACE_RUNS.sub(" ", value or "").strip()
