"""Forms of the partnership register. Each says plainly what is wrong and keeps what was typed."""

import re
from decimal import Decimal

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews.models import Review
from scraip.common.forms import (
    FuzzyDateField,
    FuzzyDateFormMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
)
from scraip.common.uploads import CheckedFileField
from scraip.councils.models import Meeting, Person
from scraip.plans.models import Recommendation, ReportBack

from .models import (
    FIRST_YEAR,
    REPORT_TYPES,
    AnnualReport,
    Answer,
    Benefit,
    ChecklistAnswer,
    ChecklistItem,
    CommitteeReview,
    Contribution,
    DefinitionCriterion,
    Outcome,
    Partner,
    Partnership,
    RegisterSettings,
    Representative,
    Risk,
    current_financial_year,
    financial_year_label,
)
from .services import default_next_review

OFFICER = Person.Kind.OFFICER
YEAR_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?\s*$")


class FinancialYearField(forms.CharField):
    """A financial year written "2007/08" (or "2007-08", or just "2007"), cleaned to the year it
    starts. Contributions, benefits and annual reports are about years that have begun."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Financial year")
        kwargs.setdefault("help_text", "For example, 2007/08")
        kwargs.setdefault("max_length", 9)
        super().__init__(**kwargs)
        self.widget.attrs["class"] = "govuk-input--width-5"
        self.error_messages["required"] = "Enter the financial year, for example 2007/08"

    def prepare_value(self, value):
        return financial_year_label(value) if isinstance(value, int) else value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = YEAR_PATTERN.match(text)
        if not match:
            raise ValidationError("Enter the financial year as in 2007/08", code="invalid")
        year, second = int(match[1]), match[2]
        if second and int(second) % 100 != (year + 1) % 100:
            raise ValidationError(
                f"{text.strip()} is not a financial year: it runs from April to March, "
                f"as in {financial_year_label(year)}",
                code="invalid",
            )
        if year < FIRST_YEAR:
            raise ValidationError(f"Enter a year from {FIRST_YEAR} on", code="too_early")
        current = current_financial_year()
        if year > current:
            raise ValidationError(
                f"{financial_year_label(year)} has not started yet: record it once the year "
                f"has begun (this is {financial_year_label(current)})",
                code="future",
            )
        return year


def _people_choices(field, people, empty_label):
    field.queryset = people
    field.empty_label = empty_label
    field.label_from_instance = lambda person: (
        f"{person}, {person.description}" if person.description else str(person)
    )


class PartnershipForm(VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    fuzzy_fields = {
        "starts": ("starts_on", "starts_precision"),
        "ends": ("ends_on", "ends_precision"),
    }
    starts = FuzzyDateField(label="Start date (optional)", required=False)
    ends = FuzzyDateField(label="End date (optional)", required=False)
    website = forms.URLField(
        label="Partnership's website (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    next_review_due = RealDateInputField(
        label="Next committee review due (optional)",
        required=False,
        require_all_fields=False,
        help_text="Recording a committee review sets this for you. For example, 1 4 2008.",
    )

    class Meta:
        model = Partnership
        fields = [
            "authority",
            "name",
            "kind",
            "purpose",
            "status",
            "lead_officer",
            "governance",
            "exit_strategy",
            "website",
            "next_review_due",
        ]
        widgets = {"status": forms.RadioSelect}
        labels = {
            "authority": "Council",
            "name": "Name of the partnership",
            "kind": "Type",
            "lead_officer": "Lead officer",
            "governance": "Governance arrangements (optional)",
            "exit_strategy": "Exit strategy (optional)",
            "website": "Partnership's website (optional)",
        }
        help_texts = {
            "purpose": "What the partnership is for, in a sentence or two.",
            "governance": "Who sits on its board, how decisions are made, who it answers to.",
            "exit_strategy": "How the council would leave the partnership if it had to.",
        }
        error_messages = {
            "name": {"required": "Enter the name of the partnership"},
            "kind": {"required": "Choose the type of partnership"},
            "purpose": {"required": "Say what the partnership is for"},
            "status": {"required": "Choose the status of the partnership"},
            "authority": {"required": "Choose the council"},
            "website": {"invalid": "Enter a full web address, starting https://"},
        }

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fuzzy_dates()
        authorities = list(authorities)
        if len(authorities) == 1 or self.instance.pk:
            del self.fields["authority"]
            if not self.instance.pk:
                self.instance.authority = authorities[0]
        else:
            self.fields["authority"].queryset = self.fields["authority"].queryset.filter(
                pk__in=[authority.pk for authority in authorities]
            )
        authority_ids = [self.instance.authority_id] if self.instance.authority_id else authorities
        _people_choices(
            self.fields["lead_officer"],
            Person.objects.officers().filter(authority__in=authority_ids),
            "No lead officer yet",
        )
        for name in ("purpose", "governance", "exit_strategy"):
            self.fields[name].widget.attrs["rows"] = 4
        self._add_version_field()
        self.helper = gds_helper(
            self,
            *(["authority"] if "authority" in self.fields else []),
            "name",
            "kind",
            "purpose",
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            "lead_officer",
            Field.text("starts", field_width=20),
            Field.text("ends", field_width=20),
            "governance",
            "exit_strategy",
            "website",
            "next_review_due",
            "loaded_version",
            submit="Save partnership",
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        authority = self.cleaned_data.get("authority") or getattr(self.instance, "authority", None)
        same = Partnership.objects.filter(authority=authority, name__iexact=name)
        if authority and same.exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"The register already has a partnership called {name}")
        return name

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends[0] < starts[0]:
            self.add_error("ends", "The end date must be after the start date")
        self._apply_fuzzy_dates(cleaned)
        return cleaned


class DefinitionTestForm(VersionedFormMixin, forms.Form):
    """The council's definition, one yes/no question a criterion, saved with the partnership."""

    def __init__(self, *args, partnership, criteria, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.criteria = list(criteria)
        layout = []
        for number, criterion in enumerate(self.criteria, start=1):
            answer = answers.get(criterion.pk)
            self.fields[f"answer_{criterion.pk}"] = forms.ChoiceField(
                label=f"{number}. {criterion.question}",
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.guidance,
                initial=answer.answer if answer else None,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=f"Note on question {number} (optional)",
                required=False,
                max_length=500,
                initial=answer.note if answer else "",
            )
            layout += [
                Field.radios(f"answer_{criterion.pk}", legend_size=Size.SMALL, inline=True),
                f"note_{criterion.pk}",
            ]
        self._add_version_field()
        self.helper = gds_helper(self, *layout, "loaded_version", submit="Save answers")

    def answers(self) -> list[tuple]:
        return [
            (
                criterion,
                self.cleaned_data[f"answer_{criterion.pk}"],
                self.cleaned_data[f"note_{criterion.pk}"].strip(),
            )
            for criterion in self.criteria
        ]


class ChecklistForm(VersionedFormMixin, forms.Form):
    """The model protocol checklist for one partnership: how far each item is met, when that
    was judged, and the evidence for it."""

    def __init__(self, *args, partnership, items, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.items = list(items)
        layout = []
        for number, item in enumerate(self.items, start=1):
            answer = answers.get(item.pk)
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=f"{number}. {item.text}",
                choices=ChecklistAnswer.Status.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=item.guidance,
                initial=answer.status if answer else None,
            )
            self.fields[f"answered_on_{item.pk}"] = RealDateInputField(
                label=f"Date item {number} was checked",
                required=False,
                require_all_fields=False,
                initial=answer.answered_on if answer else None,
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=f"Evidence for item {number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.evidence if answer else "",
                help_text="Required when the item is met or partly met.",
            )
            layout.append(
                Fieldset(
                    Field.radios(f"status_{item.pk}", legend_size=Size.SMALL, inline=True),
                    f"answered_on_{item.pk}",
                    f"evidence_{item.pk}",
                    legend=f"Item {number}",
                    legend_size=Size.SMALL,
                )
            )
        self._add_version_field()
        self.helper = gds_helper(self, *layout, "loaded_version", submit="Save checklist")

    def clean(self):
        cleaned = super().clean()
        for number, item in enumerate(self.items, start=1):
            status = cleaned.get(f"status_{item.pk}")
            answered_on = cleaned.get(f"answered_on_{item.pk}")
            evidence = (cleaned.get(f"evidence_{item.pk}") or "").strip()
            date_field, evidence_field = f"answered_on_{item.pk}", f"evidence_{item.pk}"
            if date_field in self.errors:
                continue
            if not status:
                if answered_on or evidence:
                    self.add_error(f"status_{item.pk}", f"Choose how far item {number} is met")
                continue
            if not answered_on:
                self.add_error(date_field, f"Enter the date item {number} was checked")
            elif answered_on > timezone.localdate():
                self.add_error(
                    date_field, f"The date item {number} was checked must be today or earlier"
                )
            met = (ChecklistAnswer.Status.MET, ChecklistAnswer.Status.PARTLY_MET)
            if status in met and not evidence:
                self.add_error(evidence_field, f"Give the evidence that item {number} is met")
        return cleaned

    def answers(self) -> list[tuple]:
        return [
            (
                item,
                self.cleaned_data[f"status_{item.pk}"],
                self.cleaned_data[f"answered_on_{item.pk}"],
                self.cleaned_data[f"evidence_{item.pk}"].strip(),
            )
            for item in self.items
        ]


class PickManyField(forms.ModelMultipleChoiceField):
    """Checkboxes of records. A posted id too long for the database is simply not a choice
    (Django checks `pk__in` without the range guard its single-value lookups have)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit()) or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class LinksForm(VersionedFormMixin, forms.Form):
    """The recommendations and reviews about a partnership, saved with the partnership."""

    recommendations = PickManyField(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Recommendations about this partnership",
    )
    reviews = PickManyField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Reviews of this partnership",
    )

    def __init__(self, *args, partnership, recommendations, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.fields["recommendations"].queryset = recommendations
        self.fields["recommendations"].label_from_instance = lambda recommendation: (
            f"{recommendation.action_plan.title}: {recommendation}"
        )
        self.fields["reviews"].queryset = reviews
        self.initial.setdefault(
            "recommendations", [r.pk for r in partnership.recommendations.all()]
        )
        self.initial.setdefault("reviews", [r.pk for r in partnership.reviews.all()])
        self._add_version_field()
        self.helper = gds_helper(
            self,
            Field.checkboxes("recommendations", legend_size=Size.SMALL, small=True),
            Field.checkboxes("reviews", legend_size=Size.SMALL, small=True),
            "loaded_version",
            submit="Save links",
        )


class RecommendationLinksForm(forms.Form):
    """Which partnerships a recommendation concerns. `shown` carries the links the page showed,
    so only what this officer changed is applied."""

    partnerships = PickManyField(
        queryset=Partnership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partnerships this recommendation concerns",
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, recommendation, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = partnerships
        linked = [p.pk for p in recommendation.partnerships.all()]
        self.initial.setdefault("partnerships", linked)
        self.initial.setdefault("shown", ",".join(str(pk) for pk in linked))
        self.helper = gds_helper(
            self,
            Field.checkboxes("partnerships", legend_size=Size.SMALL, small=True),
            "shown",
            submit="Save partnerships",
        )

    def clean_shown(self):
        parts = (self.cleaned_data["shown"] or "").split(",")
        return {int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 10}

    def changes(self) -> tuple[list, list]:
        chosen = set(self.cleaned_data["partnerships"])
        shown = self.cleaned_data["shown"]
        added = [p for p in chosen if p.pk not in shown]
        offered = self.fields["partnerships"].queryset.filter(pk__in=shown)
        removed = [p for p in offered if p not in chosen]
        return added, removed


# Rows of a partnership, each added and changed on its own page.


def _field_name(layout_item) -> str | None:
    """The field a top-level layout item shows, or None for fieldsets and HTML."""
    if isinstance(layout_item, str):
        return layout_item
    if isinstance(layout_item, Field) and isinstance(layout_item.fields[0], str):
        return layout_item.fields[0]
    return None


def _plain_number_box(field) -> None:
    """GOV.UK asks for a text box with a numeric keyboard rather than <input type=number>,
    whose min and max would also let the browser refuse a negative number before the form can
    say why."""
    if isinstance(field.widget, forms.NumberInput):
        decimal = isinstance(field, forms.DecimalField)
        attrs = {
            key: value
            for key, value in field.widget.attrs.items()
            if key not in ("min", "max", "step")
        }
        attrs["inputmode"] = "decimal" if decimal else "numeric"
        field.widget = forms.TextInput(attrs=attrs)


class ItemForm(VersionedFormMixin, forms.ModelForm):
    """A row of a partnership: versioned, laid out by `layout`, saved by services.item_save."""

    layout: tuple = ()
    submit = "Save"

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            _plain_number_box(field)
            if isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
                # A radio button for "no choice" only confuses: leaving all unticked says it.
                field.choices = [choice for choice in field.choices if choice[0] != ""]
        self.setup()
        self._add_version_field()
        layout = [item for item in self.layout if _field_name(item) in (None, *self.fields)]
        self.helper = gds_helper(self, *layout, "loaded_version", submit=self.submit)
        if self.is_multipart():
            self.helper.attrs = {"enctype": "multipart/form-data"}

    def setup(self):
        """Per-form choices, set before the layout is built."""

    def people(self, kinds=(Person.Kind.OFFICER, Person.Kind.COUNCILLOR)):
        return Person.objects.filter(authority=self.partnership.authority_id, kind__in=kinds)


class PartnerForm(ItemForm):
    layout = ("organisation", Field.radios("sector", legend_size=Size.SMALL), "role")
    submit = "Save partner"

    class Meta:
        model = Partner
        fields = ["organisation", "sector", "role"]
        widgets = {"sector": forms.RadioSelect}
        labels = {"organisation": "Organisation", "role": "Role in the partnership (optional)"}
        help_texts = {"role": "For example, lead body, funder or member."}
        error_messages = {
            "organisation": {"required": "Enter the name of the partner organisation"},
            "sector": {"required": "Choose the partner's sector"},
        }


class RepresentativeForm(ItemForm):
    layout = ("person", "role")
    submit = "Save representative"

    class Meta:
        model = Representative
        fields = ["person", "role"]
        labels = {"person": "Councillor or officer", "role": "Role"}
        error_messages = {
            "person": {"required": "Choose the councillor or officer"},
            "role": {"required": "Enter their role, for example board member"},
        }

    def setup(self):
        _people_choices(self.fields["person"], self.people().order_by("kind", "name"), None)

    def clean_person(self):
        person = self.cleaned_data["person"]
        taken = Representative.objects.filter(partnership=self.partnership, person=person)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"{person} is already listed as a representative")
        return person


class ContributionForm(ItemForm):
    layout = (
        "year",
        Field.radios("kind", legend_size=Size.SMALL),
        "person",
        Field.text("amount", field_width=10),
        Field.radios("unit", legend_size=Size.SMALL, inline=True),
        "note",
    )
    submit = "Save contribution"
    year = FinancialYearField()
    amount = forms.DecimalField(
        label="Amount",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        help_text="Hours, days or pounds: choose which below.",
        error_messages={
            "required": "Enter the amount of time or money",
            "invalid": "Enter the amount as a number, such as 12.5 or 1500",
            "min_value": "The amount cannot be negative",
            "max_digits": "Enter an amount under 10,000,000,000",
            "max_decimal_places": "Enter the amount to no more than 2 decimal places",
            "max_whole_digits": "Enter an amount under 10,000,000,000",
        },
    )

    class Meta:
        model = Contribution
        fields = ["year", "kind", "person", "amount", "unit", "note"]
        widgets = {"kind": forms.RadioSelect, "unit": forms.RadioSelect}
        labels = {
            "kind": "What was given",
            "person": "Given by (optional)",
            "unit": "Unit",
            "note": "Note (optional)",
        }
        error_messages = {
            "kind": {"required": "Choose officer time, councillor time or money"},
            "unit": {"required": "Choose hours, days or pounds"},
        }

    def setup(self):
        _people_choices(self.fields["person"], self.people().order_by("kind", "name"), "In total")
        self.fields["person"].help_text = "Leave as “In total” for everyone's time together."
        self.fields["amount"].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        cleaned = super().clean()
        kind, unit, person = cleaned.get("kind"), cleaned.get("unit"), cleaned.get("person")
        money = kind == Contribution.Kind.MONEY
        if kind and unit:
            if money and unit != Contribution.Unit.POUNDS:
                self.add_error("unit", "Give money in pounds")
            elif not money and unit == Contribution.Unit.POUNDS:
                self.add_error("unit", "Give time in hours or days")
        if person and money:
            self.add_error("person", "Money is given by the council: leave this as “In total”")
        expected = {
            Contribution.Kind.OFFICER_TIME: Person.Kind.OFFICER,
            Contribution.Kind.COUNCILLOR_TIME: Person.Kind.COUNCILLOR,
        }.get(kind)
        if person and expected and person.kind != expected:
            self.add_error(
                "person",
                f"{person} is not {'an officer' if expected == OFFICER else 'a councillor'}",
            )
        return cleaned


class BenefitForm(ItemForm):
    layout = (
        "year",
        "description",
        Fieldset(
            HTML('<p class="govuk-body-s">Fill these in if the benefit can be counted.</p>'),
            "measure",
            Field.text("value", field_width=10),
            Field.text("unit", field_width=10),
            legend="Measure (optional)",
            legend_size=Size.SMALL,
        ),
    )
    submit = "Save benefit"
    year = FinancialYearField()

    class Meta:
        model = Benefit
        fields = ["year", "description", "measure", "value", "unit"]
        labels = {"description": "The benefit", "measure": "What is counted"}
        help_texts = {
            "description": "What the council and residents gained, in words.",
            "measure": "For example, homes brought back into use.",
            "unit": "For example, homes, £ or %.",
        }
        error_messages = {
            "description": {"required": "Describe the benefit"},
            "value": {"invalid": "Enter the value as a number, such as 40 or 2.5"},
        }

    def clean(self):
        cleaned = super().clean()
        measure = (cleaned.get("measure") or "").strip()
        value = cleaned.get("value")
        if measure and value is None and "value" not in self.errors:
            self.add_error("value", "Enter the value of the measure")
        if value is not None and not measure:
            self.add_error("measure", "Say what the value counts")
        if not measure and (cleaned.get("unit") or "").strip():
            self.add_error("measure", "Say what the value counts")
        return cleaned


class AnnualReportForm(ItemForm):
    layout = ("year", "title", "file")
    submit = "Upload report"
    year = FinancialYearField()
    file = CheckedFileField(
        label="The report",
        extensions=REPORT_TYPES,
        help_text="A PDF, Word or OpenDocument file, up to 10 MB.",
        error_messages={"required": "Choose the report's file"},
    )

    class Meta:
        model = AnnualReport
        fields = ["year", "title", "file"]
        labels = {"title": "Title"}
        help_texts = {"title": "For example, Community Safety Partnership annual report."}
        error_messages = {"title": {"required": "Enter the report's title"}}

    def setup(self):
        if self.instance.pk:
            self.fields["file"].required = False
            self.fields["file"].help_text = "Leave empty to keep the current file."
            self.submit = "Save report"

    def clean_year(self):
        year = self.cleaned_data["year"]
        taken = AnnualReport.objects.filter(partnership=self.partnership, year=year)
        if year and taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                f"There is already an annual report for {financial_year_label(year)}. "
                "Remove it first if this one replaces it."
            )
        return year

    def save(self, commit=False):
        report = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "file_type"):
            report.original_name = upload.name[:255]
            report.size = upload.size
        return report


class OutcomeForm(FuzzyDateFormMixin, ItemForm):
    fuzzy_fields = {"target": ("target_date", "target_precision")}
    layout = (
        Field.radios("kind", legend_size=Size.SMALL, inline=True),
        "description",
        "measure",
        Field.text("target", field_width=20),
        "lead",
    )
    submit = "Save"
    target = FuzzyDateField(label="Target date (optional)", required=False)

    class Meta:
        model = Outcome
        fields = ["kind", "description", "measure", "lead"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": "Outcome or action", "measure": "How success is measured (optional)"}
        error_messages = {"description": {"required": "Describe the outcome or action"}}

    def setup(self):
        self._init_fuzzy_dates()
        _people_choices(
            self.fields["lead"], self.people([Person.Kind.OFFICER]), "No lead officer yet"
        )
        # Once set, a target date moves only with a reason (the progress page's own form).
        if self.instance.pk and self.instance.target_date:
            del self.fields["target"]

    def clean(self):
        cleaned = super().clean()
        self._apply_fuzzy_dates(cleaned)
        return cleaned


class RiskForm(ItemForm):
    layout = (
        "description",
        Field.text("likelihood", field_width=2),
        Field.text("impact", field_width=2),
        "mitigation",
        "owner",
        Field.checkbox("on_corporate_register"),
        Field.text("corporate_reference", field_width=10),
    )
    submit = "Save risk"
    likelihood = forms.IntegerField(
        label="Likelihood, from 1 to 5",
        min_value=1,
        max_value=5,
        help_text="1 is rare, 5 almost certain.",
        error_messages={
            "required": "Enter the likelihood, from 1 to 5",
            "invalid": "Enter the likelihood as a whole number from 1 to 5",
            "min_value": "Likelihood must be from 1 (rare) to 5 (almost certain)",
            "max_value": "Likelihood must be from 1 (rare) to 5 (almost certain)",
        },
    )
    impact = forms.IntegerField(
        label="Impact, from 1 to 5",
        min_value=1,
        max_value=5,
        help_text="1 is negligible, 5 severe.",
        error_messages={
            "required": "Enter the impact, from 1 to 5",
            "invalid": "Enter the impact as a whole number from 1 to 5",
            "min_value": "Impact must be from 1 (negligible) to 5 (severe)",
            "max_value": "Impact must be from 1 (negligible) to 5 (severe)",
        },
    )

    class Meta:
        model = Risk
        fields = [
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "on_corporate_register",
            "corporate_reference",
        ]
        labels = {
            "description": "The risk",
            "mitigation": "Mitigation (optional)",
            "owner": "Risk owner (optional)",
            "on_corporate_register": "This risk belongs on the corporate risk register",
            "corporate_reference": "Corporate risk register reference (optional)",
        }
        help_texts = {"mitigation": "What is done to make the risk less likely or less harmful."}
        error_messages = {"description": {"required": "Describe the risk"}}

    def setup(self):
        _people_choices(
            self.fields["owner"], self.people().order_by("kind", "name"), "No owner yet"
        )
        for name in ("likelihood", "impact"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("corporate_reference") or "").strip() and not cleaned.get(
            "on_corporate_register"
        ):
            self.add_error(
                "on_corporate_register",
                "Tick this box if the risk has a corporate risk register reference",
            )
        return cleaned


class CommitteeReviewForm(ItemForm):
    layout = ("considered_on", "meeting", "review", "report_back", "summary", "next_review_due")
    submit = "Save committee review"
    considered_on = RealDateInputField(
        label="Date the committee considered it", require_all_fields=False
    )
    next_review_due = RealDateInputField(
        label="Next review due (optional)",
        required=False,
        require_all_fields=False,
        help_text="Leave blank for the council's usual interval after this review.",
    )

    class Meta:
        model = CommitteeReview
        fields = ["considered_on", "meeting", "review", "report_back", "summary", "next_review_due"]
        labels = {
            "meeting": "Meeting (optional)",
            "review": "Task-and-finish review (optional)",
            "report_back": "SCRAIP report-back (optional)",
        }
        error_messages = {"summary": {"required": "Say what the committee concluded"}}

    def setup(self):
        authority = self.partnership.authority_id
        self.fields["considered_on"].error_messages["required"] = (
            "Enter the date the committee considered the partnership"
        )
        meeting = self.fields["meeting"]
        meeting.queryset = Meeting.objects.filter(committee__authority=authority).select_related(
            "committee"
        )
        meeting.empty_label = "Not at a recorded meeting"
        review = self.fields["review"]
        review.queryset = Review.objects.for_authorities([authority])
        review.empty_label = "None"
        report_back = self.fields["report_back"]
        report_back.queryset = ReportBack.objects.filter(
            action_plan__authority=authority, action_plan__deleted_at__isnull=True
        ).select_related("action_plan")
        report_back.empty_label = "None"
        report_back.label_from_instance = lambda rb: f"{rb.action_plan.title}: {rb}"

    def clean(self):
        cleaned = super().clean()
        considered_on = cleaned.get("considered_on")
        if considered_on and considered_on > timezone.localdate():
            self.add_error(
                "considered_on", "The date the committee considered it must be today or earlier"
            )
        next_due = cleaned.get("next_review_due")
        if considered_on and next_due and next_due <= considered_on:
            self.add_error("next_review_due", "The next review must come after this one")
        if considered_on and not next_due and "next_review_due" not in self.errors:
            cleaned["next_review_due"] = default_next_review(
                considered_on, self.partnership.authority_id
            )
        meeting = cleaned.get("meeting")
        if meeting and considered_on and meeting.date != considered_on:
            self.add_error(
                "meeting", f"That meeting was on {meeting.date:%-d %B %Y}, not the date above"
            )
        return cleaned


# The council's settings: the priority line, the definition and the checklist.


class RegisterSettingsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = RegisterSettings
        fields = ["above_the_line", "review_interval_months", "hours_per_day"]
        error_messages = {
            "above_the_line": {"invalid": "Enter a whole number, such as 5"},
            "review_interval_months": {"invalid": "Enter a whole number of months, such as 6"},
            "hours_per_day": {"invalid": "Enter the hours as a number, such as 7.4"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            _plain_number_box(self.fields[name])
            self.fields[name].widget.attrs["class"] = "govuk-input--width-4"
        self._add_version_field()
        self.helper = gds_helper(self, *self.Meta.fields, "loaded_version", submit="Save settings")


class VersionOnlyForm(VersionedFormMixin, forms.Form):
    """Carries the settings' version beside a formset of criteria or checklist items."""

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self._add_version_field()


class CriterionForm(forms.ModelForm):
    class Meta:
        model = DefinitionCriterion
        fields = ["question", "meets_when", "guidance"]
        widgets = {"meets_when": forms.RadioSelect, "guidance": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "question": "Question",
            "meets_when": "An arrangement meets the definition when the answer is",
            "guidance": "Guidance (optional)",
        }
        help_texts = {"question": "For example, Do the partners share a common goal?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meets_when"].required = False
        self.fields["question"].required = False

    def has_changed(self):
        """A new row left without a question is an unused blank, whatever its radio says."""
        if self.instance.pk is None and not self.data.get(self.add_prefix("question"), "").strip():
            return False
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("DELETE"):
            if not (cleaned.get("question") or "").strip() and "question" not in self.errors:
                self.add_error("question", "Enter the question")
            if not cleaned.get("meets_when"):
                cleaned["meets_when"] = Answer.YES
        return cleaned


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["text", "guidance"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": "Checklist item", "guidance": "Guidance (optional)"}

    def clean(self):
        cleaned = super().clean()
        blank = not (cleaned.get("text") or "").strip() and "text" not in self.errors
        if self.has_changed() and not cleaned.get("DELETE") and blank:
            self.add_error("text", "Enter the checklist item")
        return cleaned


def _configuration_formset(model, form):
    return forms.modelformset_factory(
        model, form=form, extra=2, can_delete=True, max_num=60, absolute_max=60, validate_max=True
    )


CriterionFormSet = _configuration_formset(DefinitionCriterion, CriterionForm)
ChecklistItemFormSet = _configuration_formset(ChecklistItem, ChecklistItemForm)


class PriorityForm(VersionedFormMixin, forms.Form):
    """The ranked list: a number per partnership and the count above the line."""

    above_the_line = forms.IntegerField(
        label="How many partnerships are above the line",
        min_value=0,
        max_value=1000,
        error_messages={
            "required": "Enter how many partnerships are above the line, or 0",
            "invalid": "Enter a whole number, such as 5",
            "min_value": "The number above the line cannot be negative",
            "max_value": "Enter a number no greater than 1000",
        },
    )

    def __init__(self, *args, register_settings, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = register_settings
        self.partnerships = list(partnerships)
        self.initial.setdefault("above_the_line", register_settings.above_the_line)
        _plain_number_box(self.fields["above_the_line"])
        self.fields["above_the_line"].widget.attrs["class"] = "govuk-input--width-4"
        for partnership in self.partnerships:
            self.fields[f"rank_{partnership.pk}"] = forms.IntegerField(
                label=f"Rank of {partnership.name}",
                required=False,
                min_value=1,
                max_value=100000,
                initial=partnership.priority_rank,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
                error_messages={
                    "invalid": f"Enter the rank of {partnership.name} as a whole number",
                    "min_value": f"The rank of {partnership.name} must be 1 or more",
                    "max_value": f"The rank of {partnership.name} is too large",
                },
            )
        self._add_version_field()

    def rank_fields(self):
        return [(partnership, self[f"rank_{partnership.pk}"]) for partnership in self.partnerships]

    def ranks(self) -> dict:
        return {p: self.cleaned_data.get(f"rank_{p.pk}") for p in self.partnerships}
