"""Forms of the council's settings for its register: the settings themselves, the criteria of
its definition, the items of its protocol checklist, and the priority list with its line."""

from django import forms

from scraip.common.forms import VersionedFormMixin, gds_helper

from ..models import Answer, ChecklistItem, DefinitionCriterion, RegisterSettings
from .base import plain_number_box


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
            plain_number_box(self.fields[name])
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


class ConfigurationFormSet(forms.BaseModelFormSet):
    """The council's criteria or checklist items, in the order shown, two blank rows to add."""

    def rows(self) -> list[dict]:
        """The rows the officer added or changed, with their place in the list, as
        services.definition_criteria_save and checklist_items_save take them."""
        deleted = set(self.deleted_forms)
        fields = self.form._meta.fields
        return [
            {
                "pk": form.instance.pk,
                "position": position,
                **{name: form.cleaned_data[name] for name in fields},
            }
            for position, form in enumerate(self.forms, start=1)
            if form not in deleted and form.has_changed()
        ]

    def removed(self) -> list[int]:
        return [form.instance.pk for form in self.deleted_forms if form.instance.pk]


def _configuration_formset(model, form):
    return forms.modelformset_factory(
        model,
        form=form,
        formset=ConfigurationFormSet,
        extra=2,
        can_delete=True,
        max_num=60,
        absolute_max=60,
        validate_max=True,
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
        plain_number_box(self.fields["above_the_line"])
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

    def ranks(self) -> dict[int, int | None]:
        """{partnership pk: rank or None}, as services.priority_save takes them."""
        return {p.pk: self.cleaned_data.get(f"rank_{p.pk}") for p in self.partnerships}
