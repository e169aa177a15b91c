import django_filters
from django import forms
from django.utils import timezone

from scraip.councils.models import Committee, Meeting


def _select(**attrs):
    return forms.Select(attrs={"class": "govuk-select", **attrs})


class MeetingFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All committees", widget=_select()
    )
    status = django_filters.ChoiceFilter(
        choices=Meeting.Status.choices, empty_label="Any status", widget=_select()
    )
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "Today and later"), ("past", "Before today")],
        method="filter_when",
        label="When",
        empty_label="Any time",
        widget=_select(),
    )

    class Meta:
        model = Meeting
        fields = ["committee", "status", "when"]

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["committee"].queryset = Committee.objects.filter(authority__in=authorities)

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.filter(date__gte=today).order_by("date", "pk")
        if value == "past":
            return queryset.filter(date__lt=today)
        return queryset
