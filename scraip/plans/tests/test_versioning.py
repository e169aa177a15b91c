"""No lost updates: an edit saved over a newer version is refused and explained."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from scraip.common.versioning import StaleEdit, save_versioned
from scraip.plans import services
from scraip.plans.models import Recommendation, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def response_data(response, **overrides):
    data = {
        "decision": response.decision,
        "explanation": response.explanation,
        "action": response.action,
        "timetable_text": response.timetable_display,
        "lead_officer": response.lead_officer_id,
        "loaded_version": str(response.version),
    }
    return {**data, **overrides}


@pytest.fixture
def response(part_a, cabinet_a, lead_officer_person):
    return ResponseFactory(
        part=part_a,
        responded_by=cabinet_a.person,
        entered_by=cabinet_a,
        lead_officer=lead_officer_person,
        explanation="Agreed in full.",
    )


def test_a_stale_response_edit_is_refused_and_shows_the_other_change(
    client, cabinet_a, officer, response
):
    url = reverse("plans:respond", args=[response.part_id])
    client.force_login(cabinet_a)
    loaded = client.get(url).context["form"]
    assert loaded["loaded_version"].value() == 1

    other = type(client)()
    other.force_login(officer)
    saved = other.post(
        url,
        response_data(
            response,
            action="Adopt the definition at Full Council.",
            responded_by=cabinet_a.person.pk,
        ),
    )
    assert saved.status_code == 302

    page = client.post(url, response_data(response, action="My own wording of the action."))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Olive Officer" in html and "changed this after you opened it" in html
    assert "Adopt the definition at Full Council." in html  # what they changed
    assert "My own wording of the action." in html  # what I typed is kept
    response.refresh_from_db()
    assert response.action == "Adopt the definition at Full Council."
    assert response.version == 2
    # The form is now armed with the new version: saving again replaces theirs knowingly.
    again = client.post(url, page.context["form"].data)
    assert again.status_code == 302
    response.refresh_from_db()
    assert response.action == "My own wording of the action."


@pytest.mark.parametrize("version", ["\u00b2", "\u0661", "99999999999999999999", "-1", ""])
def test_a_version_that_is_no_number_is_refused_as_stale(client, cabinet_a, response, version):
    """Superscript two and Arabic-Indic digits pass str.isdigit() but not int()."""
    client.force_login(cabinet_a)
    url = reverse("plans:respond", args=[response.part_id])
    page = client.post(url, response_data(response, action="Mine.", loaded_version=version))
    assert page.status_code == 200
    assert "changed this after you opened it" in page.content.decode()
    response.refresh_from_db()
    assert response.version == 1


def test_a_stale_recommendation_edit_is_refused(client, officer, part_b):
    recommendation = part_b.recommendation
    url = reverse("plans:recommendation_edit", args=[recommendation.pk])
    client.force_login(officer)
    base = {
        "letter": "G",
        "position": "2",
        "portfolio": recommendation.portfolio_id,
        "loaded_version": "1",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, {**base, "text": "First officer's text"}).status_code == 302
    page = client.post(url, {**base, "text": "Second officer's text"})
    assert "changed this after you opened it" in page.content.decode()
    assert "Second officer&#x27;s text" in page.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.text == "First officer's text"


def test_two_first_answers_to_one_part_cannot_both_be_saved(part_b, cabinet_b, officer):
    def answer(user):
        response = Response(
            part=part_b,
            decision="rejected",
            explanation=f"Answer by {user}",
            responded_by=cabinet_b.person,
        )
        services.response_record(response=response, entered_by=user, loaded_version=None)

    answer(cabinet_b)
    with pytest.raises(StaleEdit):
        answer(officer)
    assert Response.objects.get().explanation == "Answer by hooper"


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_saves_of_one_version_leave_one_winner(plan, portfolio_a):
    recommendation = RecommendationFactory(action_plan=plan, letter="A", portfolio=portfolio_a)
    PartFactory(recommendation=recommendation)
    barrier = threading.Barrier(20)
    outcomes = []
    lock = threading.Lock()

    def save(number):
        try:
            mine = Recommendation.objects.get(pk=recommendation.pk)
            mine.text = f"Text from officer {number}"
            barrier.wait(timeout=30)
            try:
                with transaction.atomic():
                    save_versioned(mine, loaded_version=1)
                result = ("won", number)
            except StaleEdit:
                result = ("conflict", number)
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [number for result, number in outcomes if result == "won"]
    assert len(outcomes) == 20
    assert len(winners) == 1
    recommendation.refresh_from_db()
    assert recommendation.version == 2
    assert recommendation.text == f"Text from officer {winners[0]}"
    # The winner's change is in the history; nothing else was written.
    assert recommendation.history.count() == 2
