"""The demo reviews: seed 002's joint review of three councils and seed 004's partnership review
with its evidence day, loaded by `load_demo` and loaded again without duplicates."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from reviews.models import Activity, ActivityPart, Review, Witness, number_steps
from scraip.common.softdelete import soft_delete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every reviews model but the history, which records the restores."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config("reviews").get_models()
        if not model._meta.label.startswith("reviews.Historical")
    }


def test_seed_002s_joint_review_has_three_councils_five_sessions_a_survey_and_a_joint_meeting():
    load_demo()
    review = Review.objects.get(title__startswith="Governance and Communications of the Mid Kent")
    assert sorted(a.short_name for a in review.participating_authorities.all()) == [
        "Maidstone",
        "Swale",
        "Tunbridge Wells",
    ]
    steps = number_steps(review.activities.all())
    assert [(step.label, step.planned_display) for step in steps] == [
        ("Session 1", "10 September 2014"),
        ("Session 2", "Mid/Late September 2014"),
        ("Members' survey begins", "October 2014"),
        ("Session 3", "October 2014"),
        ("Session 4", "Early November 2014"),
        ("Session 5", "Mid/Late November 2014"),
    ]
    # The plan's last step, the report-back, is the joint meeting of the three committees.
    assert (
        review.reports_to_description == "Joint meeting of the three councils' scrutiny committees"
    )
    assert review.report_due_display == "December 2014"
    assert review.members.filter(role="substitute").count() == 2
    assert review.supporting_officers.count() == 2


def test_seed_004s_review_has_an_evidence_day_with_morning_afternoon_and_case_studies():
    load_demo()
    review = Review.objects.get(title="Partnership Working in Oxfordshire")
    day = review.activities.get(kind=Activity.Kind.EVIDENCE_DAY)
    kinds = set(day.parts.values_list("kind", flat=True))
    assert {
        ActivityPart.Kind.MORNING,
        ActivityPart.Kind.AFTERNOON,
        ActivityPart.Kind.CASE_STUDY,
    } <= kinds
    assert {"agenda", "information_sheet", "final_report"} <= set(
        review.documents.values_list("kind", flat=True)
    )


def test_loading_again_duplicates_nothing_and_restores_what_was_deleted():
    out = load_demo()
    assert "Demo reviews loaded." in out
    before = row_counts()
    review = Review.objects.get(title="Partnership Working in Oxfordshire")
    review.activities.update(deleted_at="2026-10-01T00:00Z")
    Review.objects.filter(pk=review.pk).update(deleted_at="2026-10-01T00:00Z")
    load_demo()
    assert row_counts() == before
    assert Review.objects.filter(pk=review.pk).exists()
    assert review.activities.count() == 2


def test_a_demo_review_deleted_in_the_app_comes_back_with_its_evidence_plan():
    load_demo()
    before = row_counts()
    review = Review.objects.get(title="Partnership Working in Oxfordshire")
    soft_delete(record=review.activities.get(kind=Activity.Kind.OTHER))
    soft_delete(record=review)
    assert not Witness.objects.filter(part__activity__review=review).exists()
    load_demo()
    assert Review.objects.filter(pk=review.pk).exists()
    assert review.activities.count() == 2
    assert Witness.objects.filter(part__activity__review=review).count() == 2
    assert review.documents.count() == 4
    assert row_counts() == before
