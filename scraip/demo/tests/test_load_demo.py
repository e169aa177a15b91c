import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.urls import reverse

from scraip.common.softdelete import soft_delete
from scraip.councils.models import Authority, Person, Portfolio
from scraip.demo.history import generated_plans
from scraip.followup.models import CouncilStatus, ProgressUpdate
from scraip.plans.models import (
    ActionPlan,
    Recommendation,
    RecommendationPart,
    ReportBack,
    Response,
)

PASSWORD = "scraip-demo-2026"
LOGINS = ["officer", "leader", "hooper", "councillor", "lead", "setup", "medway", "admin"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The command checks and sets six passwords per run; PBKDF2 would make that seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    labels = ("councils", "plans", "followup", "reviews", "partnerships")
    models = [
        *(model for label in labels for model in apps.get_app_config(label).get_models()),
        get_user_model(),
    ]
    return {model._meta.label: model._base_manager.count() for model in models}


@pytest.fixture
def demo(db):
    """The demo loaded twice, as a developer re-running it would leave it."""
    load_demo()
    return load_demo()


@pytest.fixture
def partnerships(demo):
    return ActionPlan.objects.get(title="Review of Partnerships")


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


@pytest.mark.django_db
def test_loading_again_adds_and_changes_nothing():
    load_demo()
    counts = row_counts()

    load_demo()

    assert row_counts() == counts
    # Maidstone's and Kent's 4, Medway's imported 2, and Maidstone's generated years.
    maidstone = Authority.objects.get(name="Maidstone Borough Council")
    assert counts["plans.ActionPlan"] - generated_plans(maidstone).count() == 6


@pytest.mark.django_db
def test_the_demo_publishes_the_2007_scraip_and_no_draft():
    load_demo()
    published = ActionPlan.objects.published()
    assert published.filter(title="Review of Partnerships").exists()
    assert not published.filter(status=ActionPlan.Status.DRAFT).exists()


def test_loading_again_restores_a_demo_plan_changed_in_the_app(partnerships):
    recommendation = partnerships.recommendations.get(letter="B")
    soft_delete(record=recommendation.parts.get())
    RecommendationPart.objects.create(recommendation=recommendation, numeral="i", text="Split")
    soft_delete(record=partnerships.recommendations.get(letter="C"))

    load_demo()

    assert [part.numeral for part in recommendation.parts.all()] == [""]
    assert recommendation.parts.get().response.decision == Response.Decision.ACCEPTED
    assert partnerships.recommendations.filter(letter="C").exists()


def test_loading_again_restores_a_demo_plan_deleted_in_the_app_with_all_it_holds(demo):
    plan = ActionPlan.objects.get(title="Review of Community Engagement")
    held = plan_contents(plan)
    soft_delete(record=plan)

    load_demo()

    restored = ActionPlan.objects.get(pk=plan.pk)
    assert plan_contents(restored) == held
    assert restored.status == ActionPlan.Status.AWAITING_RESPONSE
    assert ActionPlan.all_objects.filter(title=plan.title).count() == 1


def plan_contents(plan) -> dict[str, int]:
    return {
        "recommendations": plan.recommendations.count(),
        "parts": RecommendationPart.objects.filter(recommendation__action_plan=plan).count(),
        "responses": Response.objects.filter(part__recommendation__action_plan=plan).count(),
        "report-backs": plan.report_backs.count(),
    }


def test_review_of_partnerships_is_loaded_once_in_the_reports_order(demo, partnerships):
    assert ActionPlan.objects.filter(title="Review of Partnerships").count() == 1
    letters = [rec.letter for rec in partnerships.recommendations.all()]
    assert letters == ["A", "B", "G", "C", "D", "E", "F", "H", "I"]
    assert "moved up the order" in partnerships.recommendations.get(letter="G").note
    assert partnerships.committee.name == "Strategic Leadership Overview and Scrutiny Committee"
    assert partnerships.publication_date == datetime.date(2007, 5, 17)
    assert partnerships.response_deadline == datetime.date(2007, 8, 5)  # two months
    assert partnerships.status == ActionPlan.Status.RESPONDED


def test_sub_parts_are_split_where_the_report_splits_them(partnerships):
    numerals = {
        rec.letter: [part.numeral for part in rec.parts.all()]
        for rec in partnerships.recommendations.all()
    }
    split = ["i", "ii"]
    whole = [""]
    assert numerals == {
        "A": split,
        "B": whole,
        "G": whole,
        "C": whole,
        "D": split,
        "E": whole,
        "F": split,
        "H": split,
        "I": whole,
    }
    whole_parts = RecommendationPart.objects.filter(
        recommendation__action_plan=partnerships, numeral=""
    )
    assert set(whole_parts.values_list("text", flat=True)) == {""}


def test_each_part_has_the_cabinets_decision(partnerships):
    responses = Response.objects.filter(part__recommendation__action_plan=partnerships)
    decisions = {
        (r.part.recommendation.letter, r.part.numeral): r.decision
        for r in responses.select_related("part__recommendation")
    }
    accepted, rejected = Response.Decision.ACCEPTED, Response.Decision.REJECTED
    assert decisions == {
        ("A", "i"): accepted,
        ("A", "ii"): accepted,
        ("B", ""): accepted,
        ("G", ""): accepted,
        ("C", ""): rejected,
        ("D", "i"): accepted,
        ("D", "ii"): accepted,
        ("E", ""): accepted,
        ("F", "i"): rejected,
        ("F", "ii"): accepted,
        ("H", "i"): accepted,
        ("H", "ii"): accepted,
        ("I", ""): rejected,
    }
    # An officer typed the cabinet's answers in on each portfolio holder's behalf.
    g = responses.get(part__recommendation__letter="G")
    assert g.responded_by == person("hooper")
    assert g.entered_by.username == "officer"


def test_report_backs_print_as_the_paper_wrote_them(partnerships):
    report_backs = ReportBack.objects.filter(action_plan=partnerships).select_related("meeting")
    assert [rb.due_display for rb in report_backs] == [
        "27 November 2007",
        "1 April 2008",
        "October 2008",
    ]
    assert [rb.completed for rb in report_backs] == [True, True, False]
    assert [rb.meeting.date for rb in report_backs] == [
        datetime.date(2007, 11, 27),
        datetime.date(2008, 4, 1),
        datetime.date(2008, 10, 14),
    ]


def test_demo_logins_sign_in_with_their_roles(demo, rf):
    for username in LOGINS:
        assert authenticate(rf.get("/"), username=username, password=PASSWORD), username
    superusers = get_user_model().objects.filter(is_superuser=True, is_staff=True)
    assert list(superusers.values_list("username", flat=True)) == ["admin"]
    assert person("officer").in_scrutiny_team
    assert person("lead").kind == Person.Kind.OFFICER
    assert not person("lead").in_scrutiny_team


def test_cabinet_logins_hold_portfolios_with_parts_awaiting_them(demo):
    assert [p.title for p in Portfolio.objects.held_by(person("leader"))] == [
        "Leader of the Council"
    ]
    assert not Portfolio.objects.held_by(person("councillor")).exists()
    awaiting = RecommendationPart.objects.awaiting_response()
    for username in ["leader", "hooper"]:
        portfolios = Portfolio.objects.held_by(person(username))
        assert awaiting.for_portfolios(portfolios).exists(), username


def test_kent_uses_a_28_day_response_period(demo):
    kent = Authority.objects.get(name="Kent County Council")
    plan = ActionPlan.objects.get(authority=kent)
    assert kent.response_period_days == 28
    assert plan.response_deadline == plan.received_on + datetime.timedelta(days=28)
    assert RecommendationPart.objects.overdue().filter(recommendation__action_plan=plan).exists()


def test_three_councils_share_their_impact_reports_and_the_network_compares_them(demo, client):
    assert set(Authority.objects.filter(compares_impact=True).values_list("name", flat=True)) == {
        "Kent County Council",
        "Maidstone Borough Council",
        "Medway Council",
    }
    client.force_login(get_user_model().objects.get(username="officer"))
    page = client.get(reverse("followup:impact_network")).content.decode()
    main = page.split('id="main-content"')[1].split("</main>")[0]
    for council in ("Kent County Council", "Maidstone Borough Council", "Medway Council"):
        assert council in main
    assert "Swale Borough Council" not in main


def test_command_prints_the_logins(demo):
    for username in LOGINS:
        assert f"{username} / {PASSWORD}" in demo


def test_the_setup_login_administers_maidstone_only(demo):
    administrator = person("setup")
    assert administrator.is_council_admin
    assert administrator.authority.name == "Maidstone Borough Council"
    maidstone = Person.objects.filter(authority=administrator.authority, is_council_admin=True)
    assert list(maidstone) == [administrator]


def test_medway_is_set_up_through_the_setup_spreadsheets_and_its_tracker_imported(demo):
    """Issue 10.6: a second council working differently, set up without the admin."""
    medway = Authority.objects.get(name="Medway Council")
    lucy = person("medway")
    assert (lucy.authority, lucy.is_council_admin, lucy.in_scrutiny_team) == (medway, True, True)
    assert lucy.history.exists()
    assert list(CouncilStatus.objects.filter(authority=medway).values_list("name", flat=True)) == [
        "Complete",
        "Ongoing",
        "Paused",
    ]
    plans = ActionPlan.objects.filter(authority=medway).order_by("publication_date")
    assert [plan.title for plan in plans] == ["Surface water flooding", "Parks and play areas"]
    assert [plan.municipal_year_label for plan in plans] == ["2024/25", "2025/26"]
    first = Recommendation.objects.get(action_plan=plans[0], letter="SR (24/25) 01")
    assert first.history.first().history_change_reason == "Imported from tracker.csv"
    response = Response.objects.get(part__recommendation=first)
    assert response.leads_display == "Rob Strood, supported by Asha Gillingham"
    paused = ProgressUpdate.objects.get(council_status__authority=medway, status="paused")
    assert paused.council_status.name == "Paused"
    # The predecessor committee hands its work on to the committee that reviews the tracker.
    assert medway.committees.get(short_name="ETG").successor.short_name == "RCE O&S"
