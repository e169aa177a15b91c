"""Fixtures of the cross-app tests: the records every route's URL needs."""

import pytest
from django.utils import timezone

from partnerships.tests.factories import access_objects as partnership_objects
from reviews.tests.factories import access_objects as review_objects
from scraip.common.models import PdfJob
from scraip.councils.tests.factories import access_objects as setup_objects
from scraip.followup.tests.factories import access_objects as follow_up_objects
from scraip.plans.tests.factories import (
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)


@pytest.fixture
def objects(plan, part_a, part_b, cabinet_a, lead_officer_person, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # review documents are written to the storage
    response = ResponseFactory(
        part=part_b, responded_by=cabinet_a.person, lead_officer=lead_officer_person
    )
    deleted_plan = SentActionPlanFactory(
        authority=plan.authority, committee=plan.committee, deleted_at=timezone.now()
    )
    deleted_recommendation = RecommendationFactory(action_plan=plan, deleted_at=timezone.now())
    found = {
        None: [],
        "plan": [plan.pk],
        "recommendation": [part_a.recommendation_id],
        "part": [part_a.pk],
        "response": [response.pk],
        "deleted_plan": [deleted_plan.pk],
        "deleted_recommendation": [deleted_recommendation.pk],
        **review_objects(authority=plan.authority, committee=plan.committee),
        **follow_up_objects(plan=plan, part=part_b, response=response, officer=officer),
        **setup_objects(authority=plan.authority, officer=officer),
        **partnership_objects(
            authority=plan.authority,
            lead_officer_person=lead_officer_person,
            recommendation=part_a.recommendation,
            officer=officer,
        ),
    }
    return {**found, **pdf_job_objects(found, plan, officer)}


def pdf_job_objects(found, plan, officer) -> dict:
    """A finished background PDF of each document, asked for by the officer."""
    jobs = {
        "plan_pdf_job": ("scraip.plans.documents.action_plan", found["plan"][0]),
        "pack_pdf_job": ("scraip.followup.documents.update_pack", found["meeting"][0]),
        "scoping_pdf_job": ("reviews.documents.scoping_report", found["review"][0]),
        "profile_pdf_job": ("partnerships.documents.profile", found["partnership"][0]),
        "register_pdf_job": ("partnerships.documents.register", plan.authority_id),
    }
    objects = {}
    for kind, (builder, object_id) in jobs.items():
        job = PdfJob.objects.create(
            builder=builder,
            object_id=object_id,
            requested_by=officer,
            title="A long document",
            filename="document.pdf",
            items=400,
            status=PdfJob.Status.DONE,
            pdf=b"%PDF-1.7",
            pages=1,
        )
        objects[kind] = [job.pk] if kind == "register_pdf_job" else [object_id, job.pk]
    return objects
