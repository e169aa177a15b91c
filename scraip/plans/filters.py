import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from scraip.common.years import municipal_year_label
from scraip.councils.models import Committee, Person, Portfolio

from .models import ActionPlan, RecommendationPart, Response


def _select(**attrs):
    return forms.Select(attrs={"class": "govuk-select", **attrs})


class ActionPlanFilter(django_filters.FilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All authorities", widget=_select()
    )
    committee = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All committees", widget=_select()
    )
    status = django_filters.ChoiceFilter(
        choices=ActionPlan.Status.choices, empty_label="Any status", widget=_select()
    )
    year = django_filters.ChoiceFilter(
        field_name="municipal_year",
        label="Municipal year",
        empty_label="Any year",
        widget=_select(),
    )

    class Meta:
        model = ActionPlan
        fields = ["authority", "committee", "status", "year"]

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["authority"].queryset = authorities
        self.filters["committee"].queryset = Committee.objects.filter(authority__in=authorities)
        self.filters["year"].extra["choices"] = year_choices(authorities)


def year_choices(authorities, plans=None) -> list[tuple[int, str]]:
    """The municipal years the councils' plans (of `plans`, if given) are filed under, newest
    first, as "2025/26"."""
    plans = ActionPlan.objects if plans is None else plans
    years = (
        plans.filter(authority__in=authorities)
        .values_list("municipal_year", flat=True)
        .distinct()
        .order_by("-municipal_year")
    )
    return [(year, municipal_year_label(year)) for year in years if year]


class PublishedPlanFilter(django_filters.FilterSet):
    """A council's published plans, for anyone: its choices come from the published plans
    alone, so they never show that a committee or a year has a draft."""

    committee = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All committees", widget=_select()
    )
    year = django_filters.ChoiceFilter(
        field_name="municipal_year",
        label="Municipal year",
        empty_label="Any year",
        widget=_select(),
    )
    decision = django_filters.ChoiceFilter(
        label="With a recommendation",
        choices=Response.Decision.choices,
        empty_label="Whatever the cabinet decided",
        method="filter_decision",
        widget=_select(),
    )
    status = django_filters.ChoiceFilter(
        choices=[(value, label) for value, label in ActionPlan.Status.choices if value != "draft"],
        empty_label="Any status",
        widget=_select(),
    )

    class Meta:
        model = ActionPlan
        fields = ["committee", "year", "decision", "status"]

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        published = ActionPlan.objects.published().filter(authority=authority)
        self.filters["committee"].queryset = Committee.objects.filter(
            pk__in=published.values("committee")
        )
        self.filters["year"].extra["choices"] = year_choices([authority], published)

    def filter_decision(self, queryset, name, value):
        answered = RecommendationPart.objects.filter(
            recommendation__action_plan=OuterRef("pk"), response__decision=value
        )
        return queryset.filter(Exists(answered))


AWAITING = "awaiting"


class RecommendationFilter(django_filters.FilterSet):
    """Filters the answerable parts: each carries its own decision and lead officer."""

    portfolio = django_filters.ModelChoiceFilter(
        field_name="recommendation__portfolio",
        queryset=None,
        label="Cabinet portfolio",
        empty_label="All portfolios",
        widget=_select(),
    )
    decision = django_filters.ChoiceFilter(
        choices=[(AWAITING, "Awaiting response"), *Response.Decision.choices],
        method="filter_decision",
        label="Decision",
        empty_label="Any decision",
        widget=_select(),
    )
    lead_officer = django_filters.ModelChoiceFilter(
        field_name="response__lead_officer",
        queryset=None,
        empty_label="Any lead officer",
        widget=_select(),
    )
    year = django_filters.ChoiceFilter(
        field_name="recommendation__action_plan__municipal_year",
        label="Municipal year",
        empty_label="Any year",
        widget=_select(),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Response overdue",
        widget=forms.Select(
            attrs={"class": "govuk-select"},
            choices=[("", "Either"), ("true", "Overdue only"), ("false", "Not overdue")],
        ),
    )

    class Meta:
        model = RecommendationPart
        fields = ["portfolio", "decision", "lead_officer", "year", "overdue"]

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["portfolio"].queryset = Portfolio.objects.filter(authority__in=authorities)
        self.filters["year"].extra["choices"] = year_choices(authorities)
        # Exists: a seek per officer of the council in the responses' lead officer index,
        # where `pk__in` would read the lead officer of every response ever given.
        leads = Response.objects.filter(lead_officer=OuterRef("pk"))
        self.filters["lead_officer"].queryset = Person.objects.officers().filter(
            Exists(leads), authority__in=authorities
        )

    def filter_decision(self, queryset, name, value):
        if value == AWAITING:
            return queryset.filter(response__isnull=True)
        return queryset.filter(response__decision=value)

    def filter_overdue(self, queryset, name, value):
        if value is True:
            # On the list's own joins: the database starts from the council's plans, where a
            # `pk__in` subquery would look for every overdue part of the network first.
            return queryset.overdue()
        overdue = RecommendationPart.objects.overdue().values("pk")
        if value is False:
            return queryset.filter(~Q(pk__in=overdue))
        return queryset
