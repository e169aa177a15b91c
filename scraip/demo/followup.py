"""Demo follow-up of Maidstone's 2007 "Review of Partnerships" SCRAIP: progress updates and the
committee's verdicts at its three report-backs (27 November 2007, 1 April 2008, October 2008).

The first two meetings are held, with a verdict on every item due, as the action plan's
report-back table says they were completed; the third is still being prepared: most updates
are in, one is owed and one reports no change, so its update pack shows all three cases.
Called by `load_demo` after the plan is loaded. Rows are found by their natural key (item and
report-back for an update, item and meeting for a verdict), so running it again restores them
without duplicates. The wording is our own.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from scraip.common.softdelete import restore
from scraip.councils.models import Meeting, Person
from scraip.followup import services
from scraip.followup.models import FollowedPart, ProgressUpdate, Verdict
from scraip.plans.models import ActionPlan, ReportBack

PLAN_TITLE = "Review of Partnerships"
AUTHORITY = "Maidstone Borough Council"
# Lead officers typed their own updates only where they have a login; the scrutiny officer
# entered the rest on their behalf.
OFFICER_LOGIN = "officer"

NOT_STARTED = ProgressUpdate.Status.NOT_STARTED
ON_TRACK = ProgressUpdate.Status.ON_TRACK
AT_RISK = ProgressUpdate.Status.AT_RISK
OFF_TRACK = ProgressUpdate.Status.OFF_TRACK
IMPLEMENTED = ProgressUpdate.Status.IMPLEMENTED
SATISFIED = Verdict.Kind.SATISFIED
NOT_SATISFIED = Verdict.Kind.NOT_SATISFIED
CLOSED = Verdict.Kind.CLOSED


@dataclass(frozen=True)
class Step:
    item: tuple[str, str]  # (letter, numeral)
    status: str
    narrative: str
    verdict: str | None = None
    invited_back: str = ""
    note: str = ""


# Report-back sequence -> (date the updates came in, meeting status, steps)
FOLLOW_UP = {
    1: (
        datetime.date(2007, 11, 12),
        Meeting.Status.HELD,
        (
            Step(
                ("A", "i"),
                IMPLEMENTED,
                "Cabinet adopted the definition in July; every partnership report now uses it.",
                CLOSED,
            ),
            Step(
                ("A", "ii"),
                IMPLEMENTED,
                "The database went live in September holding the review's priority "
                "partnerships; officers keep it current.",
                CLOSED,
            ),
            Step(
                ("B", ""),
                AT_RISK,
                "How to count officer and councillor time is still not agreed; a draft "
                "method goes to the management team in January.",
                NOT_SATISFIED,
                Verdict.InvitedBack.LEAD_OFFICER,
                "The committee asked to see the counting method before the next meeting.",
            ),
            Step(
                ("G", ""),
                ON_TRACK,
                "Pages drafted and the list of partners is ready; partners have been asked "
                "what benefits they have delivered.",
                SATISFIED,
            ),
            Step(
                ("D", "i"),
                ON_TRACK,
                "Collecting action plans from lead officers: six of the priority "
                "partnerships have sent theirs.",
                SATISFIED,
            ),
            Step(
                ("D", "ii"),
                NOT_STARTED,
                "The six-monthly review will be programmed once the action plans are in.",
                SATISFIED,
            ),
            Step(
                ("E", ""),
                AT_RISK,
                "Few lead officers have returned risk assessments; the template has been "
                "sent out again with a deadline.",
                NOT_SATISFIED,
                Verdict.InvitedBack.BOTH,
                "Members were concerned that exit strategies had not been started.",
            ),
            Step(
                ("F", "ii"),
                ON_TRACK,
                "The Council is represented in the negotiations on the next county "
                "agreement; Cabinet was briefed in October.",
                SATISFIED,
            ),
            Step(
                ("H", "i"),
                ON_TRACK,
                "The protocol has been applied to three partnerships so far.",
                SATISFIED,
            ),
            Step(
                ("H", "ii"),
                IMPLEMENTED,
                "The checklist is in use and published on the website.",
                CLOSED,
            ),
        ),
    ),
    2: (
        datetime.date(2008, 3, 14),
        Meeting.Status.HELD,
        (
            Step(
                ("B", ""),
                ON_TRACK,
                "Cabinet agreed the counting method in February; the 2007/08 figures are "
                "being gathered from each service.",
                SATISFIED,
            ),
            Step(
                ("G", ""),
                IMPLEMENTED,
                "The partnership pages went live in January with the list of partners, "
                "their benefits and their annual reports.",
                CLOSED,
            ),
            Step(
                ("D", "i"),
                IMPLEMENTED,
                "The action plans and agreed outcomes of every priority partnership are "
                "on the partnership pages.",
                CLOSED,
            ),
            Step(
                ("D", "ii"),
                ON_TRACK,
                "A six-monthly partnership review is in the committee's work programme "
                "from October 2008.",
                SATISFIED,
            ),
            Step(
                ("E", ""),
                OFF_TRACK,
                "Risk assessments are in for half of the priority partnerships and exit "
                "strategies for a handful.",
                NOT_SATISFIED,
                Verdict.InvitedBack.CABINET_MEMBER,
                "The cabinet member is invited to explain the delay at the next meeting.",
            ),
            Step(
                ("F", "ii"),
                ON_TRACK,
                "The next county agreement was signed off in March; governance "
                "arrangements are still being settled.",
                SATISFIED,
            ),
            Step(
                ("H", "i"),
                IMPLEMENTED,
                "The protocol now applies to every current partnership.",
                CLOSED,
            ),
        ),
    ),
    3: (
        datetime.date(2008, 9, 30),
        Meeting.Status.SCHEDULED,
        (
            Step(
                ("B", ""),
                IMPLEMENTED,
                "The time and contributions given in 2007/08 were published on the "
                "partnership pages in July.",
            ),
            Step(
                ("D", "ii"),
                IMPLEMENTED,
                "The first six-monthly review took place in September and chose two "
                "partnerships for a closer look.",
            ),
            # The same account as at the 2nd report-back: the pack flags "no change".
            Step(
                ("E", ""),
                OFF_TRACK,
                "Risk assessments are in for half of the priority partnerships and exit "
                "strategies for a handful.",
            ),
            # F (ii) has no update yet: the pack shows it as owed.
        ),
    ),
}


def load(stdout=None) -> None:
    plan = ActionPlan.objects.filter(authority__name=AUTHORITY, title=PLAN_TITLE).first()
    if plan is None:
        return
    officer = get_user_model().objects.get(username=OFFICER_LOGIN)
    parts = {
        (part.recommendation.letter, part.numeral): part
        for part in FollowedPart.objects.trackable()
        .filter(recommendation__action_plan=plan)
        .select_related("recommendation", "response__lead_officer__user")
    }
    for sequence, (reported_on, meeting_status, steps) in FOLLOW_UP.items():
        report_back = ReportBack.objects.select_related("meeting").get(
            action_plan=plan, sequence=sequence
        )
        meeting = report_back.meeting
        if meeting.status != meeting_status:
            meeting.status = meeting_status
            meeting.save()
        for step in steps:
            part = parts[step.item]
            _load_update(part, report_back, step, reported_on, officer)
        for step in steps:
            if step.verdict:
                _load_verdict(parts[step.item], meeting, report_back, step, officer)
        if meeting_status == Meeting.Status.HELD and not report_back.completed:
            # The report-back table says so: completed once every verdict is in.
            services.report_back_complete(report_back=report_back, note=report_back.note)
    if stdout:
        stdout.write(f"Follow-up of “{PLAN_TITLE}” loaded: updates and verdicts at 3 meetings.")


def _key(part) -> dict:
    return {"content_type": ContentType.objects.get_for_model(part), "object_id": part.pk}


def _load_update(part, report_back, step: Step, reported_on, officer) -> None:
    lead: Person = part.response.lead_officer
    values = {
        "status": step.status,
        "narrative": step.narrative,
        "reported_by": lead,
        "entered_by": lead.user or officer,
        "reported_on": reported_on,
    }
    existing = ProgressUpdate.all_objects.filter(**_key(part), report_back=report_back).first()
    if existing is None:
        services.progress_record(
            subject=part,
            status=step.status,
            narrative=step.narrative,
            report_back=report_back,
            reported_by=lead,
            entered_by=lead.user or officer,
            reported_on=reported_on,
        )
    else:
        _save_if_changed(existing, values)


def _load_verdict(part, meeting, report_back, step: Step, officer) -> None:
    values = {
        "verdict": step.verdict,
        "invited_back": step.invited_back,
        "note": step.note,
        "report_back": report_back,
    }
    existing = Verdict.all_objects.filter(**_key(part), meeting=meeting).first()
    if existing is None:
        services.verdict_record(
            subject=part,
            meeting=meeting,
            verdict=step.verdict,
            invited_back=step.invited_back,
            note=step.note,
            report_back=report_back,
            recorded_by=officer,
        )
    else:
        _save_if_changed(existing, values)


def _save_if_changed(row, values: dict) -> None:
    """Bring the demo's row back as it was: restored if it was deleted, its values reset."""
    if row.is_deleted:
        restore(record=row)
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    if changed:
        row.save()
