"""Once the cabinet has answered a recommendation its wording is locked: a correction is an
amendment with a reason, kept in the history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scraip.common.versioning import WorkflowError
from scraip.plans import services
from scraip.plans.models import Recommendation, RecommendationPart
from scraip.plans.tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def edit(client, recommendation, **fields):
    data = {
        "letter": recommendation.letter,
        "position": str(recommendation.position),
        "text": recommendation.text,
        "portfolio": recommendation.portfolio_id or "",
        "loaded_version": str(recommendation.version),
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
        **fields,
    }
    return client.post(reverse("plans:recommendation_edit", args=[recommendation.pk]), data)


@pytest.fixture
def answered(part_b):
    ResponseFactory(part=part_b)
    return part_b.recommendation


def test_the_wording_of_an_unanswered_recommendation_can_change(client, officer, part_b):
    client.force_login(officer)
    page = edit(client, part_b.recommendation, text="Reworded before any answer.")
    assert page.status_code == 302
    assert Recommendation.objects.get(pk=part_b.recommendation_id).text == (
        "Reworded before any answer."
    )


def test_the_edit_form_refuses_rewording_an_answered_recommendation(client, officer, answered):
    before = answered.text
    client.force_login(officer)
    page = edit(client, answered, text="Quietly reworded.")
    html = page.content.decode()
    assert page.status_code == 200
    assert "its wording is locked" in html
    assert "Quietly reworded." in html  # the person's input stays on the form
    assert Recommendation.objects.get(pk=answered.pk).text == before


def test_the_edit_form_records_an_amendment_with_its_reason(client, officer, answered):
    client.force_login(officer)
    page = edit(client, answered, text="Corrected wording.", amendment_reason="Typo in the report")
    assert page.status_code == 302
    answered.refresh_from_db()
    assert answered.text == "Corrected wording."
    amendment = answered.amendments().get()
    assert (amendment.text, amendment.history_change_reason) == (
        "Corrected wording.",
        "Typo in the report",
    )
    assert amendment.history_user == officer
    html = client.get(reverse("plans:recommendation_edit", args=[answered.pk])).content.decode()
    assert "Amended on 23 November 2026: Typo in the report" in html


def test_other_fields_of_an_answered_recommendation_still_change(client, officer, answered):
    client.force_login(officer)
    page = edit(client, answered, note="Moved for clarity")
    assert page.status_code == 302
    assert Recommendation.objects.get(pk=answered.pk).note == "Moved for clarity"


def test_the_model_and_the_service_refuse_rewording(answered):
    answered.text = "Reworded by a script."
    with pytest.raises(ValidationError, match="wording is locked"):
        answered.full_clean()
    with pytest.raises(WorkflowError, match="wording is locked"):
        services.recommendation_save(recommendation=answered, loaded_version=answered.version)
    assert Recommendation.objects.get(pk=answered.pk).text != "Reworded by a script."


def test_the_amend_service_needs_a_reason_and_records_it(answered, officer):
    with pytest.raises(WorkflowError, match="reason"):
        services.recommendation_amend(recommendation=answered, text="New", reason=" ", by=officer)
    with pytest.raises(WorkflowError, match="100 characters"):
        services.recommendation_amend(
            recommendation=answered, text="New", reason="x" * 101, by=officer
        )
    assert Recommendation.objects.get(pk=answered.pk).text != "New"
    services.recommendation_amend(
        recommendation=answered, text="New", reason="Cabinet asked", by=officer
    )
    assert [(row.text, row.history_change_reason) for row in answered.amendments()] == [
        ("New", "Cabinet asked")
    ]


def test_an_over_long_reason_is_refused_on_the_form(client, officer, answered):
    client.force_login(officer)
    page = edit(client, answered, text="Corrected.", amendment_reason="x" * 101)
    assert page.status_code == 200
    assert "at most 100 characters" in page.content.decode()
    assert Recommendation.objects.get(pk=answered.pk).text != "Corrected."


def edit_parts(client, part, **changes):
    """Post the recommendation's edit page with its sub-parts as stored, changed by
    `changes` ({"numeral" or "text": value} for `part`)."""
    recommendation = Recommendation.objects.get(pk=part.recommendation_id)
    parts = list(recommendation.parts.all())
    data = {
        "parts-TOTAL_FORMS": str(len(parts)),
        "parts-INITIAL_FORMS": str(len(parts)),
    }
    for index, each in enumerate(parts):
        values = {"numeral": each.numeral, "text": each.text}
        if each.pk == part.pk:
            values |= {k: v for k, v in changes.items() if k in values}
        data |= {
            f"parts-{index}-id": each.pk,
            f"parts-{index}-numeral": values["numeral"],
            f"parts-{index}-text": values["text"],
        }
    extra = {k: v for k, v in changes.items() if k not in ("numeral", "text")}
    return edit(client, recommendation, **data, **extra)


def test_an_answered_sub_parts_wording_is_locked_too(client, officer, part_a):
    """Issue 11.7: rewording sub-part (i) after the cabinet answered it is an amendment."""
    ResponseFactory(part=part_a)
    before = part_a.text
    client.force_login(officer)
    page = edit_parts(client, part_a, text="Quietly reworded sub-part.")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sub-part (i) has been answered, so its wording is locked" in html
    assert "Quietly reworded sub-part." in html
    assert RecommendationPart.objects.get(pk=part_a.pk).text == before

    page = edit_parts(
        client, part_a, text="Corrected sub-part.", amendment_reason="Typo in sub-part (i)"
    )
    assert page.status_code == 302
    part_a.refresh_from_db()
    assert part_a.text == "Corrected sub-part."
    assert part_a.history.first().history_change_reason == "Typo in sub-part (i)"


def test_an_unanswered_sub_part_of_an_answered_recommendation_can_change(client, officer, part_a):
    ResponseFactory(part=part_a)
    other = RecommendationPart.objects.get(recommendation=part_a.recommendation, numeral="ii")
    client.force_login(officer)
    page = edit_parts(client, other, text="Reworded before its own answer.")
    assert page.status_code == 302
    assert RecommendationPart.objects.get(pk=other.pk).text == "Reworded before its own answer."


def test_the_model_refuses_rewording_an_answered_sub_part(part_a):
    ResponseFactory(part=part_a)
    part_a.text = "Reworded by a script."
    with pytest.raises(ValidationError, match="Sub-part \\(i\\) has been answered"):
        part_a.full_clean()
    part_a._change_reason = "Corrected at the cabinet's request"
    part_a.full_clean()
