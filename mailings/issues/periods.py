"""Quarters: the period an issue belongs to, written as "2026-Q4" and shown as "4/2026"."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIOD_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, value):
        match = PERIOD_PATTERN.match(value or "")
        if not match:
            raise ValueError(f"not a quarter: {value!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self):
        return f"{self.year}-Q{self.number}"

    @property
    def label(self):
        return f"{self.number}/{self.year}"

    @property
    def start(self):
        """The first day of the quarter."""
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self):
        """The first day AFTER the quarter (exclusive bound, no month-length arithmetic)."""
        return self.next().start

    def next(self):
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self):
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def current_period():
    """Default for new issues: the quarter we are in."""
    return Quarter.containing(timezone.localdate()).key


def validate_period(value):
    if not PERIOD_PATTERN.match(value or ""):
        raise ValidationError(
            _("Bitte das Quartal als JJJJ-Qn angeben, z. B. 2026-Q4."), code="invalid_period"
        )
