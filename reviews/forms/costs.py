"""The review's day rate and its cost table. The admin's cost lines inline uses the formset."""

from django import forms

from scraip.common.forms import VersionedFormMixin
from scraip.councils.models import Authority

from .. import services
from ..models import CostItem, Review


class DayRateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Review
        fields = ["day_rate"]
        labels = {"day_rate": "Cost of a support day (£, optional)"}
        help_texts = {"day_rate": "Used for every line below that gives no rate of its own."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day_rate"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["day_rate"].error_messages["invalid"] = "Enter the day rate in pounds, like 650"
        self.fields["day_rate"].error_messages["max_digits"] = "Enter a smaller day rate"
        self._add_version_field()


class CostItemForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = ["activity", "support_days", "day_rate", "shared", "borne_by", "comments"]
        labels = {
            "activity": "Activity",
            "support_days": "Support time (days)",
            "day_rate": "Day rate (£, optional)",
            "shared": "Shared equally between the councils taking part",
            "borne_by": "Paid by",
            "comments": "Comments (optional)",
        }

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_days"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["day_rate"].widget.attrs["class"] = "govuk-input--width-10"
        for name, what in [
            ("support_days", "the number of days, like 2.5"),
            ("day_rate", "the day rate in pounds, like 650"),
        ]:
            self.fields[name].error_messages["invalid"] = f"Enter {what}"
            self.fields[name].error_messages["max_digits"] = f"Enter {what}"
            self.fields[name].error_messages["max_decimal_places"] = f"Enter {what}"
            self.fields[name].error_messages["max_whole_digits"] = f"Enter {what}"
        self.fields["activity"].error_messages["required"] = "Enter the activity"
        self.fields["support_days"].error_messages["required"] = "Enter the support time in days"
        self.fields["support_days"].error_messages["min_value"] = (
            "The support time cannot be negative"
        )
        self.fields["day_rate"].error_messages["min_value"] = "The day rate cannot be negative"
        self.fields["borne_by"].queryset = Authority.objects.filter(
            pk__in=[authority.pk for authority in authorities]
        )
        self.fields["borne_by"].choices = [("", "Each council in full, unless shared")] + [
            (authority.pk, authority.name) for authority in authorities
        ]
        self.fields["borne_by"].error_messages["invalid_choice"] = (
            "Choose one of the councils taking part"
        )

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed() or cleaned.get("DELETE"):
            return cleaned
        if not cleaned.get("activity") and "activity" not in self.errors:
            self.add_error("activity", "Enter the activity")
        if cleaned.get("support_days") is None and "support_days" not in self.errors:
            self.add_error("support_days", "Enter the support time in days")
        return cleaned


class BaseCostItemFormSet(forms.BaseInlineFormSet):
    """The review's lines. A line without a rate of its own takes the review's day rate: the
    one posted with the lines, as the review form in the same request has set it."""

    def clean(self):
        super().clean()
        lines = [
            form
            for form in self.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        errors = services.review_costs_errors(
            items=[form.instance for form in lines],
            default_day_rate=self.instance.day_rate,
            participant_ids=self.instance.participating_authority_ids,
        )
        for index, fields in errors.items():
            form = lines[index]
            for field, messages in fields.items():
                if field not in form.errors:
                    for message in messages:
                        form.add_error(field, message)

    def changes(self) -> dict:
        """The lines as they will be, in order; those changed; those removed."""
        changed = super().save(commit=False)
        kept = [
            form.instance
            for form in self.forms
            if form.instance.activity and form not in self.deleted_forms
        ]
        return {"items": kept, "changed": changed, "removed": list(self.deleted_objects)}

    def save(self, commit=True):
        changes = self.changes()
        services.review_costs_save(review=self.instance, loaded_version=None, **changes)
        return changes["changed"]


CostItemFormSet = forms.inlineformset_factory(
    Review,
    CostItem,
    form=CostItemForm,
    formset=BaseCostItemFormSet,
    extra=3,
    can_delete=True,
    max_num=60,
    absolute_max=60,
    validate_max=True,
)
