"""The report-back schedule: 1st, 2nd, 3rd… updates with dates as vague as the papers give."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from scraip.councils.tests.factories import MeetingFactory
from scraip.plans.models import ReportBack
from scraip.plans.templatetags.plans import ordinal, ordinal_update

pytestmark = pytest.mark.django_db


def rows(*dates, initial=0, **extra):
    data = {
        "report_backs-TOTAL_FORMS": str(len(dates)),
        "report_backs-INITIAL_FORMS": str(initial),
        "report_backs-MIN_NUM_FORMS": "0",
        "report_backs-MAX_NUM_FORMS": "1000",
    }
    for index, date in enumerate(dates):
        data[f"report_backs-{index}-due"] = date
    data.update(extra)
    return data


def test_schedule_is_numbered_in_date_order_and_printed_as_written(client, officer, plan):
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    page = client.post(url, rows("October 2008", "27 November 2007", "1/4/2008"))
    assert page.status_code == 302
    schedule = [(r.sequence, r.due_display) for r in plan.report_backs.all()]
    assert schedule == [(1, "27 November 2007"), (2, "1 April 2008"), (3, "October 2008")]
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "3rd" in html and "October 2008" in html


def test_a_bad_date_is_explained_and_the_saved_schedule_kept(client, officer, plan):
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    client.post(url, rows("27 November 2007"))
    saved = plan.report_backs.get()
    page = client.post(
        url,
        rows("27 November 2007", "Octember 2008", initial=1, **{"report_backs-0-id": saved.pk}),
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Enter a date in a form such as" in html
    assert "Octember 2008" in html
    assert [r.due_display for r in plan.report_backs.all()] == ["27 November 2007"]


def test_a_report_back_can_take_its_date_from_a_meeting(client, officer, plan):
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 12))
    client.force_login(officer)
    client.post(
        reverse("plans:report_backs_edit", args=[plan.pk]),
        rows("", **{"report_backs-0-meeting": meeting.pk}),
    )
    report_back = plan.report_backs.get()
    assert (report_back.meeting, report_back.due_display) == (meeting, "12 January 2027")


def test_completed_and_note_are_kept(client, officer, plan):
    client.force_login(officer)
    client.post(
        reverse("plans:report_backs_edit", args=[plan.pk]),
        rows(
            "1 April 2008",
            **{
                "report_backs-0-completed": "on",
                "report_backs-0-note": "Reported to the March meeting",
            },
        ),
    )
    report_back = plan.report_backs.get()
    assert report_back.completed and report_back.note == "Reported to the March meeting"


def test_meetings_of_other_committees_cannot_be_chosen(client, officer, plan):
    elsewhere = MeetingFactory()
    client.force_login(officer)
    page = client.post(
        reverse("plans:report_backs_edit", args=[plan.pk]),
        rows("", **{"report_backs-0-meeting": elsewhere.pk}),
    )
    assert page.status_code == 200
    assert not plan.report_backs.exists()


@pytest.mark.parametrize("persona", ["cabinet_a", "councillor"])
def test_only_officers_change_the_schedule(client, request, persona, plan):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    assert client.post(url, rows("October 2008")).status_code == 403
    assert not plan.report_backs.exists()


def test_rows_left_out_of_a_request_are_kept_and_numbered_with_the_new(client, officer, plan):
    """A hand-made request that omits the saved rows must not trip the unique numbering."""
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    client.post(url, rows("1 April 2008", "October 2008"))
    page = client.post(url, rows("27 November 2007"))  # INITIAL_FORMS 0: saved rows not sent
    assert page.status_code == 302
    schedule = [(r.sequence, r.due_display) for r in plan.report_backs.all()]
    assert schedule == [(1, "27 November 2007"), (2, "1 April 2008"), (3, "October 2008")]


def test_a_moved_date_renumbers_the_schedule(client, officer, plan):
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    client.post(url, rows("27 November 2007", "1 April 2008"))
    first, second = plan.report_backs.all()
    client.post(
        url,
        rows(
            "May 2008",
            "1 April 2008",
            initial=2,
            **{"report_backs-0-id": first.pk, "report_backs-1-id": second.pk},
        ),
    )
    schedule = [(r.pk, r.sequence, r.due_display) for r in plan.report_backs.all()]
    assert schedule == [(second.pk, 1, "1 April 2008"), (first.pk, 2, "May 2008")]


def test_a_row_deleted_with_its_date_blanked_is_kept_as_deleted_with_its_history(
    client, officer, plan
):
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    client.post(url, rows("27 November 2007", "1 April 2008"))
    first, second = plan.report_backs.all()
    page = client.post(
        url,
        rows(
            "",
            "1 April 2008",
            initial=2,
            **{
                "report_backs-0-id": first.pk,
                "report_backs-0-DELETE": "on",
                "report_backs-1-id": second.pk,
            },
        ),
    )
    assert page.status_code == 302
    assert [(r.sequence, r.due_display) for r in plan.report_backs.all()] == [(1, "1 April 2008")]
    # Never destroyed: kept as a deleted row, its removal in its history.
    deletion = first.history.latest()
    assert deletion.deleted_at is not None and deletion.due_on == datetime.date(2007, 11, 27)
    assert ReportBack.deleted_objects.get().pk == first.pk


def test_ordinals_past_twenty_read_as_written(plan):
    report_back = ReportBack(action_plan=plan, sequence=21, due_on=datetime.date(2027, 1, 14))
    assert ordinal_update(report_back) == "21st update, 14 January 2027"
    assert [ordinal(number) for number in (1, 2, 3, 11, 12, 13, 22, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "22nd",
        "111th",
    ]


# Report-backs and meetings agree (issue 12.1).


def test_a_date_disagreeing_with_the_meeting_is_refused_and_one_within_it_kept_as_written(
    client, officer, plan
):
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 12))
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    page = client.post(url, rows("27 November 2007", **{"report_backs-0-meeting": meeting.pk}))
    assert page.status_code == 200
    assert (
        "The meeting chosen is on 12 January 2027, not 27 November 2007: leave the date blank"
        in page.content.decode()
    )
    assert not plan.report_backs.exists()
    client.post(url, rows("January 2027", **{"report_backs-0-meeting": meeting.pk}))
    report_back = plan.report_backs.get()
    assert (report_back.due_on, report_back.due_display) == (meeting.date, "January 2027")


def test_a_meeting_moved_takes_its_report_backs_with_it_in_date_order(client, officer, plan):
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 12))
    first = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=meeting.date, meeting=meeting
    )
    second = ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2027, 3, 1)
    )
    client.force_login(officer)
    client.post(
        reverse("followup:meeting_edit", args=[meeting.pk]),
        {
            "committee": plan.committee_id,
            "date_0": "4",
            "date_1": "5",
            "date_2": "2027",
            "place": "",
            "status": "scheduled",
            "loaded_version": meeting.version,
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.due_on, first.sequence, second.sequence) == (datetime.date(2027, 5, 4), 2, 1)


def completing(*rows_done, initial, ids):
    data = rows(*rows_done, initial=initial)
    for index, pk in enumerate(ids):
        data[f"report_backs-{index}-id"] = pk
    return data


def test_report_backs_are_completed_in_order_and_reopened_in_reverse(client, officer, plan):
    first = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=datetime.date(2027, 1, 12)
    )
    second = ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2027, 3, 1)
    )
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    data = completing("12 January 2027", "1 March 2027", initial=2, ids=[first.pk, second.pk])
    page = client.post(url, {**data, "report_backs-1-completed": "on"})
    assert "The 1st report-back (12 January 2027) must be completed first." in page.content.decode()
    assert not ReportBack.objects.filter(completed=True).exists()
    client.post(url, {**data, "report_backs-0-completed": "on"})
    client.post(url, {**data, "report_backs-0-completed": "on", "report_backs-1-completed": "on"})
    assert list(plan.report_backs.values_list("completed", flat=True)) == [True, True]
    page = client.post(url, {**data, "report_backs-1-completed": "on"})  # reopen the 1st only
    assert (
        "The 2nd report-back (1 March 2027) is completed: reopen it first." in page.content.decode()
    )


def test_a_report_back_is_not_completed_while_responses_are_outstanding(
    client, officer, plan, part_a
):
    report_back = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=datetime.date(2027, 1, 12)
    )
    client.force_login(officer)
    page = client.post(
        reverse("plans:report_backs_edit", args=[plan.pk]),
        {
            **completing("12 January 2027", initial=1, ids=[report_back.pk]),
            "report_backs-0-completed": "on",
        },
    )
    assert (
        "The cabinet has not yet responded to Recommendation A (i), Recommendation A (ii)."
        in page.content.decode()
    )
    report_back.refresh_from_db()
    assert not report_back.completed


def test_saved_report_backs_disagreeing_with_their_meetings_are_put_right(plan):
    migration = import_module("scraip.plans.migrations.0003_report_backs_on_their_meetings_day")
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 14))
    within = ReportBack.objects.create(
        action_plan=plan,
        sequence=1,
        due_on=datetime.date(2027, 1, 1),
        due_precision="month",
        meeting=meeting,
    )
    elsewhere = ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2007, 11, 27), meeting=meeting
    )
    migration.tie_report_backs_to_their_meetings_day(django_apps, None)
    within.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (within.due_on, within.due_display, within.meeting) == (
        meeting.date,
        "January 2027",
        meeting,
    )
    assert (elsewhere.due_on, elsewhere.meeting) == (datetime.date(2007, 11, 27), None)
    assert elsewhere.history.latest().history_change_reason == (
        "Untied from the meeting of 14 January 2027: dates disagreed"
    )
