import datetime

import factory
from django.core.files.base import ContentFile

from scraip.common.tests.factories import SoftDeletableFactory
from scraip.common.tests.files import MINIMAL_PDF
from scraip.councils.tests.factories import MeetingFactory, UserFactory
from scraip.followup import models
from scraip.plans.tests.factories import ReportBackFactory


class ProgressUpdateFactory(SoftDeletableFactory):
    class Meta:
        model = models.ProgressUpdate

    subject = None  # give the item
    status = models.ProgressUpdate.Status.ON_TRACK
    narrative = "Work has started and is on schedule."
    reported_by = factory.LazyAttribute(lambda update: update.subject.progress_lead())
    entered_by = factory.LazyAttribute(lambda update: update.reported_by.user)
    reported_on = datetime.date(2026, 11, 20)  # before the tests' today, 23 November 2026


class VerdictFactory(SoftDeletableFactory):
    class Meta:
        model = models.Verdict

    subject = None
    meeting = None
    verdict = models.Verdict.Kind.SATISFIED
    recorded_by = factory.SubFactory(UserFactory)


class CouncilStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CouncilStatus

    name = factory.Sequence(lambda number: f"Ongoing {number}")
    lifecycle = models.ProgressUpdate.Status.ON_TRACK
    rag = models.CouncilStatus.Rag.AMBER


def access_objects(*, plan, part, response, officer) -> dict:
    """Records for every follow-up route in tests/test_access.py: a meeting of the plan's
    committee with the plan's 1st report-back, an update (with an evidence file) on the accepted
    `part`, and a calendar feed of the officer's."""
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 14))
    # Sequence 2: the fuzz test's own fixture adds a 1st report-back to the same plan.
    report_back = ReportBackFactory(
        action_plan=plan, sequence=2, due_on=meeting.date, meeting=meeting
    )
    update = ProgressUpdateFactory(
        subject=part,
        report_back=report_back,
        reported_by=response.lead_officer,
        entered_by=officer,
    )
    update.evidence_file.save("minutes.pdf", ContentFile(MINIMAL_PDF))
    feed = models.CalendarFeed.objects.create(owner=officer, committee=plan.committee)
    status = CouncilStatusFactory(authority=plan.authority)
    published = type(plan).objects.create(
        authority=plan.authority,
        committee=plan.committee,
        title="A published plan",
        publication_date=plan.publication_date,
        status=plan.Status.RESPONDED,
        publication=plan.Publication.PUBLISHED,
    )
    return {
        "published_plan": [published.pk],
        "council_csv": [plan.authority_id, "csv"],
        "csv": ["csv"],
        "council_status": [status.pk],
        "meeting": [meeting.pk],
        "report_back": [report_back.pk],
        "item": [part.pk],
        "item_at_meeting": [part.pk, meeting.pk],
        "update": [update.pk],
        "plan_xlsx": [plan.pk, "xlsx"],
        "committee": [plan.committee_id],
        "committee_xlsx": [plan.committee_id, "xlsx"],
        "council_xlsx": [plan.authority_id, "xlsx"],
        "tracker_xlsx": ["xlsx"],
        "feed": [feed.pk],
        "feed_token": [feed.token],
    }
