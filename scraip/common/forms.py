"""GOV.UK form helpers shared by every app: date inputs, vague dates, versioned edits."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Hidden, Layout, Size, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict
from django.utils.formats import date_format

from .fuzzydates import (
    EXAMPLES,
    FuzzyDate,
    FuzzyDateError,
    Precision,
    format_fuzzy_date,
    latest_day,
    parse_fuzzy_period,
)
from .history import changes_since
from .idempotency import FIELD as SUBMISSION_FIELD
from .idempotency import token_for


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
    """A date or period as councils write it; cleans to a FuzzyDate: (start, precision) with the
    period's last day in `.end`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"For example, {EXAMPLES}")
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_fuzzy_period(text)
        except FuzzyDateError as error:
            raise ValidationError(str(error), code="invalid") from None


class FuzzyDateFormMixin:
    """Maps each FuzzyDateField onto the model's date, precision and (where the model keeps one,
    see fuzzydates.period_end_field) end fields: {"box": ("date", "precision"[, "end"])}. A span of
    months needs an end field to be kept, so a model without one refuses it on the form."""

    fuzzy_fields: dict[str, tuple[str, ...]] = {}

    def _init_fuzzy_dates(self):
        for name, (date_field, precision_field, *end_field) in self.fuzzy_fields.items():
            date = getattr(self.instance, date_field)
            if date and name not in self.initial:
                end = getattr(self.instance, end_field[0]) if end_field else None
                self.initial[name] = format_fuzzy_date(
                    date, getattr(self.instance, precision_field), end
                )

    def _apply_fuzzy_dates(self, cleaned_data):
        for name, (date_field, precision_field, *end_field) in self.fuzzy_fields.items():
            if name not in cleaned_data:
                continue
            value = cleaned_data[name]
            if value and not isinstance(value, FuzzyDate):  # (date, precision) set by a form
                value = FuzzyDate(value[0], value[1], latest_day(value[0], value[1]))
            if value and value.precision == Precision.MONTHS and not end_field:
                self.add_error(
                    name, "Enter one month, part of a month, season or quarter here, not a span"
                )
                continue
            date, precision, end = (*value, value.end) if value else (None, "", None)
            setattr(self.instance, date_field, date)
            if precision:
                setattr(self.instance, precision_field, precision)
            if end_field:
                setattr(self.instance, end_field[0], end)


class VersionedFormMixin:
    """Carries, in a hidden field, the version of the record the form was loaded at.

    The field never fails validation itself: junk or a missing value reads as version 0, which
    no record has, so the save is refused as a stale edit and the user sees what changed.
    """

    def _add_version_field(self):
        # A form for a record not yet saved carries version 0: if someone else creates the
        # record before this form is posted, the post meets a record it never saw and is
        # refused as a stale edit instead of silently replacing the first answer.
        version = self.instance.version if self.instance.pk else 0
        self.fields["loaded_version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version
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
    """The GOV.UK layout of a form, with its one-time submission token (see
    scraip.common.idempotency), so that posting it twice saves once."""
    helper = FormHelper(form)
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    once = Hidden(SUBMISSION_FIELD, token_for(form))
    if fields:
        helper.layout = Layout(*fields, once, Submit("submit", submit))
    else:
        helper.add_input(once)
        helper.add_input(Submit("submit", submit))
    return helper


class ModelRulesMixin:
    """Puts the model's refusals (its clean()) on the boxes the person filled in: an error on a
    date the form edits as a vague date goes on that box, a field the form has already refused
    gets no second message, and one the form does not show goes to the top."""

    fuzzy_fields: dict[str, tuple[str, ...]] = {}

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            error = self._as_form_errors(error.error_dict)
            if not error.error_dict:
                return
        super().add_error(field, error)

    def _as_form_errors(self, model_errors) -> ValidationError:
        boxes = {fields[0]: box for box, fields in self.fuzzy_fields.items()}
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


# Repeating rows, the GOV.UK "add another" pattern without JavaScript: a formset's page shows a
# few empty rows and an "Add another row" button (templates/includes/add_another_row.html) that
# posts what was typed back with one more row, saving nothing; the page comes back with every
# row as typed and no error messages until the person saves.
ADD_ROW = "add_row"


def posted_rows(request, prefix: str):
    """(data for the formset `prefix`, whether the person asked for another row): None on a
    GET; the POST with the formset's row count raised by one when they pressed its button."""
    if request.method != "POST":
        return None, False
    if request.POST.get(ADD_ROW) != prefix:
        return request.POST, False
    data = request.POST.copy()
    key = f"{prefix}-TOTAL_FORMS"
    count = data.get(key, "")
    # A count the formset would refuse stays as posted: the formset then shows its own message.
    if count.isascii() and count.isdigit() and len(count) < 4:
        data[key] = str(int(count) + 1)
    return data, True


def hold_errors(*forms_and_formsets) -> None:
    """Show bound forms and formsets as typed, without checking them (another row was asked for,
    not a save): no error messages yet, and nothing cleaned onto their instances."""
    for item in forms_and_formsets:
        if isinstance(item, forms.BaseFormSet):
            hold_errors(*item.forms)
            item._errors = [form.errors for form in item.forms]
            item._non_form_errors = item.error_class()
        else:
            item._errors = ErrorDict()


def preselect_only_choice(form, *names: str) -> None:
    """A choice with one possible answer comes chosen (the on-behalf form's only cabinet member),
    unless the form already has a value for it."""
    for name in names:
        field = form.fields.get(name)
        instance = getattr(form, "instance", None)
        if field is None or form.initial.get(name) or getattr(instance, f"{name}_id", None):
            continue
        options = list(field.queryset[:2])
        if len(options) == 1:
            form.initial[name] = options[0].pk
