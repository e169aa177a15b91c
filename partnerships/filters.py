import django_filters
from django import forms
from django.http import QueryDict

from scraip.councils.models import Authority

from .models import DefinitionState, Partnership

ALL = "all"


class PartnershipFilter(django_filters.FilterSet):
    """The council's register. Only partnerships meeting the definition are on it, so that is
    what the list shows until the officer asks for the other arrangements tested."""

    name = django_filters.CharFilter(label="Name contains", lookup_expr="icontains")
    definition = django_filters.ChoiceFilter(
        label="Definition",
        choices=[
            (DefinitionState.MEETS, "Meets the definition (the register)"),
            (DefinitionState.FAILS, "Does not meet the definition"),
            (DefinitionState.UNTESTED, "Not yet tested"),
            (ALL, "Every arrangement recorded"),
        ],
        empty_label=None,
        method="filter_definition",
    )
    kind = django_filters.ChoiceFilter(
        label="Type", choices=Partnership.Kind.choices, empty_label="Any type"
    )
    status = django_filters.ChoiceFilter(
        choices=Partnership.Status.choices, empty_label="Any status"
    )

    class Meta:
        model = Partnership
        fields = ["name", "definition", "kind", "status"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("definition"):
            data["definition"] = DefinitionState.MEETS
        super().__init__(data, *args, **kwargs)
        self.form.fields["name"].widget.attrs["class"] = "govuk-input"
        for name in ("definition", "kind", "status"):
            self.form.fields[name].widget.attrs["class"] = "govuk-select"

    def filter_definition(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(definition_state=value)


class PublicRegisterFilter(django_filters.FilterSet):
    """The public register, by council and by name."""

    name = django_filters.CharFilter(label="Name contains", lookup_expr="icontains")
    authority = django_filters.ModelChoiceFilter(
        label="Council", queryset=Authority.objects.none(), empty_label="Every council"
    )

    class Meta:
        model = Partnership
        fields = ["name", "authority"]

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["authority"].queryset = authorities
        self.form.fields["name"].widget = forms.TextInput(attrs={"class": "govuk-input"})
        self.form.fields["authority"].widget.attrs["class"] = "govuk-select"
