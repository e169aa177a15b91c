"""A report-back tied to a meeting is on the meeting's day (ReportBack.clean, from now on).

Rows saved before the rule: one whose date the meeting's day falls in ("October 2008" for a
meeting on 14 October 2008, or that very day) takes the meeting's day and keeps printing as
written; one whose date disagrees with its meeting (27 November 2007 tied to a January 2027
meeting) keeps its own date and is untied from the meeting, so the meeting stops listing it and
the plan's schedule keeps its order. Each change gets a history row saying why."""

from django.db import migrations
from django.utils import timezone

PART_DAYS = {
    "early": range(1, 11),
    "mid": range(11, 21),
    "mid_late": range(11, 32),
    "late": range(21, 32),
    "month": range(1, 32),
}
HISTORY_FIELDS = (
    "id",
    "action_plan_id",
    "sequence",
    "due_on",
    "due_precision",
    "meeting_id",
    "completed",
    "note",
    "deleted_at",
    "deleted_by_cascade",
)


def _falls_in(day, vague, precision) -> bool:
    same_month = (day.year, day.month) == (vague.year, vague.month)
    return same_month and day.day in PART_DAYS.get(precision, ())


def tie_report_backs_to_their_meetings_day(apps, schema_editor):
    ReportBack = apps.get_model("plans", "ReportBack")
    HistoricalReportBack = apps.get_model("plans", "HistoricalReportBack")
    history_fields = {field.attname for field in HistoricalReportBack._meta.fields}
    rows = ReportBack.objects.filter(meeting__isnull=False).select_related("meeting")
    now = timezone.now()
    for row in rows.iterator():
        day = row.meeting.date
        if row.due_on == day:
            continue
        if _falls_in(day, row.due_on, row.due_precision):
            row.due_on = day
            reason = "On the day of its meeting"
        else:
            reason = f"Untied from the meeting of {day:%-d %B %Y}: dates disagreed"
            row.meeting = None
        # An update, not a save: the history row below is the only one, with its reason.
        ReportBack.objects.filter(pk=row.pk).update(due_on=row.due_on, meeting=row.meeting)
        HistoricalReportBack.objects.create(
            **{name: getattr(row, name) for name in HISTORY_FIELDS if name in history_fields},
            history_date=now,
            history_type="~",
            history_change_reason=reason,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_followup_state_indexes"),
    ]

    operations = [
        migrations.RunPython(tie_report_backs_to_their_meetings_day, migrations.RunPython.noop),
    ]
