"""Loading a demo plan: its rows are checked by the models' rules (see ..councils.upsert) and its
sub-parts, report-back schedule, deletions and status go through the plans services, as the
pages' would."""

import datetime

from safedelete.config import HARD_DELETE

from scraip.common.fuzzydates import Precision, parse_fuzzy_date, parse_fuzzy_period
from scraip.common.softdelete import restore
from scraip.councils.models import Authority, Committee, Meeting, Portfolio
from scraip.plans import services
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, Response
from scraip.plans.services import ScheduledReportBack, SubPart

from ..councils import authority_named, person_named, upsert, user_named
from .specs import Answer, Plan, Rec


def load_plan(spec: Plan) -> None:
    authority = authority_named(spec.authority)
    plan = upsert(ActionPlan, plan_values(spec, authority), authority=authority, title=spec.title)
    letters = [rec.letter for rec in spec.recommendations]
    for extra in plan.recommendations.exclude(letter__in=letters):
        services.recommendation_delete(recommendation=extra)
    for position, rec in enumerate(spec.recommendations, start=1):
        load_recommendation(plan, rec, position, spec)
    load_schedule(plan, spec)
    services.action_plan_status_refresh(plan=plan)


def plan_values(spec: Plan, authority: Authority) -> dict:
    plan = ActionPlan(
        authority=authority,
        committee=Committee.objects.get(authority=authority, name=spec.committee),
        publication_date=spec.published,
        status=spec.status,
    )
    plan.set_received_on(spec.received)  # fixes the deadline by the council's own rule
    fields = ["committee", "publication_date", "status", "received_on", "response_deadline"]
    return {name: getattr(plan, name) for name in fields}


def load_recommendation(plan: ActionPlan, rec: Rec, position: int, spec: Plan) -> None:
    portfolio = (
        Portfolio.objects.get(authority=plan.authority, title=rec.portfolio)
        if rec.portfolio
        else None
    )
    values = {"position": position, "text": rec.text, "note": rec.note, "portfolio": portfolio}
    recommendation = upsert(Recommendation, values, action_plan=plan, letter=rec.letter)
    load_parts(recommendation, rec)
    parts = {part.numeral: part for part in recommendation.parts.all()}
    for part in rec.parts:
        load_response(parts[part.numeral], part.answer, spec)


def load_parts(recommendation: Recommendation, rec: Rec) -> None:
    """The scripted parts: a deleted one comes back with its answer, unscripted ones go."""
    live = {part.numeral: part for part in recommendation.parts.all()}
    scripted = [part.numeral for part in rec.parts]
    deleted = RecommendationPart.deleted_objects.filter(recommendation=recommendation)
    for part in deleted.filter(numeral__in=set(scripted) - set(live)):
        restore(record=part)
        live[part.numeral] = part
    services.recommendation_parts_save(
        recommendation=recommendation,
        sub_parts=[
            SubPart(
                numeral=part.numeral,
                text=part.text,
                pk=live[part.numeral].pk if part.numeral in live else None,
                position=position,
            )
            for position, part in enumerate(rec.parts, start=1)
            if part.numeral
        ],
        removed=[part.pk for numeral, part in live.items() if numeral not in scripted],
    )


def load_response(part: RecommendationPart, answer: Answer | None, spec: Plan) -> None:
    if answer is None:
        # Not an answer deleted by someone (that is soft): the script has none to give.
        Response.all_objects.filter(part=part).delete(force_policy=HARD_DELETE)
        return
    holder = part.recommendation.portfolio.holder_on(spec.responded_on)
    timetable = parse_fuzzy_period(answer.timetable) if answer.timetable else None
    values = {
        "decision": answer.decision,
        "explanation": answer.explanation,
        "action": answer.action,
        "timetable": timetable.start if timetable else None,
        "timetable_precision": timetable.precision if timetable else Precision.MONTH,
        "timetable_end": timetable.end if timetable else None,
        "lead_officer": person_named(
            part.recommendation.action_plan.authority, answer.lead_officer
        ),
        "responded_by": holder,
        "entered_by": user_named(spec.entered_by) if spec.entered_by else holder.user,
        "responded_on": spec.responded_on,
    }
    upsert(Response, values, part=part)


def load_schedule(plan: ActionPlan, spec: Plan) -> None:
    """The scripted report-backs, in the stored ones' places; any more are taken off. One the
    script says was completed is marked so once the committee's verdicts are in
    (scraip.demo.followup), as the report-back rules require."""
    stored = list(plan.report_backs.all())
    scheduled = []
    for index, update in enumerate(spec.updates):
        due_on, precision = parse_fuzzy_date(update.due)
        scheduled.append(
            ScheduledReportBack(
                due_on=due_on,
                due_precision=precision,
                meeting=load_meeting(plan, update.meeting) if update.meeting else None,
                completed=update.completed and index < len(stored) and stored[index].completed,
                note=update.note,
                pk=stored[index].pk if index < len(stored) else None,
            )
        )
    services.report_back_schedule_save(
        plan=plan,
        report_backs=scheduled,
        removed=[row.pk for row in stored[len(spec.updates) :]],
    )


def load_meeting(plan: ActionPlan, day: datetime.date) -> Meeting:
    place = f"Town Hall, {plan.authority.short_name}"
    return upsert(Meeting, {"place": place}, committee=plan.committee, date=day)
