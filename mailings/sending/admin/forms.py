"""The send dialog's forms: who gets the issue (audience) and when (schedule, confirmation).

The audience is narrowed by what subscribers chose in their preference centre: topics
(cms.taxonomy) and country pages. Nothing chosen means every subscriber of the newsletter;
otherwise everyone who chose at least one of the chosen topics or countries.
Times are typed in Europe/Berlin, whatever the staff member's own admin time zone.
"""

import datetime
import zoneinfo

from django import forms
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Above this many recipients the staff member types the number to confirm.
TYPED_CONFIRMATION_ABOVE = 100


class AccessibleErrorsMixin:
    """Tie each error message to its field for screen readers; the template puts the message
    into an element with the id "<field id>-error"."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                described = f"{self[name].auto_id}-error"
                if self.fields[name].help_text:
                    described += f" {self[name].auto_id}-helptext"
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": described}
                )


class InterestChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes whose labels say how many subscribers of the newsletter chose the option."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts = counts or {}

    def label_from_instance(self, obj):
        return _("%(name)s (%(count)s)") % {
            "name": obj.name if isinstance(obj, Topic) else obj.title,
            "count": formats.number_format(self.counts.get(obj.pk, 0), force_grouping=True),
        }


def interest_counts(newsletter, relation):
    """Subscribed subscribers per topic or country: one grouped query."""
    rows = (
        relation.objects.filter(
            interested_subscribers__subscriptions__newsletter=newsletter,
            interested_subscribers__subscriptions__status="subscribed",
        )
        .values("pk")
        .annotate(n=Count("interested_subscribers", distinct=True))
    )
    return {row["pk"]: row["n"] for row in rows}


class AudienceForm(AccessibleErrorsMixin, forms.Form):
    topics = InterestChoiceField(
        label=_("Themen"), queryset=Topic.objects.order_by("name"), required=False
    )
    countries = InterestChoiceField(
        label=_("Länder"), queryset=CountryPage.objects.none(), required=False
    )

    def __init__(self, *args, newsletter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = CountryPage.objects.live().order_by("title")
        self.fields["topics"].counts = interest_counts(newsletter, Topic)
        self.fields["countries"].counts = interest_counts(newsletter, CountryPage)

    def audience(self):
        """The choice as Send.audience stores it: {} for everyone."""
        chosen = {
            name: sorted(item.pk for item in self.cleaned_data.get(name) or [])
            for name in ("topics", "countries")
        }
        return chosen if any(chosen.values()) else {}


class ScheduleForm(AccessibleErrorsMixin, forms.Form):
    when = forms.ChoiceField(
        label=_("Zeitpunkt"),
        widget=forms.RadioSelect,
        initial="now",
        choices=[
            ("now", _("Sofort versenden")),
            ("later", _("Zu einem späteren Zeitpunkt versenden")),
        ],
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    time = forms.TimeField(
        label=_("Uhrzeit (Berlin)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    typed_count = forms.CharField(
        label=_("Zur Bestätigung: Anzahl der Empfänger/innen"),
        required=False,
        max_length=20,
        help_text=_(
            "Bei mehr als 100 Empfänger/innen tippen Sie die oben genannte Zahl ab; "
            "so geht kein großer Versand aus Versehen hinaus."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, recipients=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = recipients

    @property
    def needs_typed_count(self):
        return self.recipients > TYPED_CONFIRMATION_ABOVE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            cleaned["at"] = self.scheduled_moment(cleaned.get("date"), cleaned.get("time"))
        else:
            cleaned["at"] = None
        if self.needs_typed_count:
            self.check_typed_count(cleaned.get("typed_count") or "")
        return cleaned

    def scheduled_moment(self, date, time):
        missing = {
            "date": _("Bitte ein Datum für den Versand angeben."),
            "time": _("Bitte eine Uhrzeit für den Versand angeben."),
        }
        for name, value in (("date", date), ("time", time)):
            if value is None and name not in self.errors:  # unreadable input has its error
                self.add_error(name, missing[name])
        if date is None or time is None:
            return None
        moment = berlin_moment(date, time)
        if moment is None:
            self.add_error(
                "time",
                _("Diese Uhrzeit gibt es an dem Tag wegen der Umstellung auf Sommerzeit nicht."),
            )
        elif moment <= timezone.now():
            self.add_error("date", _("Der Zeitpunkt liegt in der Vergangenheit."))
        return moment

    def check_typed_count(self, typed):
        digits = "".join(typed.split()).replace(".", "")  # "1.234" and "1 234" are fine
        if not digits:
            self.add_error(
                "typed_count",
                _("Bitte tippen Sie zur Bestätigung die Zahl der Empfänger/innen ab."),
            )
        elif not digits.isdigit() or int(digits) != self.recipients:
            self.add_error(
                "typed_count",
                _("Die Zahl stimmt nicht: Der Versand ginge jetzt an %(count)s Empfänger/innen.")
                % {"count": formats.number_format(self.recipients, force_grouping=True)},
            )


def berlin_moment(date, time):
    """The aware moment for a Berlin wall-clock time; None if the clock skips it (spring)."""
    naive = datetime.datetime.combine(date, time)
    moment = naive.replace(tzinfo=BERLIN)
    round_trip = moment.astimezone(datetime.UTC).astimezone(BERLIN).replace(tzinfo=None)
    return moment if round_trip == naive else None
