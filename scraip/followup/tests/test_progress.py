"""Progress updates, target date changes and the committee's verdicts on accepted items."""

import datetime
import io
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from scraip.common.tests.files import MINIMAL_PDF
from scraip.councils.models import Meeting
from scraip.councils.tests.factories import MeetingFactory, OfficerFactory
from scraip.followup import services
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, SentActionPlanFactory

pytestmark = pytest.mark.django_db

ON_TRACK = ProgressUpdate.Status.ON_TRACK


def add_url(item):
    return reverse("followup:progress_add", args=[item.pk])


def verdict_url(item, meeting):
    return reverse("followup:verdict_record", args=[item.pk, meeting.pk])


def test_lead_officer_writes_their_own_update(client, lead_officer, followed):
    client.force_login(lead_officer)
    page = client.get(add_url(followed.item_g))
    assert b"Whose update is this?" not in page.content
    response = client.post(
        add_url(followed.item_g),
        {"report_back": followed.first.pk, "status": ON_TRACK, "narrative": "Pages drafted."},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.subject == followed.item_g
    assert update.reported_by == lead_officer.person
    assert update.entered_by == lead_officer
    assert update.report_back == followed.first
    assert update.reported_on == timezone.localdate()
    assert not update.entered_on_behalf


def test_officer_writes_on_the_lead_officers_behalf_and_both_names_are_kept(
    client, officer, lead_officer_person, followed
):
    client.force_login(officer)
    response = client.post(
        add_url(followed.item_g),
        {
            "report_back": followed.first.pk,
            "status": ON_TRACK,
            "narrative": "Told me by phone.",
            "reported_by": lead_officer_person.pk,
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.reported_by, update.entered_by) == (lead_officer_person, officer)
    page = client.get(reverse("followup:progress_item", args=[followed.item_g.pk]))
    assert "Liam Lead (entered by Olive Officer)" in page.content.decode()


def test_evidence_file_is_checked_and_downloaded_as_an_attachment(
    client, lead_officer, followed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(lead_officer)
    body = {"status": ON_TRACK, "narrative": "Minutes attached."}
    fake = SimpleUploadedFile("minutes.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    page = client.post(add_url(followed.item_g), {**body, "evidence_file": fake})
    assert "The file is not a real PDF" in page.content.decode()
    assert not ProgressUpdate.objects.exists()
    real = SimpleUploadedFile("Cabinet minutes.pdf", MINIMAL_PDF)
    client.post(add_url(followed.item_g), {**body, "evidence_file": real})
    update = ProgressUpdate.objects.get()
    download = client.get(reverse("followup:progress_evidence", args=[update.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_evidence_link_must_be_a_web_address(client, lead_officer, followed):
    client.force_login(lead_officer)
    page = client.post(
        add_url(followed.item_g),
        {"status": ON_TRACK, "narrative": "See it.", "evidence_link": "not a link"},
    )
    assert "Enter a full web address" in page.content.decode()


def test_rejected_item_takes_no_progress(client, officer, followed):
    client.force_login(officer)
    assert client.get(add_url(followed.rejected)).status_code == 404


def test_updates_i_owe_lists_items_without_an_update_for_the_next_report_back(
    client, lead_officer, followed
):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    client.force_login(lead_officer)
    page = client.get(reverse("followup:updates_owed")).content.decode()
    assert "Updates I owe" in page
    assert add_url(followed.item_g) in page
    assert add_url(followed.item_a) not in page
    assert "14 January 2027" in page


def test_changing_the_target_date_needs_a_reason_and_keeps_the_old_date(
    client, lead_officer, followed
):
    url = reverse("followup:target_date_change", args=[followed.item_g.pk])
    response = followed.item_g.response
    client.force_login(lead_officer)
    page = client.post(url, {"new_target": "September 2027", "reason": "  ", "loaded_version": 1})
    assert "Give the reason for changing the target date" in page.content.decode()
    page = client.post(url, {"new_target": "31 February 2027", "reason": "Late data"})
    assert "that day does not exist" in page.content.decode()
    response.refresh_from_db()
    assert response.timetable == datetime.date(2027, 3, 1)
    assert not TargetDateChange.objects.exists()

    client.post(
        url,
        {
            "new_target": "September 2027",
            "reason": "Awaiting Cabinet",
            "loaded_version": response.version,
        },
    )
    response.refresh_from_db()
    assert (response.timetable, response.timetable_precision) == (
        datetime.date(2027, 9, 1),
        "month",
    )
    change = TargetDateChange.objects.get()
    assert (change.old_display, change.new_display, change.reason) == (
        "March 2027",
        "September 2027",
        "Awaiting Cabinet",
    )
    assert response.history.first().history_change_reason.endswith("Awaiting Cabinet")
    item_page = client.get(reverse("followup:progress_item", args=[followed.item_g.pk]))
    assert "<del>March 2027</del>" in item_page.content.decode()


def test_a_stale_target_date_change_is_refused(client, officer, followed):
    url = reverse("followup:target_date_change", args=[followed.item_g.pk])
    client.force_login(officer)
    first = {"new_target": "May 2027", "reason": "One", "loaded_version": 1}
    client.post(url, first)
    page = client.post(url, {**first, "new_target": "June 2027", "reason": "Two"})
    assert "changed this after you opened it" in page.content.decode()
    assert Response.objects.get(pk=followed.item_g.response.pk).timetable.month == 5


def test_verdict_before_any_update_is_refused(client, officer, followed):
    client.force_login(officer)
    page = client.post(verdict_url(followed.item_g, followed.meeting), {"verdict": "satisfied"})
    assert "No progress on Recommendation G had been reported by 14 January 2027" in (
        page.content.decode()
    )
    assert not Verdict.objects.exists()


def test_not_satisfied_names_who_is_invited_back(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    client.force_login(officer)
    url = verdict_url(followed.item_g, followed.meeting)
    page = client.post(url, {"verdict": "not_satisfied"})
    assert "Choose who the committee has invited back" in page.content.decode()
    response = client.post(url, {"verdict": "not_satisfied", "invited_back": "cabinet_member"})
    assert response.url.endswith(f"#item-{followed.item_g.pk}")
    verdict = Verdict.objects.get()
    assert (verdict.verdict, verdict.invited_back, verdict.report_back) == (
        "not_satisfied",
        "cabinet_member",
        followed.first,
    )


def test_only_a_committee_verdict_closes_an_item(client, lead_officer, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="implemented")
    item = followed.item_g
    assert not _fresh(item).is_closed
    services.verdict_record(
        subject=item, meeting=followed.meeting, verdict="closed", recorded_by=officer
    )
    assert _fresh(item).is_closed
    client.force_login(lead_officer)
    page = client.post(add_url(item), {"status": ON_TRACK, "narrative": "More."})
    assert "it takes no further changes" in page.content.decode()
    assert ProgressUpdate.objects.count() == 1


def test_plan_closes_when_every_item_is_closed_or_rejected_and_reopens(officer, followed):
    meeting = followed.meeting
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first, status="implemented")
    services.verdict_record(
        subject=followed.item_a, meeting=meeting, verdict="closed", recorded_by=officer
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.RESPONDED
    verdict = services.verdict_record(
        subject=followed.item_g, meeting=meeting, verdict="closed", recorded_by=officer
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.CLOSED
    services.verdict_record(
        subject=followed.item_g,
        meeting=meeting,
        verdict="not_satisfied",
        invited_back="lead_officer",
        recorded_by=officer,
        instance=verdict,
        loaded_version=verdict.version,
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.RESPONDED


def test_report_back_completes_only_once_every_item_due_has_a_verdict(client, officer, followed):
    url = reverse("followup:report_back_complete", args=[followed.first.pk])
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first)
    services.verdict_record(
        subject=followed.item_a,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    client.force_login(officer)
    page = client.post(url, {"note": "All heard."})
    assert "has not yet given its verdict on Recommendation G" in page.content.decode()
    followed.first.refresh_from_db()
    assert not followed.first.completed
    services.verdict_record(
        subject=followed.item_g,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    assert client.post(url, {"note": "All heard."}).status_code == 302
    followed.first.refresh_from_db()
    assert (followed.first.completed, followed.first.note) == (True, "All heard.")


def test_two_people_correcting_one_update_cannot_overwrite_each_other(client, officer, followed):
    update = ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    url = reverse("followup:progress_edit", args=[update.pk])
    client.force_login(officer)
    body = {
        "report_back": followed.first.pk,
        "status": ON_TRACK,
        "reported_by": update.reported_by_id,
        "loaded_version": 1,
    }
    assert client.post(url, {**body, "narrative": "First"}).status_code == 302
    page = client.post(url, {**body, "narrative": "Second"})
    assert "changed this after you opened it" in page.content.decode()
    update.refresh_from_db()
    assert (update.narrative, update.version) == ("First", 2)


def _fresh(item):
    from scraip.followup.progress import prefetch_progress

    return prefetch_progress(type(item).objects.filter(pk=item.pk)).get()


# Meetings, the update pack and the dashboards.


def test_officer_schedules_a_meeting_and_an_impossible_date_is_refused(client, officer, committee):
    client.force_login(officer)
    url = reverse("followup:meeting_create")
    body = {"committee": committee.pk, "place": "Town Hall", "status": "scheduled"}
    page = client.post(url, {**body, "date_0": "31", "date_1": "2", "date_2": "2027"})
    assert "Enter a real date" in page.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {**body, "date_0": "4", "date_1": "3", "date_2": "2027"})
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.date, meeting.place, meeting.status) == (
        datetime.date(2027, 3, 4),
        "Town Hall",
        "scheduled",
    )


def test_meeting_page_lists_every_accepted_item_due_with_both_statuses(
    client, councillor, officer, followed
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="at_risk")
    services.verdict_record(
        subject=followed.item_g,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    client.force_login(councillor)
    page = client.get(followed.meeting.get_absolute_url()).content.decode()
    assert followed.plan.title in page
    assert f'id="item-{followed.item_a.pk}"' in page
    assert f'id="item-{followed.item_g.pk}"' in page
    assert f'id="item-{followed.rejected.pk}"' not in page
    assert "2 items" in page
    # Self-reported beside committee-verified.
    assert "At risk" in page and "Satisfied" in page
    assert "Owed" in page and "Received" in page


def _pack_history(followed):
    """G reported twice with nothing new; A once, then again with a changed status."""
    for item, statuses in (
        (followed.item_g, ["on_track", "on_track"]),
        (
            followed.item_a,
            [
                "on_track",
                "at_risk",
            ],
        ),
    ):
        for day, status in zip((3, 10), statuses, strict=True):
            ProgressUpdateFactory(
                subject=item,
                status=status,
                narrative="Work has started and is on schedule.",
                report_back=followed.first if day == 10 else None,
                reported_on=datetime.date(2027, 1, day),
            )


def test_update_pack_page_shows_response_latest_update_and_what_changed(
    client, councillor, followed
):
    _pack_history(followed)
    client.force_login(councillor)
    page = client.get(reverse("followup:meeting_pack", args=[followed.meeting.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "Carry out Recommendation G" in page  # the cabinet's response
    assert "No change since last update" in page  # G
    assert "Status changed from On track to At risk" in page  # A


def test_update_pack_pdf_is_tagged_with_cover_chart_and_every_item(client, councillor, followed):
    _pack_history(followed)
    client.force_login(councillor)
    response = client.get(reverse("followup:meeting_pack_pdf", args=[followed.meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Update pack" in text
    assert "14 January 2027" in text
    # The SVG chart is drawn into the PDF: its bar labels are text on the page.
    assert "Closed by the committee" in text and "No update yet" in text
    assert "No change since last update" in text
    assert "Status changed from On track to At risk" in text
    assert "Carry out Recommendation G" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_officer_dashboard_shows_responses_due_updates_owed_and_items_off_track(
    client, officer, committee, authority, followed
):
    today = timezone.localdate()
    soon = SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Parking",
        response_deadline=today + datetime.timedelta(days=10),
    )
    SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Libraries",
        response_deadline=today + datetime.timedelta(days=40),
    )
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first, status="off_track")
    client.force_login(officer)
    page = client.get(reverse("followup:dashboard_officer")).content.decode()
    assert soon.title in page
    assert "Review of Libraries" not in page
    assert "14 January 2027" in page  # the committee's next meeting
    owed = page.split("Updates due before")[1].split("Items off track")[0]
    assert str(followed.item_g) in owed and str(followed.item_a) not in owed
    attention = page.split("Items off track or past their target date</h2>")[1]
    assert str(followed.item_a) in attention
    assert "<svg" in page


def test_cabinet_dashboard_shows_what_awaits_me_and_my_portfolios_items(
    client, cabinet_b, followed, authority, committee, portfolio_b
):
    sent = SentActionPlanFactory(authority=authority, committee=committee, title="Parking")
    awaiting = RecommendationFactory(action_plan=sent, portfolio=portfolio_b, letter="Z")
    PartFactory(recommendation=awaiting)
    client.force_login(cabinet_b)
    page = client.get(reverse("followup:dashboard_cabinet")).content.decode()
    awaiting_mine, mine = page.split("accepted items</h2>")
    assert "Recommendation Z" in awaiting_mine
    assert str(followed.item_g) in mine
    assert str(followed.item_a) not in mine  # portfolio A's
    assert "<svg" in page


def test_lead_officer_dashboard_lists_the_updates_i_owe(client, lead_officer, followed):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    client.force_login(lead_officer)
    page = client.get(reverse("followup:dashboard_lead")).content.decode()
    owed = page.split("Updates I owe")[1].split("Off track")[0]
    assert str(followed.item_g) in owed and str(followed.item_a) not in owed
    assert "<svg" in page


# Query counts: each follow-up page runs the same number of queries at 10 and at 200 accepted
# items (one ceiling for both sizes, as in test_query_counts.py). The items are spread over one
# more plan for every ten, all reporting back at one meeting; each item has two updates, every
# other one a verdict at the meeting and every third a moved target date.

FOLLOW_UP_SIZES = [10, 200]


@dataclass
class FollowedDataset:
    plan: ActionPlan
    meeting: Meeting
    item: RecommendationPart
    update: ProgressUpdate
    size: int


@pytest.fixture(params=FOLLOW_UP_SIZES, ids=lambda size: f"{size}-items")
def followed_dataset(
    request,
    plan,
    committee,
    authority,
    portfolio_a,
    portfolio_b,
    cabinet_a,
    officer,
    lead_officer_person,
):
    size = request.param
    leads = [lead_officer_person] + [
        OfficerFactory(authority=authority, name=f"Lead Officer {n}") for n in range(4)
    ]
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    plans = [plan] + [
        SentActionPlanFactory(authority=authority, committee=committee, title=f"Review {n}")
        for n in range(size // 10)
    ]
    ActionPlan.objects.filter(pk__in=[p.pk for p in plans]).update(
        status=ActionPlan.Status.RESPONDED
    )
    report_backs = {
        p.pk: ReportBack.objects.create(
            action_plan=p, sequence=1, due_on=meeting.date, meeting=meeting
        )
        for p in plans
    }
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            action_plan=plans[n % len(plans)],
            letter=f"R{n}",
            position=n,
            text=f"That the council does thing {n}.",
            portfolio=portfolio_a if n % 2 else portfolio_b,
        )
        for n in range(size)
    )
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=r) for r in recommendations
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision=Response.Decision.ACCEPTED,
            explanation="Because.",
            action="Do it.",
            timetable=datetime.date(2026, 3, 1) if n % 4 == 0 else datetime.date(2027, 3, 1),
            lead_officer=leads[n % len(leads)],
            responded_by=cabinet_a.person,
            entered_by=officer,
            responded_on=datetime.date(2026, 11, 1),
        )
        for n, part in enumerate(parts)
    )
    content_type = ContentType.objects.get_for_model(RecommendationPart)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            content_type=content_type,
            object_id=part.pk,
            report_back=report_backs[part.recommendation.action_plan_id] if second else None,
            status=["on_track", "at_risk", "off_track", "implemented"][n % 4],
            narrative="Work goes on." if n % 3 else f"Update {second} on thing {n}.",
            reported_by=leads[n % len(leads)],
            entered_by=officer,
            reported_on=datetime.date(2026, 12 if second else 10, 1),
        )
        for n, part in enumerate(parts)
        for second in (False, True)
    )
    Verdict.objects.bulk_create(
        Verdict(
            content_type=content_type,
            object_id=part.pk,
            meeting=meeting,
            report_back=report_backs[part.recommendation.action_plan_id],
            verdict="satisfied",
            recorded_by=officer,
        )
        for n, part in enumerate(parts)
        if n % 2
    )
    TargetDateChange.objects.bulk_create(
        TargetDateChange(
            content_type=content_type,
            object_id=part.pk,
            old_date=datetime.date(2026, 12, 1),
            old_precision="month",
            new_date=datetime.date(2027, 3, 1),
            new_precision="month",
            reason="Waiting for the budget.",
            changed_by=officer,
        )
        for n, part in enumerate(parts)
        if n % 3 == 0
    )
    item = parts[0]
    return FollowedDataset(
        plan=plan,
        meeting=meeting,
        item=item,
        update=ProgressUpdate.objects.filter(object_id=item.pk).first(),
        size=size,
    )


def _count_queries(client, user, url, ceiling, django_assert_max_num_queries):
    client.force_login(user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


# Measured ceilings (the same at 10 and 200 items). Each counts the six queries every signed-in
# page runs (five for the PDF, which has no site header); the rest are the page's own: the
# record and its permission checks, then the followed items with their plans, responses and
# lead officers, and three prefetches (updates, verdicts, target date changes).
FOLLOW_UP_PAGES = [
    ("followup:meeting_list", None, "officer", 10),
    ("followup:meeting_detail", "meeting", "officer", 15),
    ("followup:meeting_pack", "meeting", "officer", 15),
    ("followup:meeting_pack_pdf", "meeting", "officer", 14),
    ("followup:progress_item", "item", "officer", 11),
    ("followup:progress_edit", "update", "officer", 15),
    ("followup:plan_tracker", "plan", "officer", 14),
    ("followup:updates_owed", None, "officer", 13),
    ("followup:dashboard_officer", None, "officer", 15),
    ("followup:dashboard_cabinet", None, "cabinet_a", 16),
    ("followup:dashboard_lead", None, "lead_officer", 13),
    ("followup:calendar_feeds", None, "officer", 9),
]


@pytest.mark.parametrize(("route", "kind", "persona", "ceiling"), FOLLOW_UP_PAGES)
def test_follow_up_page_queries(
    request, client, followed_dataset, django_assert_max_num_queries, route, kind, persona, ceiling
):
    objects = {
        "meeting": followed_dataset.meeting.pk,
        "item": followed_dataset.item.pk,
        "update": followed_dataset.update.pk,
        "plan": followed_dataset.plan.pk,
    }
    url = reverse(route, args=[objects[kind]] if kind else [])
    user = request.getfixturevalue(persona)
    page = _count_queries(client, user, url, ceiling, django_assert_max_num_queries)
    if route == "followup:meeting_detail":  # every item due is on the page
        assert f"{followed_dataset.size} items" in page.content.decode()


# Demo data.


def test_demo_follows_up_the_review_of_partnerships_at_its_three_report_backs(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())
    counts = (ProgressUpdate.objects.count(), Verdict.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (ProgressUpdate.objects.count(), Verdict.objects.count()) == counts
    plan = ActionPlan.objects.get(title="Review of Partnerships")
    report_backs = list(plan.report_backs.select_related("meeting").order_by("sequence"))
    assert [rb.meeting.status for rb in report_backs] == ["held", "held", "scheduled"]
    for report_back in report_backs:
        assert ProgressUpdate.objects.filter(report_back=report_back).exists()
    assert {v.verdict for v in Verdict.objects.all()} == {"satisfied", "not_satisfied", "closed"}
    client.force_login(get_user_model().objects.get(username="officer"))
    pack = client.get(reverse("followup:meeting_pack", args=[report_backs[2].meeting_id]))
    text = pack.content.decode()
    assert "No change since last update" in text
    assert "Status changed from" in text
    pdf = client.get(reverse("followup:meeting_pack_pdf", args=[report_backs[2].meeting_id]))
    reader = PdfReader(io.BytesIO(pdf.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 2  # the cover, then the plan's items
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "SCRAIP: Strategic Leadership" in text  # the running header
