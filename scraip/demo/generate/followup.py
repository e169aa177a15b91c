"""Generated follow-up: for each accepted item, a progress update before each report-back that
has come, the committee's verdict at its meeting, until the committee closes the item; some
updates already in for the next meeting; moved target dates with their reasons. Report-backs
whose meeting has been held are completed when every item due there has its verdict."""

import datetime

from django.contrib.contenttypes.models import ContentType

from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.plans.models import ActionPlan, RecommendationPart, ReportBack, Response

from . import text
from .bulk import history_dated, insert
from .councils import Council

Status = ProgressUpdate.Status
Kind = Verdict.Kind
# Where an item's self-reported status goes next, and how likely each move is.
NEXT_STATUS = {
    None: (
        (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK),
        (2, 6, 1.5, 0.5),
    ),
    Status.NOT_STARTED: (
        (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.IMPLEMENTED),
        (2, 5, 1.5, 1, 0.5),
    ),
    Status.ON_TRACK: (
        (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.IMPLEMENTED),
        (4.5, 1.5, 1, 3),
    ),
    Status.AT_RISK: (
        (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.IMPLEMENTED),
        (3.5, 2.5, 2, 2),
    ),
    Status.OFF_TRACK: (
        (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.IMPLEMENTED),
        (2, 3, 3.5, 1.5),
    ),
    Status.IMPLEMENTED: ((Status.IMPLEMENTED,), (1,)),
}
# The committee's verdict on each status.
VERDICTS = {
    Status.NOT_STARTED: ((Kind.SATISFIED, Kind.NOT_SATISFIED), (3, 7)),
    Status.ON_TRACK: ((Kind.SATISFIED, Kind.NOT_SATISFIED, Kind.CLOSED), (80, 12, 8)),
    Status.AT_RISK: ((Kind.SATISFIED, Kind.NOT_SATISFIED), (4, 6)),
    Status.OFF_TRACK: ((Kind.SATISFIED, Kind.NOT_SATISFIED), (15, 85)),
    Status.IMPLEMENTED: ((Kind.SATISFIED, Kind.CLOSED), (2, 8)),
}
INVITED = tuple(Verdict.InvitedBack.values)


def report_back_day(report_back: ReportBack) -> datetime.date:
    return report_back.meeting.date if report_back.meeting else report_back.due_on


def make_followup(council: Council, words: text.Words, records, today: datetime.date) -> dict:
    rng = words.rng
    part_type = ContentType.objects.get_for_model(RecommendationPart)
    updates, verdicts, changes, completed, closed_plans = [], [], [], [], []
    for record in records:
        followed = [
            (part, response)
            for part in record.parts
            if (response := record.responses.get(part.pk)) and not response.is_rejected
        ]
        state = {part.pk: {"status": None, "closed": False, "last": None} for part, _ in followed}
        for report_back in record.report_backs:
            day = report_back_day(report_back)
            held = report_back.meeting is not None and day < today
            if not held:
                if 0 <= (day - today).days <= 35:
                    # The next meeting: some updates are already in.
                    for part, response in followed:
                        if not state[part.pk]["closed"] and rng.random() < 0.45:
                            updates.append(
                                update(council, words, part_type, part, response, state)(
                                    report_back, today
                                )
                            )
                break
            complete = rng.random() < 0.85
            # At the last report-back the committee closes what it has seen through.
            last = report_back is record.report_backs[-1]
            for part, response in followed:
                item = state[part.pk]
                if item["closed"] or not (complete or rng.random() < 0.85):
                    continue
                updates.append(
                    update(council, words, part_type, part, response, state)(report_back, day)
                )
                if complete or rng.random() < 0.4:
                    closing = last and rng.random() < 0.97
                    verdicts.append(
                        verdict(council, words, part_type, part, item, report_back, closing)
                    )
            if complete:
                report_back.completed, report_back.note = True, "Every item considered."
                completed.append(report_back)
        moved = [(part, response) for part, response in followed if hasattr(response, "moved_from")]
        for part, response in moved:
            changes.append(target_change(council, words, part_type, part, response))
        if (
            followed
            and record.plan.status == ActionPlan.Status.RESPONDED
            and all(state[part.pk]["closed"] for part, _ in followed)
        ):
            record.plan.status = ActionPlan.Status.CLOSED
            closed_plans.append(record.plan)
    insert(ProgressUpdate, updates)
    insert(Verdict, verdicts, by=council.officer_user)
    insert(TargetDateChange, changes)
    ReportBack.objects.bulk_update(completed, ["completed", "note"], batch_size=1000)
    ActionPlan.objects.bulk_update(closed_plans, ["status"], batch_size=1000)
    return {"updates": len(updates), "verdicts": len(verdicts), "target changes": len(changes)}


def update(council, words, part_type, part, response: Response, state):
    """The lead officer's update for a report-back falling on a day, a few days before it."""
    return lambda report_back, day: _update(
        council, words, part_type, part, response, state, report_back, day
    )


def _update(council, words, part_type, part, response, state, report_back, day):
    rng = words.rng
    item = state[part.pk]
    options, weights = NEXT_STATUS[item["status"]]
    item["status"] = rng.choices(options, weights=weights)[0]
    earliest = max(response.responded_on, item["last"] or response.responded_on)
    reported_on = max(earliest, day - datetime.timedelta(days=rng.randint(3, 20)))
    item["last"] = reported_on + datetime.timedelta(days=1)
    lead = response.lead_officer
    on_behalf = lead.user_id is None
    row = ProgressUpdate(
        content_type=part_type,
        object_id=part.pk,
        report_back=report_back,
        status=item["status"],
        narrative=words.progress(rng.choice((1, 2, 2, 3))),
        reported_by=lead,
        entered_by=council.officer_user if on_behalf else council.lead_user,
        reported_on=reported_on,
    )
    row._history_user = row.entered_by
    return history_dated(row, reported_on)


def verdict(council, words, part_type, part, item, report_back, closing=False) -> Verdict:
    rng = words.rng
    options, weights = VERDICTS[item["status"]]
    kind = Kind.CLOSED if closing else rng.choices(options, weights=weights)[0]
    if kind == Kind.CLOSED:
        item["closed"] = True
    return history_dated(
        Verdict(
            content_type=part_type,
            object_id=part.pk,
            meeting=report_back.meeting,
            report_back=report_back,
            verdict=kind,
            invited_back=rng.choice(INVITED) if kind == Kind.NOT_SATISFIED else "",
            note=words.statement() if rng.random() < 0.2 else "",
            recorded_by=council.officer_user,
        ),
        report_back.meeting.date,
    )


def target_change(council, words, part_type, part, response) -> TargetDateChange:
    old_date, old_precision = response.moved_from
    return TargetDateChange(
        content_type=part_type,
        object_id=part.pk,
        old_date=old_date,
        old_precision=old_precision,
        new_date=response.timetable,
        new_precision=response.timetable_precision,
        reason=words.progress(1),
        changed_by=council.lead_user
        if response.lead_officer_id == council.leads[0].pk
        else council.officer_user,
    )
