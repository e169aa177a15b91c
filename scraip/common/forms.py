"""GOV.UK form helpers shared by every app: date inputs, vague dates, versioned edits."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.formats import date_format

from .fuzzydates import EXAMPLES, FuzzyDateError, format_fuzzy_date, parse_fuzzy_date
from .history import changes_since


class RealDateInputField(DateInputField):
    """A GOV.UK date input (day, month, year boxes) that answers an impossible or partial date
    with a plain message: 31 2 2027, a year of 99999999999 or a missing month are refused on the
    form instead of surfacing Python's wording, or a server error."""

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            if day or month or year:
                raise ValidationError("Enter a day, a month and a year, for example 14 1 2027")
            return None
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError("Enter a real date, for example 14 1 2027") from None


class FuzzyDateField(forms.CharField):
    """A date as councils write it; cleans to a (date, precision) pair."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"For example, {EXAMPLES}")
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_fuzzy_date(text)
        except FuzzyDateError as error:
            raise ValidationError(str(error), code="invalid") from None


class FuzzyDateFormMixin:
    """Maps each FuzzyDateField onto the model's date and precision fields."""

    fuzzy_fields: dict[str, tuple[str, str]] = {}

    def _init_fuzzy_dates(self):
        for name, (date_field, precision_field) in self.fuzzy_fields.items():
            date = getattr(self.instance, date_field)
            if date and name not in self.initial:
                self.initial[name] = format_fuzzy_date(
                    date, getattr(self.instance, precision_field)
                )

    def _apply_fuzzy_dates(self, cleaned_data):
        for name, (date_field, precision_field) in self.fuzzy_fields.items():
            if name in cleaned_data:
                date, precision = cleaned_data[name] or (None, "")
                setattr(self.instance, date_field, date)
                if precision:
                    setattr(self.instance, precision_field, precision)


class VersionedFormMixin:
    """Carries, in a hidden field, the version of the record the form was loaded at.

    The field never fails validation itself: junk or a missing value reads as version 0, which
    no record has, so the save is refused as a stale edit and the user sees what changed.
    """

    def _add_version_field(self):
        self.fields["loaded_version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=self.instance.version
        )

    @property
    def loaded_version(self) -> int:
        value = str(self.data.get(self.add_prefix("loaded_version"), ""))
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0

    def report_stale_edit(self, current) -> None:
        """Explain what the other person changed and arm the form to save over it knowingly."""
        entry, changes = changes_since(current, self.loaded_version)
        who = f"{entry.who} on {date_format(entry.when, 'DATETIME_FORMAT')}" if entry else "Someone"
        summary = "; ".join(f"{c.field}: “{c.old}” to “{c.new}”" for c in changes)
        message = f"{who} changed this after you opened it"
        message += f" ({summary})." if summary else "."
        message += " Your changes are below and have not been saved: check them, then save again."
        self.add_error(None, message)
        self.stale_changes = changes
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = str(current.version)


def gds_helper(form, *fields, submit="Save", **layout_kwargs) -> FormHelper:
    helper = FormHelper(form)
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    if fields:
        helper.layout = Layout(*fields, Submit("submit", submit))
    else:
        helper.add_input(Submit("submit", submit))
    return helper


class ModelRulesMixin:
    """Puts the model's refusals (its clean()) on the boxes the person filled in: an error on a
    date the form edits as a vague date goes on that box, a field the form has already refused
    gets no second message, and one the form does not show goes to the top."""

    fuzzy_fields: dict[str, tuple[str, str]] = {}

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            error = self._as_form_errors(error.error_dict)
            if not error.error_dict:
                return
        super().add_error(field, error)

    def _as_form_errors(self, model_errors) -> ValidationError:
        boxes = {date_field: box for box, (date_field, _) in self.fuzzy_fields.items()}
        errors = {}
        for name, messages in model_errors.items():
            box = boxes.get(name, name)
            if box != NON_FIELD_ERRORS and box not in self.fields:
                box = NON_FIELD_ERRORS
            if box == NON_FIELD_ERRORS or box not in self._errors:
                errors.setdefault(box, []).extend(messages)
        return ValidationError(errors)


class CheckboxesField(forms.ModelMultipleChoiceField):
    """Checkboxes of records. A posted id that is not a whole number the database can hold is
    refused as an invalid choice: Django checks `pk__in` without the range guard of its
    single-value lookups, so 20 digits would otherwise overflow SQLite."""

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
