"""The register's rules across rows, as services taking plain data: what the pages, the admin
and the demo loader all call. Each refuses what the page would never offer."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import (
    ChecklistAnswer,
    DefinitionAnswer,
    DefinitionCriterion,
    DefinitionState,
    Partnership,
    RegisterSettings,
)
from reviews.tests.factories import ReviewFactory
from scraip.common.versioning import WorkflowError
from scraip.plans.tests.factories import ActionPlanFactory, RecommendationFactory

from .factories import ChecklistItemFactory, CriterionFactory, PartnershipFactory, qualifying

pytestmark = pytest.mark.django_db


def test_answering_the_definition_says_where_the_partnership_stands(partnership, criterion):
    state = services.definition_answers_save(
        partnership=partnership,
        answers={criterion.pk: ("yes", "Shared goals")},
        loaded_version=partnership.version,
    )
    assert state == DefinitionState.MEETS
    state = services.definition_answers_save(
        partnership=partnership,
        answers={criterion.pk: ("", "")},
        loaded_version=partnership.version,
    )
    assert state == DefinitionState.UNTESTED
    assert not DefinitionAnswer.objects.exists()


def test_only_the_councils_own_definition_is_answered(partnership, other_authority):
    foreign = CriterionFactory(authority=other_authority)
    with pytest.raises(WorkflowError):
        services.definition_answers_save(
            partnership=partnership,
            answers={foreign.pk: ("yes", "")},
            loaded_version=partnership.version,
        )
    assert not DefinitionAnswer.objects.exists()


def test_a_checklist_answer_keeps_the_models_rules(partnership, authority):
    item = ChecklistItemFactory(authority=authority)
    with pytest.raises(ValidationError, match="Give the evidence that the item is met"):
        services.checklist_answers_save(
            partnership=partnership,
            answers={item.pk: ("met", datetime.date(2026, 9, 1), "")},
            loaded_version=partnership.version,
        )
    assert not ChecklistAnswer.objects.exists()


def test_publishing_needs_the_definition(partnership, criterion):
    with pytest.raises(WorkflowError, match="does not meet the council's definition"):
        services.partnership_publish(partnership=partnership, published=True)
    qualifying(partnership)
    services.partnership_publish(partnership=partnership, published=True)
    assert Partnership.objects.published().get() == partnership


def test_links_go_only_to_the_councils_own_recommendations_and_reviews(
    partnership, part_a, authority
):
    ours = part_a.recommendation
    theirs = RecommendationFactory(action_plan=ActionPlanFactory())
    review = ReviewFactory(lead_authority=authority)
    with pytest.raises(WorkflowError):
        services.partnership_links_save(
            partnership=partnership,
            recommendation_ids=[ours.pk, theirs.pk],
            review_ids=[],
            loaded_version=partnership.version,
        )
    services.partnership_links_save(
        partnership=partnership,
        recommendation_ids=[ours.pk],
        review_ids=[review.pk],
        loaded_version=partnership.version,
    )
    assert list(partnership.recommendations.all()) == [ours]
    assert list(partnership.reviews.all()) == [review]


def test_a_recommendation_is_linked_only_to_its_councils_partnerships(part_a, other_authority):
    elsewhere = PartnershipFactory(authority=other_authority)
    with pytest.raises(WorkflowError):
        services.recommendation_links_change(
            recommendation=part_a.recommendation, added=[elsewhere.pk], removed=[]
        )
    assert not part_a.recommendation.partnerships.exists()


def test_the_priority_list_ranks_only_the_register(authority):
    on_it = qualifying(PartnershipFactory(authority=authority, name="On the register"))
    off_it = PartnershipFactory(authority=authority, name="Not tested")
    register_settings = RegisterSettings.for_authority(authority)
    with pytest.raises(WorkflowError):
        services.priority_save(
            register_settings=register_settings,
            ranks={on_it.pk: 1, off_it.pk: 2},
            above_the_line=1,
            loaded_version=register_settings.version,
        )
    services.priority_save(
        register_settings=register_settings,
        ranks={on_it.pk: 7},
        above_the_line=1,
        loaded_version=register_settings.version,
    )
    on_it.refresh_from_db()
    assert on_it.priority_rank == 1


@pytest.mark.parametrize("above_the_line", [-1, 1001])
def test_the_line_stays_within_the_register(authority, above_the_line):
    register_settings = RegisterSettings.for_authority(authority)
    with pytest.raises(ValidationError):
        services.priority_save(
            register_settings=register_settings,
            ranks={},
            above_the_line=above_the_line,
            loaded_version=register_settings.version,
        )
    assert not RegisterSettings.objects.exists()


def test_the_definition_is_kept_in_order_and_removed_criteria_go(authority):
    register_settings = RegisterSettings.for_authority(authority)
    services.definition_criteria_save(
        register_settings=register_settings,
        rows=[
            {"pk": None, "position": 1, "question": "Shared aims?", "meets_when": "yes"},
            {"pk": None, "position": 2, "question": "Only a contract?", "meets_when": "no"},
        ],
        loaded_version=register_settings.version,
    )
    first, second = DefinitionCriterion.objects.filter(authority=authority)
    services.definition_criteria_save(
        register_settings=register_settings,
        rows=[{"pk": second.pk, "position": 1, "question": "Only a contract?"}],
        removed=[first.pk],
        loaded_version=register_settings.version,
    )
    assert list(DefinitionCriterion.objects.values_list("question", "position")) == [
        ("Only a contract?", 1)
    ]


def test_a_blank_criterion_is_refused(authority):
    register_settings = RegisterSettings.for_authority(authority)
    with pytest.raises(ValidationError, match="Enter the question"):
        services.definition_criteria_save(
            register_settings=register_settings,
            rows=[{"pk": None, "position": 1, "question": "", "meets_when": "yes"}],
            loaded_version=register_settings.version,
        )
    assert not DefinitionCriterion.objects.exists()
