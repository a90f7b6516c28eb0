"""Admin forms: the issue page form with its "pre-fill" choice, and the test send form."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.validators import validate_single_line

MAX_TEST_RECIPIENTS = 10


class IssuePageForm(WagtailAdminPageForm):
    prefill = forms.BooleanField(
        label=_("Mit neuen Inhalten vorbefüllen"),
        required=False,
        initial=True,
        help_text=_(
            "Übernimmt die seit der letzten versendeten Ausgabe erschienenen Beiträge, "
            "Veranstaltungen mit offener Anmeldung am Versandtag und die im Quartal "
            "geänderten Länderseiten. Danach können Sie alles umsortieren und ändern."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # only a new issue is pre-filled
            del self.fields["prefill"]

    def clean_title(self):
        # The title is Wagtail's field; it becomes the subject when no subject is given.
        title = self.cleaned_data.get("title")
        validate_single_line(title)
        return title

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("prefill") and not page.sections:
            from .assemble import assemble_sections

            page.sections = assemble_sections(page)
        if commit:
            page.save()
        return page


def parse_addresses(text):
    """Addresses separated by commas, semicolons or line breaks, each one checked."""
    addresses = [part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",")]
    addresses = list(dict.fromkeys(address for address in addresses if address))
    if not addresses:
        raise ValidationError(_("Bitte mindestens eine E-Mail-Adresse angeben."))
    if len(addresses) > MAX_TEST_RECIPIENTS:
        raise ValidationError(
            _("Höchstens %(max)d Adressen je Testversand.") % {"max": MAX_TEST_RECIPIENTS}
        )
    for address in addresses:
        validate_email_address(address)
    return addresses


def validate_email_address(address):
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError(
            _("„%(address)s“ ist keine gültige E-Mail-Adresse.") % {"address": address}
        ) from error


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        label=_("Empfängeradressen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine oder mehrere Adressen, getrennt durch Komma oder Zeilenumbruch."),
    )

    def clean_addresses(self):
        return parse_addresses(self.cleaned_data["addresses"])
