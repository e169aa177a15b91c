"""Records for the PDF benchmark, added to a generated database: for each size, an action plan
of exactly that many recommendations (sub-parts as the generator makes them, every one
answered) and a meeting whose update pack holds exactly that many items (plans of ten items
reporting back there, each item with an update at the report-back before, the committee's
verdict there, and an update and verdict at this meeting)."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from scraip.demo.generate.bulk import insert
from scraip.demo.generate.councils import make_council, password_hash
from scraip.demo.generate.followup import _update, verdict
from scraip.demo.generate.plans import PlanRecords, letters, make_response
from scraip.demo.generate.text import Words
from scraip.followup.models import ProgressUpdate, Verdict
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response

COUNCIL_NUMBER = 90  # far from the generated councils' numbers
PLAN_ITEMS = 10


@dataclass(frozen=True)
class PdfRecords:
    officer: object  # the scrutiny officer who prints them
    plans: dict[int, ActionPlan]  # recommendations -> plan
    meetings: dict[int, object]  # pack items -> meeting


@transaction.atomic
def build(sizes: tuple[int, ...], today: datetime.date) -> PdfRecords:
    words = Words("pdf-bench")
    span = (today - relativedelta(years=3), today + relativedelta(months=3))
    council = make_council(COUNCIL_NUMBER, words, span, password_hash(), today)
    committee = council.committees[0]
    held = [m for m in council.meetings[committee.pk] if m.status == m.Status.HELD]
    plans, meetings = {}, {}
    for index, size in enumerate(sizes):
        plans[size] = plan_of(council, words, committee, size, today).plan
        # Each pack at its own meeting, with the report-back before it about half a year earlier.
        meeting = held[-1 - index]
        before = meeting.date - datetime.timedelta(days=150)
        earlier = max((m for m in held if m.date <= before), key=lambda m: m.date)
        meetings[size] = pack_of(council, words, committee, size, meeting, earlier)
    return PdfRecords(council.officer_user, plans, meetings)


def _plan(council, committee, title, published) -> ActionPlan:
    plan = ActionPlan(
        authority=council.authority,
        committee=committee,
        title=title,
        publication_date=published,
        status=ActionPlan.Status.RESPONDED,
    )
    plan.set_received_on(plan.publication_date + datetime.timedelta(days=10))
    return insert(ActionPlan, [plan])[0]


def _parts(recommendations, words, whole: bool) -> list:
    rows = []
    for recommendation in recommendations:
        if whole or words.rng.random() < 0.69:
            rows.append(RecommendationPart(recommendation=recommendation))
            continue
        for position, numeral in enumerate(("i", "ii", "iii")[: words.rng.choice((2, 3))], 1):
            rows.append(
                RecommendationPart(
                    recommendation=recommendation,
                    numeral=numeral,
                    position=position,
                    text=words.recommendation(1),
                )
            )
    return insert(RecommendationPart, rows)


def _recommendations(council, words, plan, count: int) -> list:
    rows = [
        Recommendation(
            action_plan=plan,
            letter=letter,
            position=position,
            text=words.recommendation(words.rng.choice((1, 1, 2, 2, 3))),
            portfolio=words.rng.choice(council.portfolios),
        )
        for position, letter in enumerate(letters(count), start=1)
    ]
    return insert(Recommendation, rows)


def plan_of(council, words, committee, size: int, today) -> PlanRecords:
    """A plan of `size` recommendations, every part answered."""
    title = f"Review of Everything ({size} recommendations)"
    plan = _plan(council, committee, title, today - datetime.timedelta(days=500))
    parts = _parts(_recommendations(council, words, plan, size), words, whole=False)
    responded_on = plan.received_on + datetime.timedelta(days=40)
    responses = [make_response(council, words, part, responded_on) for part in parts]
    insert(Response, responses)
    return PlanRecords(plan, parts, {r.part_id: r for r in responses})


def pack_of(council, words, committee, size: int, meeting, earlier) -> object:
    """A meeting at which plans of ten items each report back, `size` items in all."""
    part_type = ContentType.objects.get_for_model(RecommendationPart)
    updates, verdicts = [], []
    for number in range(0, size, PLAN_ITEMS):
        count = min(PLAN_ITEMS, size - number)
        title = f"Pack plan {number // PLAN_ITEMS + 1}"
        plan = _plan(council, committee, title, earlier.date - datetime.timedelta(days=300))
        parts = _parts(_recommendations(council, words, plan, count), words, whole=True)
        responded_on = plan.received_on + datetime.timedelta(days=40)
        responses = []
        for part in parts:
            response = make_response(council, words, part, responded_on)
            if response.is_rejected:
                response = make_accepted(council, words, response)
            responses.append(response)
        insert(Response, responses)
        first, second = insert(
            ReportBack,
            [
                ReportBack(action_plan=plan, sequence=1, due_on=earlier.date, meeting=earlier),
                ReportBack(action_plan=plan, sequence=2, due_on=meeting.date, meeting=meeting),
            ],
        )
        for part, response in zip(parts, responses, strict=True):
            state = {part.pk: {"status": None, "closed": False, "last": None}}
            args = (council, words, part_type, part, response, state)
            updates.append(_update(*args, first, earlier.date))
            verdicts.append(
                Verdict(
                    content_type=part_type,
                    object_id=part.pk,
                    meeting=earlier,
                    report_back=first,
                    verdict=Verdict.Kind.SATISFIED,
                    recorded_by=council.officer_user,
                )
            )
            updates.append(_update(*args, second, meeting.date))
            verdicts.append(verdict(council, words, part_type, part, state[part.pk], second))
    insert(ProgressUpdate, updates)
    insert(Verdict, verdicts)
    return meeting


def make_accepted(council, words, response: Response) -> Response:
    """A response made accepted, with the action, timetable and lead officer that takes."""
    accepted = make_response(council, words, response.part, response.responded_on)
    while accepted.is_rejected:
        accepted = make_response(council, words, response.part, response.responded_on)
    return accepted
