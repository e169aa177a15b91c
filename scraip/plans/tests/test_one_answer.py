"""One answer for several sub-parts (seed 001's D and H): stored on each part, printed once."""

import datetime

import pytest
from django.urls import reverse

from scraip.common.softdelete import soft_delete
from scraip.common.versioning import WorkflowError
from scraip.plans import services
from scraip.plans.models import Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, ResponseFactory
from scraip.plans.tests.test_pdf import fetch_pdf

pytestmark = pytest.mark.django_db

ANSWER_D = (
    "The action plans and agreed outcomes from each of the partnerships will be included in "
    "the package of work."
)


@pytest.fixture
def recommendation_d(plan, portfolio_b):
    recommendation = RecommendationFactory(
        action_plan=plan, letter="D", position=4, portfolio=portfolio_b, text="Partnerships."
    )
    PartFactory(
        recommendation=recommendation,
        numeral="i",
        position=1,
        text="That the action plans and agreed outcomes of partnerships be added to the "
        "partnerships web page.",
    )
    PartFactory(
        recommendation=recommendation,
        numeral="ii",
        position=2,
        text="That the committee review the action plans at six monthly intervals.",
    )
    return recommendation


def part(recommendation, numeral):
    return recommendation.parts.get(numeral=numeral)


def answer(client, part, lead, answer_for, **extra):
    return client.post(
        reverse("plans:respond", args=[part.pk]),
        {
            "answer_for": answer_for,
            "decision": "accepted",
            "explanation": ANSWER_D,
            "action": "Add them to the web page.",
            "timetable_text": "March 2027",
            "lead_officer": lead.pk,
            **extra,
        },
    )


def test_one_answer_for_all_parts_is_stored_on_each_and_printed_once(
    client, cabinet_b, officer, recommendation_d, lead_officer_person, plan
):
    client.force_login(cabinet_b)
    page = answer(client, part(recommendation_d, "i"), lead_officer_person, "all")
    assert page.status_code == 302
    responses = Response.objects.filter(part__recommendation=recommendation_d)
    assert sorted(response.part.numeral for response in responses) == ["i", "ii"]
    assert {
        (r.decision, r.explanation, r.action, r.timetable_display, r.lead_officer_id)
        for r in responses
    } == {("accepted", ANSWER_D, "Add them to the web page.", "March 2027", lead_officer_person.pk)}
    assert {r.responded_by for r in responses} == {cabinet_b.person}

    client.force_login(officer)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Response to (i) and (ii)" in html
    assert html.count(ANSWER_D) == 1
    assert html.count("March 2027") == 1

    text = " ".join(fetch_pdf(client, officer, plan).pages[0].extract_text().split())
    assert text.count("The action plans and agreed outcomes") == 1
    assert "(i) and (ii) Accepted. The action plans" in text
    assert "(i) and (ii) March 2027" in text


def test_parts_answered_apart_print_apart_in_the_pdf(
    client, cabinet_b, officer, recommendation_d, lead_officer_person, plan
):
    client.force_login(cabinet_b)
    answer(client, part(recommendation_d, "i"), lead_officer_person, "part", explanation="First.")
    answer(client, part(recommendation_d, "ii"), lead_officer_person, "part", explanation="Second.")
    text = " ".join(fetch_pdf(client, officer, plan).pages[0].extract_text().split())
    assert "(i) Accepted. First." in text and "(ii) Accepted. Second." in text
    assert "(i) and (ii)" not in text


def test_the_choice_is_offered_only_for_several_sub_parts(
    client, cabinet_b, recommendation_d, part_b
):
    client.force_login(cabinet_b)
    several = client.get(reverse("plans:respond", args=[part(recommendation_d, "ii").pk]))
    assert "One answer for all parts: (i) and (ii)" in several.content.decode()
    assert "Sub-part (ii) only" in several.content.decode()
    whole = client.get(reverse("plans:respond", args=[part_b.pk]))
    assert "answer_for" not in whole.context["form"].fields


