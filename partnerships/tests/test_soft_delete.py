"""Soft delete without a filter to forget: deleting a partnership hides every row hanging on it
(its answers as well as its partners, risks…), restoring it brings back exactly those, and a row
deleted on its own before stays deleted. Removing a criterion or a checklist item takes its
answers with it."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import (
    ITEM_MODELS,
    ChecklistAnswer,
    DefinitionAnswer,
    DefinitionState,
    Partnership,
    Risk,
    deleted_items,
)
from scraip.common.softdelete import restore, soft_delete

from .factories import (
    AnnualReportFactory,
    BenefitFactory,
    ChecklistAnswerFactory,
    CommitteeReviewFactory,
    ContributionFactory,
    CriterionFactory,
    DefinitionAnswerFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
    RiskFactory,
    qualifying,
)

pytestmark = pytest.mark.django_db

ROW_FACTORIES = {
    "partner": PartnerFactory,
    "representative": RepresentativeFactory,
    "contribution": ContributionFactory,
    "benefit": BenefitFactory,
    "report": AnnualReportFactory,
    "outcome": OutcomeFactory,
    "risk": RiskFactory,
    "review": CommitteeReviewFactory,
}


def live_rows(partnership) -> dict[str, int]:
    counts = {
        kind: model.objects.filter(partnership=partnership).count()
        for kind, model in ITEM_MODELS.items()
    }
    counts["definition"] = DefinitionAnswer.objects.filter(partnership=partnership).count()
    counts["checklist"] = ChecklistAnswer.objects.filter(partnership=partnership).count()
    return counts


@pytest.fixture
def full(partnership, criterion):
    """A partnership with a row of every kind, an answer to the definition and the checklist,
    and a second risk removed on its own before."""
    for factory in ROW_FACTORIES.values():
        factory(partnership=partnership)
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion)
    ChecklistAnswerFactory(partnership=partnership)
    soft_delete(record=RiskFactory(partnership=partnership, description="Removed before"))
    return partnership


def test_every_kind_of_row_is_covered(full):
    assert set(ROW_FACTORIES) == set(ITEM_MODELS)


def test_deleting_a_partnership_hides_its_rows_and_restoring_brings_them_back(full):
    before = live_rows(full)
    assert set(before.values()) == {1}
    soft_delete(record=full)
    assert set(live_rows(full).values()) == {0}
    restore(record=Partnership.deleted_objects.get(pk=full.pk))
    assert live_rows(full) == before
    assert Risk.deleted_objects.get(partnership=full).description == "Removed before"


def test_rows_of_a_deleted_partnership_are_not_restorable_one_by_one(full, authority):
    removed_before = Risk.deleted_objects.get(partnership=full)
    assert deleted_items(authority) == [("risk", removed_before)]
    soft_delete(record=full)
    assert deleted_items(authority) == []


def test_the_corporate_risk_register_leaves_out_a_deleted_partnerships_risks(
    client, councillor, partnership
):
    RiskFactory(partnership=partnership, description="Grant ends", on_corporate_register=True)
    client.force_login(councillor)
    url = reverse("partnerships:corporate_risks")
    assert "Grant ends" in client.get(url).content.decode()
    soft_delete(record=partnership)
    assert "Grant ends" not in client.get(url).content.decode()


def test_a_removed_criterion_takes_its_answers_and_brings_them_back(
    partnership, criterion, authority
):
    second = CriterionFactory(authority=authority)
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion, answer="no")
    DefinitionAnswerFactory(partnership=partnership, criterion=second, answer="yes")
    state = Partnership.objects.with_definition().values_list("definition_state", flat=True)
    assert state.get(pk=partnership.pk) == DefinitionState.FAILS
    soft_delete(record=criterion)
    assert list(partnership.definition_answers.all()) == [
        DefinitionAnswer.objects.get(criterion=second)
    ]
    assert state.get(pk=partnership.pk) == DefinitionState.MEETS
    restore(record=criterion)
    assert state.get(pk=partnership.pk) == DefinitionState.FAILS


def test_compliance_leaves_out_answers_to_a_removed_item(client, councillor, authority):
    partnership = qualifying(PartnershipFactory(authority=authority, name="Kent Waste"))
    answer = ChecklistAnswerFactory(partnership=partnership)
    soft_delete(record=answer.item)
    client.force_login(councillor)
    page = client.get(reverse("partnerships:compliance"))
    assert page.context["items"] == []
    assert not ChecklistAnswer.objects.exists()


def test_the_public_register_counts_live_partners(client, partnership):
    qualifying(partnership, publish=True)
    PartnerFactory(partnership=partnership)
    soft_delete(record=PartnerFactory(partnership=partnership))
    page = client.get(reverse("partnerships:register"))
    assert [p.partner_count for p in page.context["object_list"]] == [1]


def test_the_last_committee_review_is_a_live_one(client, councillor, partnership):
    qualifying(partnership)
    CommitteeReviewFactory(partnership=partnership, considered_on=datetime.date(2026, 3, 1))
    later = CommitteeReviewFactory(partnership=partnership, considered_on=datetime.date(2026, 6, 1))
    soft_delete(record=later)
    client.force_login(councillor)
    page = client.get(reverse("partnerships:due_for_review"), {"within": "6"})
    assert [p.last_considered for p in page.context["partnerships"]] == [datetime.date(2026, 3, 1)]
