import django_filters
from django import forms
from django.db.models import Q

from scraip.common.years import municipal_year_label
from scraip.councils.models import Authority, Committee

from .models import Review, Stage, Witness


def _select(**attrs):
    return forms.Select(attrs={"class": "govuk-select", **attrs})


def _year_choices(reviews) -> list[tuple[int, str]]:
    years = reviews.values_list("programme_year", flat=True).distinct().order_by("-programme_year")
    return [(year, municipal_year_label(year)) for year in years]


class ProgrammeFilter(django_filters.FilterSet):
    """A council's work programme: its reviews, joint ones included, by committee and year."""

    authority = django_filters.ModelChoiceFilter(
        queryset=Authority.objects.all(),
        field_name="participating_authorities",
        label="Council",
        empty_label="Every council",
        widget=_select(),
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.select_related("authority"),
        field_name="commissioning_committees",
        label="Committee",
        empty_label="Every committee",
        widget=_select(),
    )
    year = django_filters.ChoiceFilter(
        field_name="programme_year",
        label="Work programme year",
        empty_label="Any year",
        widget=_select(),
    )

    class Meta:
        model = Review
        fields = ["authority", "committee", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(Review.objects.all())
        self.filters["committee"].field.label_from_instance = lambda committee: (
            f"{committee.name} ({committee.authority.short_name or committee.authority})"
        )


class NetworkFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        field_name="programme_year",
        label="Work programme year",
        empty_label="Any year",
        widget=_select(),
    )
    stage = django_filters.ChoiceFilter(
        choices=Stage.choices,
        method="filter_stage",
        label="Stage",
        empty_label="Any stage",
        widget=_select(),
    )

    class Meta:
        model = Review
        fields = ["year", "stage"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(Review.objects.all())

    def filter_stage(self, queryset, name, value):
        return queryset.in_stage(value)


class WitnessFilter(django_filters.FilterSet):
    """The directory of witnesses and experts, searched by name, organisation or topic."""

    name = django_filters.CharFilter(method="filter_name", label="Name")
    organisation = django_filters.CharFilter(method="filter_organisation", label="Organisation")
    topic = django_filters.CharFilter(method="filter_topic", label="Topic")
    status = django_filters.ChoiceFilter(
        choices=[("gave", "Gave evidence"), ("invited", "Invited, session not yet held")],
        method="filter_status",
        label="Evidence",
        empty_label="Gave evidence or invited",
        widget=_select(),
    )

    class Meta:
        model = Witness
        fields = ["name", "organisation", "topic", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["name", "organisation", "topic"]:
            self.filters[name].field.widget.attrs["class"] = "govuk-input"
            self.filters[name].field.max_length = 100

    def filter_name(self, queryset, name, value):
        return queryset.filter(person__name__icontains=value)

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__icontains=value)
            | Q(person__organisation__icontains=value)
            | Q(person__authority__name__icontains=value)
        )

    def filter_topic(self, queryset, name, value):
        return queryset.filter(
            Q(topics__icontains=value)
            | Q(role__icontains=value)
            | Q(person__job_title__icontains=value)
            | Q(part__description__icontains=value)
            | Q(part__heading__icontains=value)
            | Q(part__activity__review__title__icontains=value)
            | Q(part__activity__review__aim__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        held = value == "gave"
        return queryset.filter(part__activity__held=held)
