"""Generated action plans: recommendations and their sub-parts, the cabinet's responses, and
the report-back schedule tied to the committee's meetings. Older plans are answered in full;
recent ones are drafts or still await their response, some of them past the deadline."""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from scraip.common.fuzzydates import PART_START, Precision, keep_period_end
from scraip.common.years import municipal_year_of
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response

from . import text
from .bulk import history_dated, insert
from .councils import COMMITTEE_WEIGHTS, Council

NUMERALS = ("i", "ii", "iii", "iv")
DECISIONS = (
    Response.Decision.ACCEPTED,
    Response.Decision.PARTIALLY_ACCEPTED,
    Response.Decision.REJECTED,
)
DECISION_WEIGHTS = (70, 15, 15)
PRECISIONS = (Precision.MONTH, Precision.DAY, Precision.MID_LATE, Precision.EARLY, Precision.LATE)
PRECISION_WEIGHTS = (60, 25, 5, 5, 5)
# Moved target dates: a share of accepted items, moved once.
MOVED_SHARE = 0.08


@dataclass
class PlanRecords:
    """One generated plan with what the follow-up stage needs."""

    plan: ActionPlan
    parts: list[RecommendationPart] = field(default_factory=list)
    responses: dict[int, Response] = field(default_factory=dict)  # part id -> response
    report_backs: list[ReportBack] = field(default_factory=list)


