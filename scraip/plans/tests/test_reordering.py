"""Reordering is explicit and recorded: moving a recommendation renumbers the whole plan, and
every recommendation whose place changed has a history row."""

import pytest
from django.urls import reverse

from scraip.plans import services
from scraip.plans.models import Recommendation
from scraip.plans.tests.factories import PartFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(plan, portfolio_a):
    # Numbered with gaps and a tie, as plans entered before renumbering may be.
    rows = []
    for letter, position in (("A", 1), ("B", 5), ("C", 5), ("D", 9)):
        recommendation = RecommendationFactory(
            action_plan=plan, letter=letter, position=position, portfolio=portfolio_a
        )
        PartFactory(recommendation=recommendation)
        rows.append(recommendation)
    return rows


def order(plan) -> list[tuple[str, int]]:
    return list(plan.recommendations.order_by("position").values_list("letter", "position"))


def move(client, recommendation, direction):
    url = reverse("plans:recommendation_move", args=[recommendation.pk])
    return client.post(url, {"move": direction})


def test_moving_up_and_back_down_restores_the_order(client, officer, plan, four):
    client.force_login(officer)
    c = four[2]
    assert move(client, c, "up").status_code == 302
    assert order(plan) == [("A", 1), ("C", 2), ("B", 3), ("D", 4)]
    move(client, c, "down")
    assert order(plan) == [("A", 1), ("B", 2), ("C", 3), ("D", 4)]


def test_every_moved_recommendation_gets_a_history_row(client, officer, plan, four):
    client.force_login(officer)
    move(client, four[3], "up")  # D above C: B, C and D all renumbered (5, 5, 9 -> 2, 4, 3)
    assert order(plan) == [("A", 1), ("B", 2), ("D", 3), ("C", 4)]
    for recommendation in Recommendation.objects.filter(letter__in="BCD"):
        latest = recommendation.history.latest()
        assert latest.history_type == "~" and latest.history_user == officer
        assert latest.position == recommendation.position
    assert four[0].history.count() == 1  # A did not move


def test_a_typed_position_inserts_and_renumbers_the_plan(plan, four):
    d = Recommendation.objects.get(pk=four[3].pk)
    d.position = 2
    services.recommendation_save(recommendation=d, loaded_version=d.version)
    assert order(plan) == [("A", 1), ("D", 2), ("B", 3), ("C", 4)]


def test_the_first_cannot_move_up_past_the_top(client, officer, plan, four):
    client.force_login(officer)
    move(client, four[0], "up")
    assert order(plan) == [("A", 1), ("B", 2), ("C", 3), ("D", 4)]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'Move down<span class="govuk-visually-hidden"> recommendation A' in page
    assert 'Move up<span class="govuk-visually-hidden"> recommendation A' not in page


def test_an_edit_form_opened_before_a_move_is_told_of_it(client, officer, plan, four):
    b = Recommendation.objects.get(pk=four[1].pk)
    loaded = b.version
    services.recommendation_move(recommendation=four[2], step=-1)  # C above B
    b.text = "Changed wording"
    from scraip.common.versioning import StaleEdit

    with pytest.raises(StaleEdit):
        services.recommendation_save(recommendation=b, loaded_version=loaded)


def test_only_the_plans_officers_may_move(client, councillor, four):
    client.force_login(councillor)
    assert move(client, four[1], "up").status_code == 403
