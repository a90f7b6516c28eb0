"""The public forms: signup (page and footer) and personal preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.validators import validate_single_line
from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic

from .models import Newsletter


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class AccessibleErrorsMixin:
    """Tie each error message to its field for screen readers (aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )


class SignupForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name (freiwillig)"),
        max_length=150,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    newsletters = NewsletterChoiceField(
        label=_("Newsletter"),
        queryset=Newsletter.objects.all(),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Newsletter aus.")},
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir Ihnen keinen Newsletter schicken.")
        },
    )
    # Honeypot: invisible to people, filled in by bots. Checked on the server.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)
    page_url = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args, consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        self.fields["newsletters"].initial = [
            n.pk for n in self.fields["newsletters"].queryset if n.is_default
        ]

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=150, required=False, validators=[validate_single_line]
    )
    newsletters = NewsletterChoiceField(
        label=_("Diese Newsletter möchte ich erhalten"),
        queryset=Newsletter.objects.all(),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen, die mich besonders interessieren"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Länder, die mich besonders interessieren"),
        queryset=CountryPage.objects.live().order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