def test_answering_each_part_keeps_the_answers_apart(
    client, cabinet_b, officer, recommendation_d, lead_officer_person, plan
):
    client.force_login(cabinet_b)
    assert (
        answer(client, part(recommendation_d, "i"), lead_officer_person, "part").status_code == 302
    )
    assert [r.part.numeral for r in Response.objects.all()] == ["i"]
    client.force_login(officer)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Response to (i) and (ii)" not in html
    assert ANSWER_D in html


def test_a_part_answered_apart_is_not_overwritten_by_one_answer(
    client, cabinet_b, recommendation_d, lead_officer_person
):
    client.force_login(cabinet_b)
    answer(client, part(recommendation_d, "ii"), lead_officer_person, "part", explanation="Own.")
    page = answer(client, part(recommendation_d, "i"), lead_officer_person, "all")
    assert page.status_code == 200
    assert "(ii) already has an answer of its own: answer each part separately." in (
        page.content.decode()
    )
    assert [(r.part.numeral, r.explanation) for r in Response.objects.all()] == [("ii", "Own.")]


def test_changing_a_shared_answer_changes_it_on_every_part(
    client, cabinet_b, recommendation_d, lead_officer_person, part_a
):
    """part_a still awaits its answer, so the plan's answers can still be corrected."""
    client.force_login(cabinet_b)
    first = part(recommendation_d, "i")
    answer(client, first, lead_officer_person, "all")
    form = client.get(reverse("plans:respond", args=[first.pk])).context["form"]
    assert form["answer_for"].initial == "all"
    version = Response.objects.get(part=first).version
    page = answer(
        client,
        first,
        lead_officer_person,
        "all",
        timetable_text="June 2027",
        loaded_version=version,
    )
    assert page.status_code == 302
    assert {r.timetable_display for r in Response.objects.all()} == {"June 2027"}


def test_one_answer_is_all_or_none(cabinet_b, recommendation_d, lead_officer_person):
    """A sub-part whose answer was deleted refuses the shared answer, and nothing is saved."""
    second = ResponseFactory(
        part=part(recommendation_d, "ii"),
        responded_by=cabinet_b.person,
        lead_officer=lead_officer_person,
    )
    soft_delete(record=second)
    response = Response(
        part=part(recommendation_d, "i"),
        decision="rejected",
        explanation="No.",
        responded_by=cabinet_b.person,
    )
    with pytest.raises(WorkflowError):
        services.response_record_for_all_parts(
            response=response, entered_by=cabinet_b, loaded_version=None
        )
    assert not Response.objects.exists()


def test_a_timetable_can_be_a_span_of_months(
    client, cabinet_b, officer, recommendation_d, lead_officer_person, plan, part_a
):
    """Seed 003 writes periods such as "December 2007 - January 2008": one answer's span is
    kept on each part with its end, and prints as typed on the page and in the PDF (part_a
    still awaits its answer, so the answer can be opened again)."""
    client.force_login(cabinet_b)
    first = part(recommendation_d, "i")
    page = answer(
        client, first, lead_officer_person, "all", timetable_text="December 2027 - January 2028"
    )
    assert page.status_code == 302
    assert {
        (r.timetable, r.timetable_precision, r.timetable_end) for r in Response.objects.all()
    } == {(datetime.date(2027, 12, 1), "months", datetime.date(2028, 1, 31))}
    form = client.get(reverse("plans:respond", args=[first.pk])).context["form"]
    assert form["timetable_text"].initial == "December 2027 – January 2028"
    client.force_login(officer)
    assert "December 2027 – January 2028" in client.get(plan.get_absolute_url()).content.decode()
    text = " ".join(fetch_pdf(client, officer, plan).pages[0].extract_text().split())
    assert "(i) and (ii) December 2027 – January 2028" in text
