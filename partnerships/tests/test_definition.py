"""The council's definition as a test: criteria per council, answered per partnership; only
partnerships meeting it enter the register."""

import pytest
from django.urls import reverse

from partnerships.models import Answer, DefinitionAnswer, DefinitionState, Partnership
from scraip.common.softdelete import soft_delete

from .factories import CriterionFactory, DefinitionAnswerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def state_of(partnership):
    return Partnership.objects.with_definition().get(pk=partnership.pk).definition_state


def test_untested_until_every_criterion_is_answered(partnership, criterion, authority):
    assert state_of(partnership) == DefinitionState.UNTESTED
    second = CriterionFactory(authority=authority, meets_when=Answer.NO)
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion, answer=Answer.YES)
    assert state_of(partnership) == DefinitionState.UNTESTED
    DefinitionAnswerFactory(partnership=partnership, criterion=second, answer=Answer.NO)
    assert state_of(partnership) == DefinitionState.MEETS


def test_one_contrary_answer_fails_the_definition(partnership, criterion):
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion, answer=Answer.NO)
    assert state_of(partnership) == DefinitionState.FAILS


def test_a_removed_criterion_no_longer_counts(partnership, criterion, authority):
    kept = CriterionFactory(authority=authority)
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion, answer=Answer.NO)
    DefinitionAnswerFactory(partnership=partnership, criterion=kept, answer=Answer.YES)
    soft_delete(record=criterion)
    assert state_of(partnership) == DefinitionState.MEETS


def test_criteria_are_per_council(partnership, criterion, other_authority):
    CriterionFactory(authority=other_authority)  # Swale's question does not bind Maidstone
    DefinitionAnswerFactory(partnership=partnership, criterion=criterion)
    assert state_of(partnership) == DefinitionState.MEETS


def test_answering_the_test_puts_it_on_the_register(client, officer, partnership, criterion):
    client.force_login(officer)
    url = reverse("partnerships:definition", args=[partnership.pk])
    page = client.get(url)
    assert "Do the partners share a goal?" in page.content.decode()
    response = client.post(
        url,
        {
            f"answer_{criterion.pk}": "yes",
            f"note_{criterion.pk}": "Shared health outcomes",
            "loaded_version": partnership.version,
        },
        follow=True,
    )
    assert "Answers saved: meets the definition." in response.content.decode()
    assert DefinitionAnswer.objects.get(partnership=partnership).note == "Shared health outcomes"
    register = client.get(reverse("partnerships:list")).content.decode()
    assert "West Kent Health Partnership" in register


def test_the_register_leaves_out_what_fails_the_definition(client, officer, authority, criterion):
    failing = PartnershipFactory(authority=authority, name="Book Club Arrangement")
    DefinitionAnswerFactory(partnership=failing, criterion=criterion, answer=Answer.NO)
    meeting = PartnershipFactory(authority=authority, name="Kent Waste Partnership")
    DefinitionAnswerFactory(partnership=meeting, criterion=criterion, answer=Answer.YES)
    client.force_login(officer)
    register = client.get(reverse("partnerships:list")).content.decode()
    assert "Kent Waste Partnership" in register
    assert "Book Club Arrangement" not in register
    every = client.get(reverse("partnerships:list"), {"definition": "all"}).content.decode()
    assert "Book Club Arrangement" in every


def test_a_stale_answer_is_refused(client, officer, partnership, criterion):
    client.force_login(officer)
    url = reverse("partnerships:definition", args=[partnership.pk])
    stale_version = partnership.version
    partnership.name = "Renamed meanwhile"
    partnership.version += 1
    partnership.save()
    response = client.post(url, {f"answer_{criterion.pk}": "yes", "loaded_version": stale_version})
    assert response.status_code == 200
    assert not DefinitionAnswer.objects.exists()


def test_the_officer_sets_the_definition(client, officer, authority):
    client.force_login(officer)
    url = reverse("partnerships:settings_definition")
    response = client.post(
        url,
        {
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0",
            "rows-MAX_NUM_FORMS": "1000",
            "rows-0-question": "Is there a formal agreement?",
            "rows-0-meets_when": "yes",
            "rows-1-question": "",
            "loaded_version": "",
        },
    )
    assert response.status_code == 302
    criterion = authority.partnership_criteria.get()
    assert criterion.question == "Is there a formal agreement?"


@pytest.mark.parametrize("note", ["\x1b", "two\nlines"])
def test_a_control_character_in_a_note_is_refused_on_the_form(
    client, officer, partnership, criterion, note
):
    client.force_login(officer)
    url = reverse("partnerships:definition", args=[partnership.pk])
    response = client.post(
        url,
        {
            f"answer_{criterion.pk}": "yes",
            f"note_{criterion.pk}": note,
            "loaded_version": partnership.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"note_{criterion.pk}"]
    assert not DefinitionAnswer.objects.exists()
