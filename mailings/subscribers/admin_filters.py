"""Filters of the subscriber list in the admin."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic

from .models import Newsletter, Subscriber, SubscriptionStatus


def keep(queryset, name, value):
    # Newsletter and status are applied together in filter_queryset (one subscription).
    return queryset


class SubscriberFilterSet(WagtailFilterSet):
    newsletter = django_filters.ModelChoiceFilter(
        label=_("Newsletter"), queryset=Newsletter.objects.all(), method=keep
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SubscriptionStatus.choices, method=keep
    )
    topics = django_filters.ModelMultipleChoiceFilter(
        label=_("Interessante Themen"), queryset=Topic.objects.all(), distinct=True
    )
    countries = django_filters.ModelMultipleChoiceFilter(
        label=_("Interessante Länder"),
        queryset=CountryPage.objects.order_by("title"),
        distinct=True,
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Angelegt am"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Subscriber
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        lookups = {}
        if self.form.cleaned_data.get("newsletter"):
            lookups["subscriptions__newsletter"] = self.form.cleaned_data["newsletter"]
        if self.form.cleaned_data.get("status"):
            lookups["subscriptions__status"] = self.form.cleaned_data["status"]
        return queryset.filter(**lookups).distinct() if lookups else queryset
