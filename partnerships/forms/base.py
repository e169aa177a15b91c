"""What the register's forms share: the financial year box, lists of people and records to
pick from, and the base of the forms of a partnership's rows, which show the model's own rules
(its `clean()`) as their errors."""

import re

from crispy_forms_gds.layout import Field
from django import forms
from django.core.exceptions import ValidationError

from scraip.common.forms import ModelRulesMixin, VersionedFormMixin, gds_helper
from scraip.councils.models import Person

from ..models import financial_year_label

YEAR_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?\s*$")


class FinancialYearField(forms.CharField):
    """A financial year written "2007/08" (or "2007-08", or just "2007"), cleaned to the year it
    starts. Which years may be recorded is the model's rule (models.years.YEAR_VALIDATORS)."""

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
        return year  # the model's validators say which years may be recorded


def people_choices(field, people, empty_label):
    field.queryset = people
    field.empty_label = empty_label
    field.label_from_instance = lambda person: (
        f"{person}, {person.description}" if person.description else str(person)
    )


def _field_name(layout_item) -> str | None:
    """The field a top-level layout item shows, or None for fieldsets and HTML."""
    if isinstance(layout_item, str):
        return layout_item
    if isinstance(layout_item, Field) and isinstance(layout_item.fields[0], str):
        return layout_item.fields[0]
    return None


def plain_number_box(field) -> None:
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


class ItemForm(ModelRulesMixin, VersionedFormMixin, forms.ModelForm):
    """A row of a partnership: versioned, laid out by `layout`, checked by the model's rules,
    saved by services.item_save."""

    layout: tuple = ()
    submit = "Save"

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            plain_number_box(field)
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
