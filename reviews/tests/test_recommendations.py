"""From the final report to the SCRAIP: recommendations pasted once become a draft action plan
linked to the review, whose page then shows the cabinet's answers and progress."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews import services
from reviews.models import ReviewActionPlan
from reviews.recommendation_text import RecommendationTextError, parse_recommendations
from reviews.tests.helpers import page_text
from scraip.common.softdelete import soft_delete
from scraip.followup import services as core_services
from scraip.followup.models import FollowedPart, ProgressUpdate
from scraip.plans.models import ActionPlan, Recommendation
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

PASTED = """The group recommends:
A. That the partnership board publish its decisions within a week
of each meeting.
Recommendation B: That each council name a member champion for shared services.
C) That, to make MKIP's work clearer:
(i) a single web page list every shared service and whom to contact; and
(ii) a short guide explain to councillors how MKIP takes decisions.
Recommendation D – That the joint committee review progress in a year.
"""


def test_letters_sub_parts_and_wrapped_lines_are_read():
    parsed = parse_recommendations(PASTED)
    assert parsed.set_aside == ["The group recommends:"]
    assert [(r.letter, len(r.parts)) for r in parsed.recommendations] == [
        ("A", 0),
        ("B", 0),
        ("C", 2),
        ("D", 0),
    ]
    first = parsed.recommendations[0]
    assert first.text == (
        "That the partnership board publish its decisions within a week of each meeting."
    )
    assert parsed.recommendations[2].parts[1].numeral == "ii"
    assert parsed.recommendations[2].parts[1].text.startswith("a short guide")


def test_case_tells_recommendation_i_from_sub_part_i():
    parsed = parse_recommendations("H. That:\ni. first;\nii) second.\nI. That the ninth.\n")
    assert [(r.letter, [p.numeral for p in r.parts]) for r in parsed.recommendations] == [
        ("H", ["i", "ii"]),
        ("I", []),
    ]


def test_a_line_that_only_looks_like_a_letter_carries_on_the_item():
    parsed = parse_recommendations("A. That i.e. results\nA-level results improve.\n")
    assert len(parsed.recommendations) == 1
    assert parsed.recommendations[0].text == "That i.e. results A-level results improve."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Just a paragraph.", "No recommendations found"),
        ("(i) first\nA. That.", "Line 1: sub-part (i) comes before any recommendation"),
        ("A. One.\nA. Two.", "Line 2: there are two recommendations A"),
        ("A. That:\n(i) one\n(i) two", "Line 3: recommendation A already has a sub-part (i)"),
        ("A.\n(i) one", "Recommendation A has no text of its own"),
        ("A. That:\n(i)", "Sub-part (i) of recommendation A has no text"),
    ],
)
def test_what_cannot_be_read_is_explained(text, message):
    with pytest.raises(
        RecommendationTextError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        parse_recommendations(text)


def post(client, review, committee, action, previewed=None, text=PASTED):
    body = {
        "committee": committee.pk,
        "title": "Governance of shared services: final report",
        "publication_date_0": "10",
        "publication_date_1": "12",
        "publication_date_2": "2014",
        "text": text,
        "action": action,
    }
    if previewed:
        body["previewed"] = previewed
    return client.post(reverse("reviews:recommendations", args=[review.pk]), body)


def digest_in(response) -> str:
    html = response.content.decode()
    start = html.index('name="previewed" value="') + len('name="previewed" value="')
    return html[start : html.index('"', start)]


@pytest.mark.django_db
def test_the_officer_previews_then_creates_a_linked_draft_plan(
    client, officer, joint_review, committee
):
    client.force_login(officer)
    preview = post(client, joint_review, committee, "preview")
    text = page_text(preview)
    assert "4 recommendations, read from what you pasted" in text
    assert "These lines come before the first recommendation, so they are left out" in text
    assert "C That, to make MKIP's work clearer: (i) a single web page" in text
    assert not ActionPlan.objects.exists()

    response = post(client, joint_review, committee, "create", digest_in(preview))
    plan = ActionPlan.objects.get()
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert (plan.authority, plan.committee, plan.status) == (
        committee.authority,
        committee,
        ActionPlan.Status.DRAFT,
    )
    assert plan.publication_date == datetime.date(2014, 12, 10)
    assert ReviewActionPlan.objects.get().review == joint_review
    assert list(joint_review.action_plans.all()) == [plan]
    parts = {
        r.letter: [(p.numeral, p.text[:8]) for p in r.parts.all()]
        for r in Recommendation.objects.filter(action_plan=plan)
    }
    # A recommendation without sub-parts has exactly one part with no numeral: the whole.
    assert parts == {
        "A": [("", "")],
        "B": [("", "")],
        "C": [("i", "a single"), ("ii", "a short ")],
        "D": [("", "")],
    }
    assert [r.position for r in plan.recommendations.all()] == [1, 2, 3, 4]


@pytest.mark.django_db
def test_text_changed_after_its_preview_is_shown_again_not_created(
    client, officer, joint_review, committee
):
    client.force_login(officer)
    preview = post(client, joint_review, committee, "preview")
    changed = PASTED + "E. That a fifth thing happen.\n"
    response = post(client, joint_review, committee, "create", digest_in(preview), changed)
    assert "The recommendations changed after you previewed them" in page_text(response)
    assert "5 recommendations" in page_text(response)
    assert not ActionPlan.objects.exists()


@pytest.mark.django_db
def test_unreadable_text_is_explained_and_kept(client, officer, joint_review, committee):
    client.force_login(officer)
    response = post(client, joint_review, committee, "preview", text="(i) orphan\nA. That.")
    assert "Line 1: sub-part (i) comes before any recommendation" in page_text(response)
    assert "(i) orphan" in response.content.decode()


@pytest.mark.django_db
def test_one_plan_per_council_and_only_for_the_officers_own_committees(
    client, officer, joint_review, committee, swale_committee
):
    client.force_login(officer)
    first = post(client, joint_review, committee, "preview")
    post(client, joint_review, committee, "create", digest_in(first))
    again = post(client, joint_review, committee, "create", digest_in(first))
    assert "This review already has an action plan for Maidstone Borough Council" in page_text(
        again
    )
    assert ActionPlan.objects.count() == 1
    swale = post(client, joint_review, swale_committee, "preview")
    assert "Select a valid choice" in page_text(swale)


@pytest.mark.django_db
def test_the_review_page_shows_the_cabinets_answers_and_progress(
    client, officer, joint_review, committee, cabinet_a, lead_officer_person
):
    plan = SentActionPlanFactory(authority=committee.authority, committee=committee)
    ReviewActionPlan.objects.create(review=joint_review, action_plan=plan, created_by=officer)
    accepted = PartFactory(recommendation__action_plan=plan, recommendation__letter="A")
    rejected = PartFactory(recommendation__action_plan=plan, recommendation__letter="B")
    PartFactory(recommendation__action_plan=plan, recommendation__letter="C")
    ResponseFactory(part=accepted, lead_officer=lead_officer_person, responded_by=cabinet_a.person)
    ResponseFactory(
        part=rejected,
        decision="rejected",
        action="",
        timetable=None,
        lead_officer=None,
        responded_by=cabinet_a.person,
    )
    core_services.progress_record(
        subject=FollowedPart.objects.get(pk=accepted.pk),
        status=ProgressUpdate.Status.ON_TRACK,
        narrative="Web page drafted.",
        reported_by=lead_officer_person,
        entered_by=officer,
        reported_on=datetime.date(2026, 11, 20),
    )
    client.force_login(officer)
    text = page_text(client.get(joint_review.get_absolute_url()))
    assert "Cabinet's answers 1 accepted, 1 rejected; 1 awaiting a response" in text
    assert "A Accepted March 2027 Liam Lead Self-reported On track 20 November 2026" in text
    assert "B Rejected – – No action: rejected" in text
    assert "C Awaiting response – – Not yet answered" in text


@pytest.mark.django_db
def test_a_deleted_plan_drops_off_the_review_page(client, officer, joint_review, committee):
    plan = ActionPlanFactory(authority=committee.authority, committee=committee, title="Gone")
    ReviewActionPlan.objects.create(review=joint_review, action_plan=plan, created_by=officer)
    soft_delete(record=plan)
    client.force_login(officer)
    assert "Gone" not in page_text(client.get(joint_review.get_absolute_url()))


@pytest.mark.django_db
def test_a_report_published_tomorrow_is_refused_by_the_service_as_by_the_page(
    client, officer, joint_review, committee
):
    """The rule lives in the service the page calls: whoever calls it gets the same refusal."""
    tomorrow = datetime.date(2026, 11, 24)
    with pytest.raises(ValidationError) as refused:
        services.review_create_action_plan(
            review=joint_review,
            committee=committee,
            title="Final report",
            publication_date=tomorrow,
            recommendations=parse_recommendations(PASTED).recommendations,
            created_by=officer,
        )
    assert refused.value.message_dict == {
        "publication_date": ["The date of publication must be today or earlier"]
    }
    client.force_login(officer)
    response = client.post(
        reverse("reviews:recommendations", args=[joint_review.pk]),
        {
            "committee": committee.pk,
            "title": "Final report",
            "publication_date_0": "24",
            "publication_date_1": "11",
            "publication_date_2": "2026",
            "text": PASTED,
            "action": "preview",
        },
    )
    assert "The date of publication must be today or earlier" in page_text(response)
    assert not ActionPlan.objects.exists()
