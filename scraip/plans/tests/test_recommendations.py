"""Recommendations, their letters and order, and their sub-parts."""

import pytest
from django.urls import reverse

from scraip.plans.models import Recommendation, RecommendationPart
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def management(total=2, initial=0, prefix="parts"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def add(client, plan, **fields):
    data = {"letter": "A", "position": "1", "text": "Adopt a definition.", **management()}
    data.update(fields)
    return client.post(reverse("plans:recommendation_create", args=[plan.pk]), data)


@pytest.fixture
def draft(authority, committee):
    return ActionPlanFactory(authority=authority, committee=committee)


def test_a_recommendation_with_sub_parts(client, officer, draft, portfolio_a):
    client.force_login(officer)
    page = add(
        client,
        draft,
        portfolio=portfolio_a.pk,
        **{
            "parts-0-numeral": "(i)",
            "parts-0-text": "Use it.",
            "parts-1-numeral": "ii",
            "parts-1-text": "Keep a database.",
        },
    )
    recommendation = Recommendation.objects.get()
    assert page.status_code == 302
    assert [(p.numeral, p.text) for p in recommendation.parts.all()] == [
        ("i", "Use it."),
        ("ii", "Keep a database."),
    ]
    assert recommendation.portfolio == portfolio_a


def test_a_recommendation_without_sub_parts_is_answered_as_a_whole(client, officer, draft):
    client.force_login(officer)
    add(client, draft, letter="b")
    recommendation = Recommendation.objects.get()
    assert recommendation.letter == "B"
    assert [(p.numeral, p.text) for p in recommendation.parts.all()] == [("", "")]


def test_letters_and_order_are_editable_so_g_can_move_up(client, officer, draft):
    for position, letter in enumerate("ABC", start=1):
        PartFactory(
            recommendation__action_plan=draft,
            recommendation__letter=letter,
            recommendation__position=position * 10,
        )
    g = RecommendationFactory(action_plan=draft, letter="X", position=40)
    PartFactory(recommendation=g)
    client.force_login(officer)
    page = client.post(
        reverse("plans:recommendation_edit", args=[g.pk]),
        {
            "letter": "G",
            "position": "25",
            "text": g.text,
            "loaded_version": "1",
            "note": "Moved up the order",
            **management(total=0),
        },
    )
    assert page.status_code == 302
    assert list(draft.recommendations.values_list("letter", flat=True)) == ["A", "B", "G", "C"]
    html = client.get(draft.get_absolute_url()).content.decode()
    html = html[html.index('id="recommendations"') :]
    assert (
        html.index("Recommendation B")
        < html.index("Recommendation G")
        < html.index("Recommendation C")
    )
    assert "Moved up the order" in html


def test_a_letter_cannot_be_used_twice(client, officer, draft):
    PartFactory(recommendation__action_plan=draft, recommendation__letter="A")
    client.force_login(officer)
    page = add(client, draft, letter="a", text="Something else")
    assert page.context["form"].errors["letter"] == ["This plan already has a recommendation A"]
    assert 'value="a"' in page.content.decode() or 'value="A"' in page.content.decode()
    assert Recommendation.objects.count() == 1


def test_a_sub_part_needs_numeral_and_text(client, officer, draft):
    client.force_login(officer)
    page = add(client, draft, **{"parts-0-text": "No numeral given"})
    html = page.content.decode()
    assert "Enter the sub-part&#x27;s numeral, such as i or ii" in html
    assert "No numeral given" in html
    assert not Recommendation.objects.exists()


def test_two_sub_parts_cannot_share_a_numeral(client, officer, draft):
    client.force_login(officer)
    page = add(
        client,
        draft,
        **{
            "parts-0-numeral": "i",
            "parts-0-text": "One",
            "parts-1-numeral": "i",
            "parts-1-text": "Two",
        },
    )
    assert "Each sub-part needs its own numeral" in page.content.decode()
    assert not Recommendation.objects.exists()


def test_an_answered_sub_part_cannot_be_removed(client, officer, part_a):
    ResponseFactory(part=part_a)
    recommendation = part_a.recommendation
    other = recommendation.parts.get(numeral="ii")
    client.force_login(officer)
    data = {
        "letter": "A",
        "position": "1",
        "text": recommendation.text,
        **management(2, 2),
        "loaded_version": "1",
    }
    for index, part in enumerate([part_a, other]):
        data |= {
            f"parts-{index}-id": part.pk,
            f"parts-{index}-numeral": part.numeral,
            f"parts-{index}-text": part.text,
        }
    data["parts-0-DELETE"] = "on"
    page = client.post(reverse("plans:recommendation_edit", args=[recommendation.pk]), data)
    assert "Sub-part (i) has a response, so it cannot be removed" in page.content.decode()
    assert RecommendationPart.objects.filter(pk=part_a.pk).exists()


def test_an_answered_whole_cannot_be_split(client, officer, part_b):
    ResponseFactory(part=part_b)
    recommendation = part_b.recommendation
    client.force_login(officer)
    page = client.post(
        reverse("plans:recommendation_edit", args=[recommendation.pk]),
        {
            "letter": "G",
            "position": "2",
            "text": recommendation.text,
            "loaded_version": "1",
            **management(),
            "parts-0-numeral": "i",
            "parts-0-text": "A new sub-part",
        },
    )
    assert page.status_code == 200
    assert "cannot be split into sub-parts" in page.content.decode()
    assert [p.numeral for p in recommendation.parts.all()] == [""]
    assert part_b.response.pk


def test_removing_every_sub_part_brings_back_the_whole(client, officer, draft):
    client.force_login(officer)
    add(client, draft, **{"parts-0-numeral": "i", "parts-0-text": "Only part"})
    recommendation = Recommendation.objects.get()
    only = recommendation.parts.get()
    client.post(
        reverse("plans:recommendation_edit", args=[recommendation.pk]),
        {
            "letter": "A",
            "position": "1",
            "text": "Adopt",
            "loaded_version": "1",
            **management(1, 1),
            "parts-0-id": only.pk,
            "parts-0-numeral": "i",
            "parts-0-text": "Only part",
            "parts-0-DELETE": "on",
        },
    )
    assert [p.numeral for p in recommendation.parts.all()] == [""]


@pytest.mark.parametrize("persona", ["cabinet_a", "councillor", "lead_officer"])
def test_only_officers_edit_recommendations(client, request, persona, part_a):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("plans:recommendation_edit", args=[part_a.recommendation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"letter": "Z"}).status_code == 403
    part_a.recommendation.refresh_from_db()
    assert part_a.recommendation.letter == "A"


def test_taking_a_held_position_inserts_there(client, officer, draft):
    for position, letter in enumerate("ABC", start=1):
        PartFactory(
            recommendation__action_plan=draft,
            recommendation__letter=letter,
            recommendation__position=position,
        )
    client.force_login(officer)
    add(client, draft, letter="G", position="2", text="A partnerships web page.")
    assert list(draft.recommendations.values_list("letter", "position")) == [
        ("A", 1),
        ("G", 2),
        ("B", 3),
        ("C", 4),
    ]


def test_a_council_keeps_its_own_reference_scheme(client, officer, draft):
    """Issue 10.4: "SR (25/26) 01" is held as typed, not cut to four characters."""
    client.force_login(officer)
    form_page = client.get(reverse("plans:recommendation_create", args=[draft.pk])).content
    assert b'maxlength="40"' not in form_page and b'name="letter"' in form_page
    assert add(client, draft, letter="SR (25/26) 01").status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.letter, str(recommendation)) == (
        "SR (25/26) 01",
        "Recommendation SR (25/26) 01",
    )
    assert "SR (25/26) 01" in client.get(draft.get_absolute_url()).content.decode()
    again = add(client, draft, letter=" SR  (25/26) 01 ", position="2")
    assert again.context["form"].errors["letter"] == [
        "This plan already has a recommendation SR (25/26) 01"
    ]
    too_long = add(client, draft, letter="R" * 41, position="2")
    assert too_long.context["form"].errors["letter"] == [
        "Shorten the reference to 40 characters or fewer (it has 41)"
    ]
    assert add(client, draft, letter="g", position="2").status_code == 302
    assert sorted(draft.recommendations.values_list("letter", flat=True)) == [
        "G",
        "SR (25/26) 01",
    ]
