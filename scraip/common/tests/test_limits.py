"""Every field a person fills in keeps to its size and range, whichever way it is written: the
model refuses, so forms, the admin and imports all do."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from scraip.common.limits import PARAGRAPH_MAX_LENGTH, limited_fields
from scraip.plans.models import ActionPlan

pytestmark = pytest.mark.django_db

FIELDS = list(limited_fields())


def ids(entry):
    model, field = entry
    return f"{model._meta.label}.{field.name}"


def refused(field, value) -> set[str]:
    try:
        field.run_validators(value)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.parametrize("entry", [e for e in FIELDS if type(e[1]) is models.CharField], ids=ids)
def test_every_single_line_field_refuses_line_breaks_and_control_characters(entry):
    _, field = entry
    for text in ("Review of\nParking", "Review of\rParking", "Review\u2028of", "Review\x0bof"):
        assert "line_break" in refused(field, text)
    assert "control_character" in refused(field, "Review\x07of")
    assert refused(field, "R") == set()


@pytest.mark.parametrize(
    "entry", [e for e in FIELDS if isinstance(e[1], models.TextField)], ids=ids
)
def test_every_paragraph_field_holds_at_most_ten_thousand_characters(entry):
    _, field = entry
    assert refused(field, "x" * PARAGRAPH_MAX_LENGTH) == set()
    assert "max_length" in refused(field, "x" * (PARAGRAPH_MAX_LENGTH + 1))
    assert refused(field, "Line one\nline two\x0bafter a manual break") == set()


@pytest.mark.parametrize(
    "entry", [e for e in FIELDS if isinstance(e[1], models.DateField)], ids=ids
)
def test_every_date_lies_between_1990_and_2100(entry):
    _, field = entry
    late = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
    early = datetime.datetime(1989, 12, 31, 12, tzinfo=datetime.UTC)
    inside = datetime.datetime(2007, 5, 24, 12, tzinfo=datetime.UTC)
    if not isinstance(field, models.DateTimeField):
        late, early, inside = late.date(), early.date(), inside.date()
    assert "date_range" in refused(field, late)
    assert "date_range" in refused(field, early)
    assert refused(field, inside) == set()


def test_every_kind_of_field_is_covered():
    kinds = {type(field) for _, field in FIELDS}
    assert {models.CharField, models.TextField, models.DateField} <= kinds


def test_the_plan_form_refuses_a_title_on_two_lines_and_a_year_9999(client, officer, committee):
    client.force_login(officer)
    page = client.post(
        reverse("plans:plan_create"),
        {
            "title": "Review of\nPartnerships",
            "committee": committee.pk,
            "publication_date_0": "17",
            "publication_date_1": "9",
            "publication_date_2": "9999",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Enter this on one line, without line breaks" in html
    assert "Enter a date between 1990 and 2100" in html
    assert not ActionPlan.objects.exists()


def test_the_admin_refuses_an_over_long_recommendation(admin_client, part_b):
    recommendation = part_b.recommendation
    url = reverse("admin:plans_recommendation_change", args=[recommendation.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"text": "x" * (PARAGRAPH_MAX_LENGTH + 1)})
    page = admin_client.post(url, data)
    assert "Shorten this to 10,000 characters or fewer" in page.content.decode()
    recommendation.refresh_from_db()
    assert len(recommendation.text) < PARAGRAPH_MAX_LENGTH