def letters(count: int) -> list[str]:
    """A, B … Z, AA, AB … ZZ, AAA …, as reports letter their recommendations."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    names = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            name = alphabet[remainder] + name
        names.append(name)
    return names


def vague(day: datetime.date, precision: str) -> datetime.date:
    """The first day a vague date could mean, as vague dates are stored."""
    if precision == Precision.DAY:
        return day
    return day.replace(day=PART_START.get(precision, 1))


def make_plans(
    council: Council, words: text.Words, *, count: int, span: tuple, today: datetime.date
) -> list[PlanRecords]:
    rng = words.rng
    start, _ = span
    last_day = today - datetime.timedelta(days=14)
    records = []
    for _ in range(count):
        published = start + datetime.timedelta(days=rng.randrange((last_day - start).days))
        committee = rng.choices(council.committees, weights=COMMITTEE_WEIGHTS)[0]
        plan = ActionPlan(
            authority=council.authority,
            committee=committee,
            title=f"{rng.choice(text.REVIEW_KINDS)} {rng.choice(text.REVIEW_SUBJECTS)}",
            publication_date=published,
            municipal_year=municipal_year_of(published),
        )
        age = (today - published).days
        if not (age < 45 and rng.random() < 0.4):
            received = published + datetime.timedelta(days=rng.randint(1, min(28, age)))
            plan.set_received_on(received)
            plan.status = ActionPlan.Status.AWAITING_RESPONSE
        records.append(PlanRecords(history_dated(plan, published)))
    insert(ActionPlan, [record.plan for record in records], by=council.officer_user)
    make_recommendations(council, words, records)
    make_responses(council, words, records, today)
    make_report_backs(council, words, records, today)
    return records


def make_recommendations(council: Council, words: text.Words, records) -> None:
    rng = words.rng
    recommendations = []
    for record in records:
        for position, letter in enumerate(letters(rng.randint(6, 19)), start=1):
            recommendation = Recommendation(
                action_plan=record.plan,
                letter=letter,
                position=position,
                text=words.recommendation(rng.choice((1, 1, 2, 2, 3))),
                note="Moved up the order for clarity" if rng.random() < 0.03 else "",
                portfolio=rng.choice(council.portfolios),
            )
            recommendations.append(history_dated(recommendation, record.plan.publication_date))
    insert(Recommendation, recommendations, by=council.officer_user)
    parts = []
    for recommendation in recommendations:
        published = recommendation.action_plan.publication_date
        if rng.random() < 0.69:
            whole = RecommendationPart(recommendation=recommendation)
            parts.append(history_dated(whole, published))
            continue
        for position, numeral in enumerate(NUMERALS[: rng.choice((2, 2, 2, 3, 4))], start=1):
            part = RecommendationPart(
                recommendation=recommendation,
                numeral=numeral,
                position=position,
                text=words.recommendation(1),
            )
            parts.append(history_dated(part, published))
    insert(RecommendationPart, parts, by=council.officer_user)
    by_plan = {record.plan.pk: record for record in records}
    for part in parts:
        by_plan[part.recommendation.action_plan_id].parts.append(part)


def make_responses(council: Council, words: text.Words, records, today) -> None:
    """Plans whose deadline has passed are answered (a few items stay unanswered, overdue);
    plans still within their response period are half answered."""
    rng = words.rng
    responses = []
    for record in records:
        plan = record.plan
        if plan.received_on is None:
            continue
        overdue = plan.response_deadline < today - datetime.timedelta(days=10)
        window = max(1, (plan.response_deadline - plan.received_on).days + 10)
        responded_on = min(
            plan.received_on + datetime.timedelta(days=rng.randint(7, window)),
            today - datetime.timedelta(days=1),
        )
        answered_share = 0.997 if overdue else 0.5
        for part in record.parts:
            if rng.random() >= answered_share:
                continue
            response = make_response(council, words, part, responded_on)
            record.responses[part.pk] = response
            responses.append(response)
        if len(record.responses) == len(record.parts):
            plan.status = ActionPlan.Status.RESPONDED
    insert(Response, responses)
    ActionPlan.objects.bulk_update(
        [record.plan for record in records if record.plan.status == ActionPlan.Status.RESPONDED],
        ["status"],
        batch_size=1000,
    )


def make_response(council: Council, words: text.Words, part, responded_on) -> Response:
    rng = words.rng
    portfolio = part.recommendation.portfolio
    holder = council.holder_on(portfolio, responded_on) or council.councillors[2]
    decision = rng.choices(DECISIONS, weights=DECISION_WEIGHTS)[0]
    response = Response(
        part=part,
        decision=decision,
        explanation=words.statement(rng.choice((1, 2, 2, 3))),
        responded_by=holder,
        entered_by=council.leader_user if holder.user_id else council.officer_user,
        responded_on=responded_on,
    )
    if decision != Response.Decision.REJECTED:
        response.action = words.statement(rng.choice((1, 2)))
        response.lead_officer = (
            council.leads[0] if rng.random() < 0.12 else rng.choice(council.leads[1:])
        )
        precision = rng.choices(PRECISIONS, weights=PRECISION_WEIGHTS)[0]
        target = responded_on + relativedelta(months=rng.randint(3, 18))
        response.timetable, response.timetable_precision = vague(target, precision), precision
        if rng.random() < MOVED_SHARE:
            # The target was moved once since: the response holds the new date, and the
            # follow-up stage records the change with its reason.
            response.moved_from = (response.timetable, response.timetable_precision)
            moved = response.timetable + relativedelta(months=rng.randint(3, 9))
            response.timetable, response.timetable_precision = (
                vague(moved, Precision.MONTH),
                (Precision.MONTH),
            )
        keep_period_end(response, *Response.TIMETABLE_FIELDS)
    response._history_user = response.entered_by
    return history_dated(response, responded_on)


def make_report_backs(council: Council, words: text.Words, records, today) -> None:
    """Two to five report-backs a plan, about six months apart from its response, each at the
    committee's first meeting on or after the day it falls due; beyond the calendar of
    meetings, a month with no meeting yet."""
    rng = words.rng
    rows = []
    for record in records:
        plan = record.plan
        if plan.received_on is None or (not record.responses and rng.random() < 0.3):
            continue
        meetings = [
            meeting
            for meeting in council.meetings[plan.committee_id]
            if meeting.status != meeting.Status.CANCELLED
        ]
        due = plan.response_deadline + datetime.timedelta(days=rng.randint(100, 220))
        taken = set()
        for sequence in range(1, rng.choices((2, 3, 4, 5), weights=(3, 4, 2, 1))[0] + 1):
            meeting = next((m for m in meetings if m.date >= due and m.pk not in taken), None)
            report_back = ReportBack(action_plan=plan, sequence=sequence)
            if meeting:
                taken.add(meeting.pk)
                report_back.meeting, report_back.due_on = meeting, meeting.date
                report_back.due_precision = Precision.DAY
                due = meeting.date
            else:
                report_back.due_on, report_back.due_precision = (
                    vague(due, Precision.MONTH),
                    (Precision.MONTH),
                )
            record.report_backs.append(history_dated(report_back, plan.received_on))
            rows.append(report_back)
            due += datetime.timedelta(days=rng.randint(150, 220))
    insert(ReportBack, rows, by=council.officer_user)
