"""Posting the Django admin's forms in tests: what its add or change page would post unchanged,
its main form and every inline, for a test to change one thing in."""

from django import forms
from django.contrib.admin.widgets import ManyToManyRawIdWidget


def admin_form_data(response) -> dict:
    data: dict = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    return data


def add_inline_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Append new rows to an inline: `rows` of field values, by field name."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{total + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def _form_data(form, data: dict) -> None:
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif value is None:
            data[key] = ""
        elif isinstance(widget, ManyToManyRawIdWidget):
            data[key] = ",".join(str(pk) for pk in value)
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
