"""First answers are protected like edits: of two people answering the same item, the second
sees what the first saved, keeps their own input, and nothing is lost."""

import pytest
from django.urls import reverse

from scraip.common.softdelete import soft_delete
from scraip.common.tests.races import race
from scraip.common.versioning import WorkflowError
from scraip.plans import services
from scraip.plans.models import Response

pytestmark = pytest.mark.django_db


def rejection(part, holder, explanation):
    return Response(
        part=part, decision="rejected", explanation=explanation, responded_by=holder.person
    )


def test_a_form_opened_before_the_first_answer_gets_the_conflict_page(
    client, cabinet_b, officer, part_a, part_b
):
    url = reverse("plans:respond", args=[part_b.pk])
    client.force_login(cabinet_b)
    assert client.get(url).context["form"]["loaded_version"].value() == 0

    other = type(client)()
    other.force_login(officer)
    first = other.post(
        url,
        {
            "decision": "rejected",
            "explanation": "The officer's account of the decision.",
            "responded_by": cabinet_b.person.pk,
            "loaded_version": "0",
        },
    )
    assert first.status_code == 302

    page = client.post(
        url,
        {"decision": "rejected", "explanation": "My own reasons.", "loaded_version": "0"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Olive Officer on 23 November 2026, 10:00 changed this after you opened it" in html
    assert "The officer&#x27;s account of the decision." in html  # what they saved
    assert "My own reasons." in html  # what I typed is kept
    assert Response.objects.get().explanation == "The officer's account of the decision."
    # Saving again now replaces theirs knowingly.
    assert client.post(url, page.context["form"].data).status_code == 302
    assert Response.objects.get().explanation == "My own reasons."


def test_a_part_whose_response_was_deleted_is_refused_with_a_message(part_b, cabinet_b):
    response = services.response_record(
        response=rejection(part_b, cabinet_b, "First"), entered_by=cabinet_b, loaded_version=None
    )
    soft_delete(record=response)
    with pytest.raises(WorkflowError, match="deleted response"):
        services.response_record(
            response=rejection(part_b, cabinet_b, "Second"),
            entered_by=cabinet_b,
            loaded_version=None,
        )
    assert Response.all_objects.get().explanation == "First"


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_first_answers_leave_one_saved_and_nineteen_conflicts(
    part_b, cabinet_b
):
    saved, current = race(
        lambda number: services.response_record(
            response=rejection(part_b, cabinet_b, f"Answer {number}"),
            entered_by=cabinet_b,
            loaded_version=None,
        )
    )
    conflicts = [shown.explanation for shown in current]
    assert len(saved) == 1 and len(conflicts) == 19
    # Every loser was shown the winner's answer; the winner's answer is the one stored.
    assert set(conflicts) == {f"Answer {saved[0]}"}
    assert Response.all_objects.get().explanation == f"Answer {saved[0]}"
