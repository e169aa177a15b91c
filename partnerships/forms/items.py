"""Forms of the rows of a partnership, each added and changed on its own page. What may be
recorded is each model's rules (its `clean()`); a form says only how its boxes look."""

from decimal import Decimal

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size
from django import forms

from scraip.common.forms import FuzzyDateField, FuzzyDateFormMixin, RealDateInputField
from scraip.common.uploads import CheckedFileField
from scraip.councils.models import Person

from ..models import (
    REPORT_TYPES,
    AnnualReport,
    Benefit,
    CommitteeReview,
    Contribution,
    Outcome,
    Partner,
    Representative,
    Risk,
)
from .base import FinancialYearField, ItemForm, people_choices


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
        people_choices(self.fields["person"], self.people().order_by("kind", "name"), None)


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
        people_choices(self.fields["person"], self.people().order_by("kind", "name"), "In total")
        self.fields["person"].help_text = "Leave as “In total” for everyone's time together."
        self.fields["amount"].widget.attrs["inputmode"] = "decimal"


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

    def save(self, commit=False):
        report = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "file_type"):
            report.original_name = upload.name[:255]
            report.size = upload.size
        return report


class OutcomeForm(FuzzyDateFormMixin, ItemForm):
    fuzzy_fields = {"target": ("target_date", "target_precision", "target_end")}
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
        people_choices(
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
        people_choices(self.fields["owner"], self.people().order_by("kind", "name"), "No owner yet")
        for name in ("likelihood", "impact"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"


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
        self.fields["considered_on"].error_messages["required"] = (
            "Enter the date the committee considered the partnership"
        )
        meeting = self.fields["meeting"]
        meeting.queryset = self.partnership.council_meetings()
        meeting.empty_label = "Not at a recorded meeting"
        review = self.fields["review"]
        review.queryset = self.partnership.linkable_reviews()
        review.empty_label = "None"
        report_back = self.fields["report_back"]
        report_back.queryset = self.partnership.linkable_report_backs()
        report_back.empty_label = "None"
        report_back.label_from_instance = lambda rb: f"{rb.action_plan.title}: {rb}"
