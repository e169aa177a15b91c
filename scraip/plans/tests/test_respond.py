"""The cabinet member's response form and the seed's completion rules."""

import pytest
from django.urls import reverse
from django.utils import timezone

from scraip.plans.models import ActionPlan, Response

pytestmark = pytest.mark.django_db


def respond_url(part):
    return reverse("plans:respond", args=[part.pk])


def test_accepting_requires_action_timetable_and_lead_officer(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    page = client.post(
        respond_url(part_a), {"decision": "accepted", "explanation": "We agree with the review."}
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["action"] == ["Enter the action to be taken for an accepted recommendation"]
    assert errors["timetable_text"] == ["Enter a timetable for an accepted recommendation"]
    assert errors["lead_officer"] == ["Choose a lead officer for an accepted recommendation"]
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "We agree with the review." in html  # what was typed is kept
    assert not Response.objects.exists()


def test_partial_acceptance_has_the_same_requirements(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    page = client.post(respond_url(part_a), {"decision": "partially_accepted", "explanation": "x"})
    assert (
        "Enter the action to be taken for a partially accepted recommendation"
        in (page.context["form"].errors["action"])
    )


def test_explanation_is_always_required(client, cabinet_a, part_a, lead_officer_person):
    client.force_login(cabinet_a)
    page = client.post(
        respond_url(part_a),
        {
            "decision": "accepted",
            "action": "Adopt it",
            "timetable_text": "March 2027",
            "lead_officer": lead_officer_person.pk,
        },
    )
    assert page.context["form"].errors["explanation"] == ["Enter an explanation of the decision"]


def test_rejection_requires_reasons(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    page = client.post(respond_url(part_a), {"decision": "rejected", "explanation": "  "})
    assert page.context["form"].errors["explanation"] == [
        "Enter the reasons for rejecting the recommendation"
    ]
    assert not Response.objects.exists()


def test_rejection_takes_no_timetable_or_lead_officer(
    client, cabinet_a, part_a, lead_officer_person
):
    client.force_login(cabinet_a)
    page = client.post(
        respond_url(part_a),
        {
            "decision": "rejected",
            "explanation": "Already in the work programme.",
            "timetable_text": "March 2027",
            "lead_officer": lead_officer_person.pk,
        },
    )
    errors = page.context["form"].errors
    assert errors["timetable_text"] == ["A rejected recommendation takes no timetable"]
    assert errors["lead_officer"] == ["A rejected recommendation takes no lead officer"]


def test_a_decision_is_required_and_noted_is_not_a_decision(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    for decision in ["", "noted", "accepted_in_principle"]:
        page = client.post(respond_url(part_a), {"decision": decision, "explanation": "x"})
        assert page.status_code == 200
        assert "decision" in page.context["form"].errors
    assert not Response.objects.exists()


def test_an_impossible_timetable_is_refused_with_a_reason(
    client, cabinet_a, part_a, lead_officer_person
):
    client.force_login(cabinet_a)
    page = client.post(
        respond_url(part_a),
        {
            "decision": "accepted",
            "explanation": "Agreed",
            "action": "Do it",
            "timetable_text": "31 February 2027",
            "lead_officer": lead_officer_person.pk,
        },
    )
    assert page.context["form"].errors["timetable_text"] == [
        "Enter a real date: that day does not exist"
    ]


def test_cabinet_member_answers_in_their_own_name(client, cabinet_a, part_a, lead_officer_person):
    client.force_login(cabinet_a)
    page = client.post(
        respond_url(part_a),
        {
            "decision": "accepted",
            "explanation": "The definition is helpful.",
            "action": "Adopt the definition.",
            "timetable_text": "Mid/Late March 2027",
            "lead_officer": lead_officer_person.pk,
        },
    )
    assert page.status_code == 302
    assert page.url == reverse("plans:awaiting_response")
    response = Response.objects.get(part=part_a)
    assert response.responded_by == cabinet_a.person
    assert response.entered_by == cabinet_a
    assert response.responded_on == timezone.localdate()
    assert response.timetable_display == "Mid/Late March 2027"
    assert not response.entered_on_behalf


def test_officer_records_a_response_on_a_cabinet_members_behalf(
    client, officer, cabinet_a, part_a, plan
):
    client.force_login(officer)
    form = client.get(respond_url(part_a)).context["form"]
    assert list(form.fields["responded_by"].queryset) == [cabinet_a.person]
    page = client.post(
        respond_url(part_a),
        {
            "decision": "rejected",
            "explanation": "This is already covered by the work programme.",
            "responded_by": cabinet_a.person.pk,
            "responded_on_0": "20",
            "responded_on_1": "11",
            "responded_on_2": "2026",
        },
    )
    assert page.status_code == 302
    response = Response.objects.get(part=part_a)
    assert (response.responded_by, response.entered_by) == (cabinet_a.person, officer)
    assert response.responded_on.isoformat() == "2026-11-20"
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert "Cllr Alice Leader, 20 November 2026 (entered by Olive Officer)" in plan_page


def test_officer_must_say_whose_response_it_is(client, officer, cabinet_a, part_a):
    client.force_login(officer)
    page = client.post(respond_url(part_a), {"decision": "rejected", "explanation": "No."})
    assert page.context["form"].errors["responded_by"] == [
        "Choose the cabinet member whose response this is"
    ]


def test_last_answer_marks_the_plan_responded(client, cabinet_a, cabinet_b, part_a, part_b, plan):
    def reject(user, part):
        client.force_login(user)
        client.post(respond_url(part), {"decision": "rejected", "explanation": "No."})

    reject(cabinet_a, part_a)
    reject(cabinet_a, part_a.recommendation.parts.get(numeral="ii"))
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.AWAITING_RESPONSE
    reject(cabinet_b, part_b)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.RESPONDED


def test_another_portfolios_cabinet_member_is_refused(client, cabinet_b, part_a):
    client.force_login(cabinet_b)
    assert client.get(respond_url(part_a)).status_code == 403
    page = client.post(respond_url(part_a), {"decision": "rejected", "explanation": "No."})
    assert page.status_code == 403
    assert not Response.objects.exists()


def test_councillor_without_portfolio_is_refused(client, councillor, part_a):
    client.force_login(councillor)
    assert client.get(respond_url(part_a)).status_code == 403


def test_officer_of_another_council_cannot_see_the_part(client, other_officer, part_a):
    client.force_login(other_officer)
    assert client.get(respond_url(part_a)).status_code == 404


def test_a_draft_plan_cannot_be_answered(client, cabinet_a, part_a, plan):
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    client.force_login(cabinet_a)
    assert client.get(respond_url(part_a)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, part_a):
    page = client.get(respond_url(part_a))
    assert page.status_code == 302
    assert page.url.startswith(reverse("login"))


def test_answers_are_locked_once_the_response_is_complete(client, cabinet_a, part_a, plan):
    plan.status = ActionPlan.Status.RESPONDED
    plan.save()
    client.force_login(cabinet_a)
    assert client.get(respond_url(part_a)).status_code == 403
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Change response" not in page and ">Respond<" not in page
