"""The growth chart drawn on the server as SVG: numbers here, markup in the template.

Sign-ups stand above the zero line, losses (unsubscribes, bounces, complaints) are stacked
below it and the net line runs through both. Every colour has at least 3:1 against the white
chart background (WCAG 1.4.11) and stacked parts are separated by a white gap; the figures
themselves are in a table next to the chart for screen readers and for reading exact values.
"""

import dataclasses
import math

from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 40


@dataclasses.dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


SIGNUPS = Series("signups", _("Bestätigte Anmeldungen"), "#1f6fb2")
LOSSES = [
    Series("unsubscribes", _("Abmeldungen"), "#a85a00"),
    Series("bounces", _("Unzustellbar"), "#6f3c9e"),
    Series("complaints", _("Beschwerden"), "#b3122e"),
]
NET = Series("net", _("Saldo (Anmeldungen minus Abgänge)"), "#1a1a1a")


def nice_step(span, ticks=4):
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` grid lines."""
    raw = max(span / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 5, 10) if power * m >= raw)


@dataclasses.dataclass
class Scale:
    top: int
    bottom: int  # negative or zero

    @property
    def per_unit(self):
        return (HEIGHT - TOP - BOTTOM) / max(self.top - self.bottom, 1)

    def y(self, value):
        return round(TOP + (self.top - value) * self.per_unit, 1)


def scale_for(weeks):
    high = max((week.signups for week in weeks), default=0)
    low = max((week.losses for week in weeks), default=0)
    step = nice_step(high + low)
    return Scale(step * math.ceil(high / step) or step, -step * math.ceil(low / step)), step


def growth_chart(weeks):
    """Everything the SVG template draws, in viewBox units."""
    scale, step = scale_for(weeks)
    band = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    centres = [round(LEFT + band * (n + 0.5), 1) for n in range(len(weeks))]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "tick_label_x": LEFT - 6,
        "month_label_y": HEIGHT - BOTTOM + 20,
        "zero": scale.y(0),
        "bars": list(bars(weeks, scale, centres, band * 0.7)),
        "ticks": ticks(scale, step),
        "months": month_labels(weeks, centres),
        "net_points": " ".join(
            f"{x},{scale.y(w.net)}" for x, w in zip(centres, weeks, strict=True)
        ),
        "series": [SIGNUPS, *LOSSES],
        "net": NET,
    }


def bars(weeks, scale, centres, width):
    for centre, week in zip(centres, weeks, strict=True):
        x = round(centre - width / 2, 1)
        if week.signups:
            yield bar(x, width, scale.y(week.signups), scale.y(0), SIGNUPS)
        below = 0
        for series in LOSSES:
            value = getattr(week, series.key)
            if value:
                yield bar(x, width, scale.y(-below), scale.y(-below - value), series)
                below += value


def bar(x, width, upper, lower, series):
    return {
        "x": x,
        "y": upper,
        "width": round(width, 1),
        "height": round(lower - upper, 1),
        "colour": series.colour,
    }


def ticks(scale, step):
    values = range(scale.bottom, scale.top + step, step)
    return [{"y": scale.y(value), "label": number_format(value)} for value in values]


def month_labels(weeks, centres):
    """A label under each month's first Monday (so labels never crowd); the year with
    January and with the first label."""
    labels = []
    for centre, week in zip(centres, weeks, strict=True):
        if week.start.day <= 7:
            pattern = "M Y" if week.start.month == 1 or not labels else "M"
            labels.append({"x": centre, "label": format_date(week.start, pattern)})
    return labels
