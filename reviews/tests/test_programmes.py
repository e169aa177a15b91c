"""Work programmes per committee and year, the network view across every council, and the
directory of witnesses and experts."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Review
from reviews.tests.factories import (
    ActivityFactory,
    ActivityPartFactory,
    ReviewFactory,
    WitnessFactory,
)
from reviews.tests.helpers import page_text
from scraip.common.softdelete import soft_delete
from scraip.councils.tests.factories import CommitteeFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(authority, committee, other_authority, swale_committee, kent, joint_review):
    corporate = CommitteeFactory(authority=authority, name="Corporate Services Committee")
    return {
        "joint": joint_review,  # Maidstone, Swale and Tunbridge Wells, 2014, scoping
        "parking": ReviewFactory(
            title="Town centre parking",
            lead_authority=authority,
            committees=[committee],
            programme_year=2026,
            status=Review.Status.GATHERING_EVIDENCE,
        ),
        "partnerships": ReviewFactory(
            title="Review of Partnerships",
            lead_authority=authority,
            committees=[corporate],
            programme_year=2026,
            status=Review.Status.MONITORING,
        ),
        "swale": ReviewFactory(
            title="Swale's own review",
            lead_authority=other_authority,
            committees=[swale_committee],
            programme_year=2026,
            status=Review.Status.PROPOSED,
        ),
        "kent": ReviewFactory(
            title="Coastal health",
            lead_authority=kent,
            programme_year=2026,
            status=Review.Status.REPORTED,
        ),
        "corporate": corporate,
    }


def sections(text: str) -> dict[str, str]:
    """The text under each of the programme's three headings."""
    planned = text.index(" Planned ")
    in_progress = text.index(" In progress ")
    reported = text.index(" Reported ", in_progress)
    return {
        "planned": text[planned:in_progress],
        "in progress": text[in_progress:reported],
        "reported": text[reported:],
    }


def test_my_councils_programme_shows_its_reviews_joint_ones_included_by_stage(
    client, officer, programmes
):
    client.force_login(officer)
    text = page_text(client.get(reverse("reviews:programme")))
    parts = sections(text)
    assert "Governance of the Mid Kent shared services partnership" in parts["planned"]
    assert (
        "Joint: Maidstone Borough Council, Swale Borough Council and Tunbridge Wells"
        in parts["planned"]
    )
    assert "Town centre parking" in parts["in progress"]
    assert "Review of Partnerships" in parts["reported"]
    assert "Swale's own review" not in text
    assert "Coastal health" not in text


def test_a_programme_per_committee_and_year(client, officer, programmes):
    client.force_login(officer)
    url = reverse("reviews:programme")
    committee = programmes["corporate"].pk
    text = page_text(client.get(url, {"committee": committee, "year": "2026"}))
    assert "1 review" in text
    assert "Review of Partnerships" in text
    assert "Town centre parking" not in text
    text = page_text(client.get(url, {"year": "2014"}))
    assert "Governance of the Mid Kent" in text and "Town centre parking" not in text


def test_another_councils_programme_links_to_summaries_not_full_reviews(
    client, officer, programmes, kent
):
    client.force_login(officer)
    page = client.get(reverse("reviews:programme"), {"authority": kent.pk})
    assert "Coastal health" in page_text(page)
    html = page.content.decode()
    assert reverse("reviews:summary", args=[programmes["kent"].pk]) in html
    assert programmes["kent"].get_absolute_url() + '"' not in html


def test_the_network_view_lists_every_council_with_joint_reviews_under_each(
    client, kent_officer, programmes
):
    client.force_login(kent_officer)
    page = client.get(reverse("reviews:network"))
    text = page_text(page)
    for council in ["Kent County Council", "Maidstone Borough Council", "Swale Borough Council"]:
        assert council in text
    assert text.count("Governance of the Mid Kent shared services partnership") == 3
    assert "Coastal health (2026/27)" in text
    html = page.content.decode()
    assert programmes["kent"].get_absolute_url() in html
    assert reverse("reviews:summary", args=[programmes["joint"].pk]) in html
    reported = page_text(client.get(reverse("reviews:network"), {"stage": "reported"}))
    assert "Coastal health" in reported and "Town centre parking" not in reported


@pytest.fixture
def witnesses(joint_review, programmes, lead_officer_person):
    held = ActivityFactory(
        review=joint_review,
        held=True,
        held_on=datetime.date(2014, 9, 10),
        planned_on=datetime.date(2014, 9, 10),
    )
    planned = ActivityFactory(review=programmes["kent"], planned_on=datetime.date(2026, 11, 1))
    governance = ActivityPartFactory(activity=held, letter="A", description="Governance of MKIP.")
    health = ActivityPartFactory(activity=planned, letter="A", description="Life expectancy.")
    renshaw = PersonFactory(
        name="Paul Renshaw", kind="witness", authority=None, organisation="Mid Kent Services"
    )
    WitnessFactory(part=governance, person=renshaw, role="Director", topics="shared services")
    WitnessFactory(part=health, person=renshaw, role="Adviser", topics="public health")
    WitnessFactory(
        part=governance,
        person=None,
        organisation="Local Government Association",
        topics="governance",
    )
    WitnessFactory(part=health, person=lead_officer_person, role="Head of Policy")
    return renshaw


def test_the_directory_lists_each_witness_once_with_every_review(client, kent_officer, witnesses):
    client.force_login(kent_officer)
    text = page_text(client.get(reverse("reviews:witness_directory")))
    assert "3 witnesses" in text
    assert text.count("Paul Renshaw") == 1
    assert (
        "Paul Renshaw Mid Kent Services Governance of the Mid Kent shared services partnership, "
        "as Director; on shared services Gave evidence on 10 September 2014 Coastal health, as "
        "Adviser; on public health Invited, November 2026" in text
    )
    assert "Local Government Association" in text


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ({"name": "renshaw"}, ["Paul Renshaw"], ["Liam Lead", "Local Government Association"]),
        ({"organisation": "government assoc"}, ["Local Government Association"], ["Paul Renshaw"]),
        ({"organisation": "Maidstone"}, ["Liam Lead"], ["Paul Renshaw"]),
        ({"topic": "public health"}, ["Paul Renshaw"], ["Local Government Association"]),
        ({"topic": "MKIP"}, ["Paul Renshaw", "Local Government Association"], ["Liam Lead"]),
        ({"status": "gave"}, ["Paul Renshaw", "Local Government Association"], ["Liam Lead"]),
        ({"status": "invited"}, ["Paul Renshaw", "Liam Lead"], ["Local Government Association"]),
    ],
)
def test_the_directory_is_searched_by_name_organisation_and_topic(
    client, kent_officer, witnesses, query, found, not_found
):
    client.force_login(kent_officer)
    text = page_text(client.get(reverse("reviews:witness_directory"), query))
    for name in found:
        assert name in text, name
    for name in not_found:
        assert name not in text, name


def test_witnesses_of_deleted_reviews_leave_the_directory(
    client, kent_officer, witnesses, joint_review
):
    soft_delete(record=joint_review)
    client.force_login(kent_officer)
    text = page_text(client.get(reverse("reviews:witness_directory")))
    assert "Local Government Association" not in text
    assert "Governance of the Mid Kent" not in text
