"""Published action plans: which plans are public (the council's setting, by hand, withdrawn),
the officers' page that changes it, and the public pages themselves, read without signing in.

The walk of every public URL for contact details is in tests/test_public_privacy.py."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from scraip.common.versioning import WorkflowError
from scraip.councils.models import Authority
from scraip.councils.tests.factories import (
    CommitteeFactory,
    MeetingFactory,
    PortfolioTermFactory,
    UserFactory,
)
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans import publication
from scraip.plans.models import ActionPlan, Recommendation, Response
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

pytestmark = pytest.mark.django_db

When = Authority.PlanPublication
Status = ActionPlan.Status
Publication = ActionPlan.Publication


def is_public(plan) -> bool:
    return ActionPlan.objects.published().filter(pk=plan.pk).exists()


@pytest.mark.parametrize(
    ("setting", "status", "by_hand", "public"),
    [
        (When.WHEN_ANSWERED, Status.DRAFT, Publication.COUNCIL_RULE, False),
        (When.WHEN_ANSWERED, Status.AWAITING_RESPONSE, Publication.COUNCIL_RULE, False),
        (When.WHEN_ANSWERED, Status.RESPONDED, Publication.COUNCIL_RULE, True),
        (When.WHEN_ANSWERED, Status.CLOSED, Publication.COUNCIL_RULE, True),
        (When.WHEN_ANSWERED, Status.AWAITING_RESPONSE, Publication.PUBLISHED, True),
        (When.WHEN_ANSWERED, Status.RESPONDED, Publication.WITHDRAWN, False),
        (When.WHEN_SENT, Status.DRAFT, Publication.COUNCIL_RULE, False),
        (When.WHEN_SENT, Status.AWAITING_RESPONSE, Publication.COUNCIL_RULE, True),
        (When.WHEN_SENT, Status.CLOSED, Publication.WITHDRAWN, False),
        (When.BY_HAND, Status.RESPONDED, Publication.COUNCIL_RULE, False),
        (When.BY_HAND, Status.RESPONDED, Publication.PUBLISHED, True),
        # A draft marked published by some other path is still never public.
        (When.BY_HAND, Status.DRAFT, Publication.PUBLISHED, False),
    ],
)
def test_the_council_setting_and_the_plans_own_choice_decide(
    authority, committee, setting, status, by_hand, public
):
    Authority.objects.filter(pk=authority.pk).update(publishes_plans=setting)
    plan = ActionPlanFactory(
        authority=authority,
        committee=committee,
        status=status,
        publication=by_hand,
        withdrawal_reason="Names a resident." if by_hand == Publication.WITHDRAWN else "",
    )
    assert is_public(plan) is public


def test_a_deleted_plan_is_never_public(authority, committee):
    plan = SentActionPlanFactory(
        authority=authority, committee=committee, publication=Publication.PUBLISHED
    )
    assert is_public(plan)
    ActionPlan.objects.filter(pk=plan.pk).update(deleted_at=timezone.now())
    assert not is_public(plan)


def test_a_withdrawal_needs_its_reason_and_history_keeps_it(followed):
    plan = followed.plan
    with pytest.raises(WorkflowError, match="Enter why"):
        publication.plan_publication_set(
            plan=plan, publication=Publication.WITHDRAWN, reason="  ", loaded_version=plan.version
        )
    plan.refresh_from_db()
    assert is_public(plan)
    publication.plan_publication_set(
        plan=plan,
        publication=Publication.WITHDRAWN,
        reason="An explanation names a member of staff.",
        loaded_version=plan.version,
    )
    assert not is_public(plan)
    assert publication.publication_state(plan).reason.endswith("names a member of staff.")
    publication.plan_publication_set(
        plan=plan, publication=Publication.COUNCIL_RULE, loaded_version=plan.version
    )
    plan.refresh_from_db()
    assert is_public(plan) and plan.withdrawal_reason == ""
    reasons = list(plan.history.values_list("withdrawal_reason", flat=True))
    assert "An explanation names a member of staff." in reasons


def test_a_draft_cannot_be_published_by_hand(authority, committee):
    plan = ActionPlanFactory(authority=authority, committee=committee)
    with pytest.raises(WorkflowError, match="draft is never public"):
        publication.plan_publication_set(
            plan=plan, publication=Publication.PUBLISHED, loaded_version=plan.version
        )
    assert ActionPlan.objects.get(pk=plan.pk).publication == Publication.COUNCIL_RULE


def test_the_database_refuses_a_withdrawal_without_a_reason(followed):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlan.objects.filter(pk=followed.plan.pk).update(publication=Publication.WITHDRAWN)


def test_the_officer_withdraws_a_plan_on_its_page(client, officer, followed):
    client.force_login(officer)
    url = reverse("plans:plan_publication", args=[followed.plan.pk])
    detail = client.get(followed.plan.get_absolute_url())
    assert b"Public: the council publishes its plans once the cabinet" in detail.content
    form = client.get(url)
    version = re.search(rb'name="loaded_version" value="(\d+)"', form.content).group(1).decode()
    refused = client.post(url, {"publication": "withdrawn", "loaded_version": version})
    assert refused.status_code == 200
    assert b"Enter why the plan is being withdrawn from publication" in refused.content
    # The page still says how the plan stands, not what was refused.
    assert b"Public: the council publishes its plans" in refused.content
    assert is_public(followed.plan)
    saved = client.post(
        url,
        {
            "publication": "withdrawn",
            "withdrawal_reason": "Waiting for legal advice.",
            "loaded_version": version,
        },
    )
    assert saved.status_code == 302
    assert not is_public(followed.plan)
    assert client.get(reverse("followup:public_plan", args=[followed.plan.pk])).status_code == 404
    history = client.get(reverse("plans:plan_history", args=[followed.plan.pk]))
    assert b"Waiting for legal advice." in history.content


def test_the_public_plan_page_shows_decisions_progress_and_verdicts(client, followed):
    ProgressUpdateFactory(
        subject=followed.item_a, status="implemented", reported_on=datetime.date(2026, 11, 2)
    )
    VerdictFactory(subject=followed.item_a, meeting=followed.meeting, verdict="closed")
    page = client.get(reverse("followup:public_plan", args=[followed.plan.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "Review of Partnerships",
        "Recommendation A",
        "Adopt it.",
        "Accepted",
        "Rejected",
        "Not affordable.",
        "Carry out",
        "March 2027",
        "Implemented",
        "2 November 2026",
        "Closed",
        "14 January 2027",
        "1st update",
    ):
        assert expected in text, expected
    # A's two sub-parts under one heading, then G: a section a recommendation.
    assert text.count('id="recommendation-') == 2
    assert text.index("Adopt it.") < text.index("Keep a database.") < text.index("Recommendation G")
    # Narratives and notes stay in the signed-in pages.
    assert "Work has started" not in text
    assert "Sign in" not in text or "Signed in as" not in text


@pytest.mark.parametrize("state", ["draft", "awaiting", "withdrawn", "deleted", "unknown"])
def test_what_is_not_published_answers_as_if_it_never_existed(client, authority, committee, state):
    plan = SentActionPlanFactory(authority=authority, committee=committee)
    if state == "draft":
        ActionPlan.objects.filter(pk=plan.pk).update(status=Status.DRAFT)
    elif state == "withdrawn":
        ActionPlan.objects.filter(pk=plan.pk).update(
            status=Status.RESPONDED, publication="withdrawn", withdrawal_reason="Legal advice."
        )
    elif state == "deleted":
        ActionPlan.objects.filter(pk=plan.pk).update(
            status=Status.RESPONDED, deleted_at=timezone.now()
        )
    pk = plan.pk + 1000 if state == "unknown" else plan.pk
    page = client.get(reverse("followup:public_plan", args=[pk]))
    never = client.get(reverse("followup:public_plan", args=[plan.pk + 2000]))
    assert page.status_code == never.status_code == 404
    assert page.content == never.content
    listing = client.get(reverse("followup:public_plans", args=[authority.pk]))
    assert plan.title.encode() not in listing.content
    assert b"0 plans" in listing.content


def test_an_unknown_council_is_404(client):
    assert client.get(reverse("followup:public_plans", args=[9999])).status_code == 404


def published_plan(authority, committee, title, *, year, decision, status=Status.RESPONDED):
    plan = SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title=title,
        publication_date=datetime.date(year, 6, 1),
        received_on=datetime.date(year, 6, 10),
        status=status,
    )
    rejected = decision == "rejected"
    ResponseFactory(
        part=PartFactory(recommendation=RecommendationFactory(action_plan=plan)),
        decision=decision,
        **({"action": "", "timetable": None, "lead_officer": None} if rejected else {}),
    )
    return plan


def test_the_council_index_filters_by_committee_year_decision_and_status(
    client, authority, committee
):
    from scraip.councils.tests.factories import CommitteeFactory

    other = CommitteeFactory(authority=authority, name="Audit Committee")
    hidden = CommitteeFactory(authority=authority, name="Only Drafts Committee")
    published_plan(authority, committee, "Parks", year=2024, decision="accepted")
    published_plan(
        authority, other, "Flooding", year=2025, decision="rejected", status=Status.CLOSED
    )
    ActionPlanFactory(
        authority=authority,
        committee=hidden,
        title="Secret draft",
        publication_date=datetime.date(2019, 6, 1),
    )
    url = reverse("followup:public_plans", args=[authority.pk])

    def titles(**query):
        page = client.get(url, query)
        assert page.status_code == 200
        return {t for t in ("Parks", "Flooding") if f">{t}</a>" in page.content.decode()}

    assert titles() == {"Parks", "Flooding"}
    assert titles(committee=other.pk) == {"Flooding"}
    assert titles(year=2024) == {"Parks"}
    assert titles(decision="rejected") == {"Flooding"}
    assert titles(status="responded") == {"Parks"}
    page = client.get(url).content.decode()
    # The choices come from published plans alone: no hint of the draft's committee or year.
    assert "Only Drafts Committee" not in page and "2019/20" not in page
    assert "Secret draft" not in page
    # A choice that is not offered is an error on the form, not a crash.
    assert client.get(url, {"committee": hidden.pk}).status_code == 200


def test_the_councils_page_lists_only_councils_with_published_plans(
    client, authority, other_authority, committee
):
    published_plan(authority, committee, "Parks", year=2024, decision="accepted")
    page = client.get(reverse("followup:public_councils")).content.decode()
    assert authority.name in page
    assert other_authority.name not in page


def make_public_plan(authority, committee, recommendations: int):
    """A published plan of this many recommendations in three portfolios, each with a holder,
    an accepted answer, an update and a verdict, heard jointly with another committee."""
    plan = published_plan(authority, committee, "Big plan", year=2025, decision="accepted")
    plan.joint_committees.add(CommitteeFactory(authority=authority))
    portfolios = [PortfolioTermFactory(portfolio__authority=authority).portfolio for _ in "abc"]
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 1, 14))
    for number in range(recommendations):
        part = PartFactory(
            recommendation=RecommendationFactory(
                action_plan=plan, letter=f"Z{number}", portfolio=portfolios[number % 3]
            )
        )
        response = ResponseFactory(part=part)
        ProgressUpdateFactory(
            subject=part, reported_by=response.lead_officer, entered_by=UserFactory()
        )
        VerdictFactory(subject=part, meeting=meeting)
    return plan


# Plan; items with their state; portfolio terms (with holders); their latest updates (with
# council statuses); their latest verdicts (with meetings); report-backs (with meetings); the
# committees it came from jointly.
PUBLIC_PLAN = 7
# Council; plan count; page of plans with their counts; filter choices: committees, years.
PUBLIC_PLANS = 5


@pytest.mark.parametrize("size", [2, 40])
def test_public_pages_query_counts_do_not_grow(
    client, authority, committee, size, django_assert_max_num_queries
):
    plan = make_public_plan(authority, committee, size)
    for number in range(size):
        published_plan(authority, committee, f"Plan {number}", year=2024, decision="accepted")
    with django_assert_max_num_queries(PUBLIC_PLAN):
        page = client.get(reverse("followup:public_plan", args=[plan.pk]))
    assert page.status_code == 200 and f"Recommendation Z{size - 1}".encode() in page.content
    with django_assert_max_num_queries(PUBLIC_PLANS):
        page = client.get(reverse("followup:public_plans", args=[authority.pk]))
    assert page.status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("followup:public_councils")).status_code == 200


def test_the_officer_page_says_why_a_plan_is_not_public(client, officer, plan):
    client.force_login(officer)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Not public yet: the council publishes its plans once the cabinet has responded" in page
    Authority.objects.filter(pk=plan.authority_id).update(publishes_plans=When.BY_HAND)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Not public: the council publishes plans by hand." in page


def test_a_recommendation_deleted_from_a_public_plan_is_not_shown(client, followed):
    Recommendation.objects.filter(letter="G", action_plan=followed.plan).update(
        deleted_at=timezone.now()
    )
    page = client.get(reverse("followup:public_plan", args=[followed.plan.pk])).content.decode()
    assert "Recommendation A" in page and "Recommendation G" not in page


def test_responses_decisions_are_summarised(client, followed):
    page = client.get(reverse("followup:public_plan", args=[followed.plan.pk])).content.decode()
    assert "The cabinet's decisions: accepted 2, rejected 1." in page
    assert Response.objects.filter(part__recommendation__action_plan=followed.plan).count() == 3
