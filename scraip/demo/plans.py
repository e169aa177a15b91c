"""Demo action plans, led by Maidstone's 2007 "Review of Partnerships" SCRAIP (seed 001), and a
few recent plans in other states. The wording of every recommendation and response is our own
paraphrase.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from scraip.common.fuzzydates import Precision, format_fuzzy_date, parse_fuzzy_date
from scraip.councils.models import Authority, Committee, Meeting, Portfolio
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response

from .councils import (
    CORPORATE,
    CORPORATE_SERVICES,
    KENT,
    LEADER,
    MAIDSTONE,
    STRATEGIC,
    SWALE,
    authority_named,
    person_named,
    upsert,
    user_named,
)

ACCEPTED = Response.Decision.ACCEPTED

PARTLY = Response.Decision.PARTIALLY_ACCEPTED

REJECTED = Response.Decision.REJECTED


@dataclass(frozen=True)
class Answer:
    decision: str
    explanation: str
    action: str = ""
    timetable: str = ""  # as the paper writes it: "March 2008", "Late September 2007"
    lead_officer: str = ""  # an officer of the plan's council


@dataclass(frozen=True)
class Part:
    numeral: str
    text: str
    answer: Answer | None = None  # None: still awaiting the cabinet's response


@dataclass(frozen=True)
class Rec:
    letter: str
    text: str
    portfolio: str | None
    parts: tuple[Part, ...]
    note: str = ""


@dataclass(frozen=True)
class Update:
    due: str  # as the paper writes it: "27 November 2007" or "October 2008"
    meeting: datetime.date | None = None
    completed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Plan:
    authority: str
    committee: str
    title: str
    published: datetime.date
    received: datetime.date | None
    status: str
    recommendations: tuple[Rec, ...]
    updates: tuple[Update, ...] = ()
    responded_on: datetime.date | None = None
    entered_by: str | None = None  # username; None: each holder typed their own answers


def whole(answer: Answer | None = None) -> tuple[Part, ...]:
    """A recommendation answered as a whole has one part with no numeral and no text."""
    return (Part("", "", answer),)


DIRECTOR = "Helen Ashworth"

HEAD_OF_SCRUTINY = "Martin Greaves"

HEAD_OF_POLICY = "Tom Pearce"

HEAD_OF_COMMS = "Priya Lal"

# The cabinet gave one answer to both parts of recommendation D.
ACTION_PLANS_ANSWER = (
    "Each partnership's action plans and agreed outcomes will be part of the web work, on a "
    "timetable to be settled with the scrutiny officers."
)

# Seed 001: Maidstone's SCRAIP for the Review of Partnerships, in the report's own order.
PARTNERSHIP_RECOMMENDATIONS = (
    Rec(
        "A",
        "That the Council settles what counts as a partnership and keeps a record of them.",
        LEADER,
        (
            Part(
                "i",
                "Adopt the review's definition of what is and is not a partnership as the "
                "Council's own definition.",
                Answer(
                    ACCEPTED,
                    "Defining partnerships was useful work, and the Council should take the "
                    "definition on as its own.",
                    "Adopt the definition and apply it in all partnership reporting.",
                    "July 2007",
                    DIRECTOR,
                ),
            ),
            Part(
                "ii",
                "Build a central database of partnerships, starting with those the review "
                "group picked out as priorities.",
                Answer(
                    ACCEPTED,
                    "The Overview and Scrutiny officers will set up the database from the "
                    "review's priority list and keep it up to date.",
                    "Create the partnership database, seeded with the priority partnerships.",
                    "September 2007",
                    HEAD_OF_SCRUTINY,
                ),
            ),
        ),
    ),
    Rec(
        "B",
        "That the time officers and councillors give to partnerships, the value of what "
        "they contribute and what the partnerships achieve be recorded and reported each "
        "year to the scrutiny working group on partnerships, which will also look after "
        "the partnership web pages.",
        LEADER,
        whole(
            Answer(
                ACCEPTED,
                "Cabinet's discussion showed that the way officer and councillor time is "
                "counted must first be made clearer.",
                "Agree how time given to partnerships is counted while the information is "
                "refreshed during 2007/08, then publish the figures online.",
                "March 2008",
                HEAD_OF_POLICY,
            )
        ),
    ),
    Rec(
        "G",
        "That a partnerships web page be set up showing an estimate of the time and money "
        "each partnership takes, its benefits in figures and in words, and annual reports "
        "from the partnerships and from councillors.",
        CORPORATE_SERVICES,
        whole(
            Answer(
                ACCEPTED,
                "While the data is gathered, partners will be asked to say what benefits "
                "they have delivered; the page will link to their key documents and annual "
                "reports.",
                "Build the partnership pages, opening with a list of every partner.",
                "December 2007",
                HEAD_OF_COMMS,
            )
        ),
        note="Comes later in the report; moved up the order to make the recommendations clearer.",
    ),
    Rec(
        "C",
        "That a scrutiny group of four councillors, one from each political group, work "
        "with the Director of Change and Support Services to check partnership "
        "performance regularly, drawn from and reporting to the Corporate Services "
        "Overview and Scrutiny Committee, with group leaders nominating a mix of original "
        "review members and newcomers.",
        LEADER,
        whole(
            Answer(
                REJECTED,
                "Whether to form such a sub-group is for the scrutiny committee to decide. "
                "It may work better for the Director to report partnership performance "
                "straight to Overview and Scrutiny, perhaps twice a year (see "
                "Recommendation D).",
            )
        ),
    ),
    Rec(
        "D",
        "That partnership action plans be published and kept under review:",
        CORPORATE_SERVICES,
        (
            Part(
                "i",
                "Put each partnership's action plan and agreed outcomes on the "
                "partnerships web page.",
                Answer(
                    ACCEPTED,
                    ACTION_PLANS_ANSWER,
                    "Publish the action plans and agreed outcomes on the partnership pages.",
                    "January 2008",
                    HEAD_OF_SCRUTINY,
                ),
            ),
            Part(
                "ii",
                "The Corporate Services Overview and Scrutiny Committee to look at those "
                "plans and outcomes every six months to choose partnerships for review, "
                "in the review group's order of priority.",
                Answer(
                    ACCEPTED,
                    ACTION_PLANS_ANSWER,
                    "Add a six-monthly partnership review to the committee's work programme.",
                    "April 2008",
                    HEAD_OF_SCRUTINY,
                ),
            ),
        ),
    ),
    Rec(
        "E",
        "That lead officers assess the risks of every partnership and set out how the "
        "Council would leave it, publishing both on the partnership web page and, where "
        "relevant, in the corporate risk register alongside the action plans.",
        CORPORATE_SERVICES,
        whole(
            Answer(
                ACCEPTED,
                "Risk assessments and exit strategies will be collected with the other "
                "information on each partnership and published over time; anything that "
                "belongs in the corporate risk register will be entered there.",
                "Gather a risk assessment and exit strategy for each partnership, publish "
                "them and update the corporate risk register.",
                "March 2008",
                DIRECTOR,
            )
        ),
    ),
    Rec(
        "F",
        "That, with the Local Government and Public Involvement in Health Bill in mind:",
        LEADER,
        (
            Part(
                "i",
                "the Corporate Services Overview and Scrutiny Committee review the Local "
                "Area Agreement and how scrutiny should help shape it in future; and",
                Answer(
                    REJECTED,
                    "A review of the Local Area Agreement was already considered when the "
                    "2007/08 work programme was drawn up.",
                ),
            ),
            Part(
                "ii",
                "the Cabinet confirm that the Council is playing an active part in the "
                "Kent Local Area Agreement and Strategic Partnership, and is pressing "
                "for more councillor involvement and for powers to be devolved to the "
                "Maidstone Local Strategic Partnership.",
                Answer(
                    ACCEPTED,
                    "The Council is on course to meet its targets under the current "
                    "agreement, and is taking part in the debate on the next one, due from "
                    "April 2008, while Kent County Council as lead authority prepares its "
                    "formal consultation; governance and accountability are still open.",
                    "Take part in shaping the next Kent agreement and report progress to Cabinet.",
                    "April 2008",
                    DIRECTOR,
                ),
            ),
        ),
    ),
    Rec(
        "H",
        "That the Model Protocol Agreement for Partnership Working be put to use:",
        LEADER,
        (
            Part(
                "i",
                "for every new partnership, and for existing ones wherever that is "
                "sensible and practical;",
                Answer(
                    ACCEPTED,
                    "The protocol gives a framework for partnership working and a toolkit "
                    "partners can use; it will be applied to current partnerships and "
                    "considered for new ones, adapted to each one's size and aims.",
                    "Roll the protocol out across current partnerships.",
                    "December 2007",
                    HEAD_OF_POLICY,
                ),
            ),
            Part(
                "ii",
                "with its checklist used to monitor the Council's partnerships.",
                Answer(
                    ACCEPTED,
                    "The checklist will be used for monitoring and published online.",
                    "Monitor partnerships against the checklist and publish it on the website.",
                    "December 2007",
                    HEAD_OF_POLICY,
                ),
            ),
        ),
    ),
    Rec(
        "I",
        "That terms of reference be agreed for the new Partnerships Review Group: to "
        "monitor and review the partnership web page, and to review each partnership "
        "briefly, highest priorities first.",
        LEADER,
        whole(
            Answer(
                REJECTED,
                "This depends on which reporting option Overview and Scrutiny chooses and "
                "on whether a sub-group is set up.",
            )
        ),
    ),
)

PARTNERSHIPS = Plan(
    authority=MAIDSTONE,
    committee=STRATEGIC,
    title="Review of Partnerships",
    published=datetime.date(2007, 5, 17),
    received=datetime.date(2007, 6, 5),
    status=ActionPlan.Status.RESPONDED,
    recommendations=PARTNERSHIP_RECOMMENDATIONS,
    updates=(
        Update(
            "27 November 2007",
            datetime.date(2007, 11, 27),
            completed=True,
            note="Definition adopted and database set up; web pages under way.",
        ),
        Update(
            "1 April 2008",
            datetime.date(2008, 4, 1),
            completed=True,
            note="Web pages live with the priority partnerships' action plans.",
        ),
        Update("October 2008", datetime.date(2008, 10, 14)),
    ),
    responded_on=datetime.date(2007, 7, 11),
    entered_by="officer",  # the scrutiny officer typed the cabinet's answers in
)


def recent_plans(today: datetime.date) -> tuple[Plan, ...]:
    """Plans dated from today, so the demo always has answers due, overdue and in draft."""
    return (community_engagement(today), kent_co_operation(today), swale_draft(today))


def month(today: datetime.date, months_ahead: int) -> str:
    return format_fuzzy_date(today + relativedelta(months=months_ahead), Precision.MONTH)


def community_engagement(today: datetime.date) -> Plan:
    """Sent five weeks ago: some answers in, some awaiting each Maidstone cabinet member."""
    return Plan(
        authority=MAIDSTONE,
        committee=CORPORATE,
        title="Review of Community Engagement",
        published=today - datetime.timedelta(weeks=7),
        received=today - datetime.timedelta(weeks=5),
        status=ActionPlan.Status.AWAITING_RESPONSE,
        recommendations=(
            Rec(
                "A",
                "That the Council publish one calendar of all its consultations for the "
                "year ahead.",
                LEADER,
                whole(
                    Answer(
                        ACCEPTED,
                        "A single calendar will help residents plan to take part.",
                        "Publish a consultation calendar on the website.",
                        month(today, 4),
                        HEAD_OF_COMMS,
                    )
                ),
            ),
            Rec(
                "B",
                "That every consultation report say what residents told the Council and "
                "what changed as a result.",
                CORPORATE_SERVICES,
                whole(),
            ),
            Rec(
                "C",
                "That ward councillors hear in advance of any consultation or engagement "
                "event in their ward.",
                LEADER,
                whole(),
            ),
            Rec(
                "D",
                "That the Council improve how it engages residents online:",
                CORPORATE_SERVICES,
                (
                    Part(
                        "i",
                        "review how the Council uses social media to reach residents;",
                        Answer(
                            PARTLY,
                            "The main corporate accounts will be reviewed now; service "
                            "accounts will follow when budgets allow.",
                            "Review the corporate social media accounts.",
                            month(today, 6),
                            HEAD_OF_COMMS,
                        ),
                    ),
                    Part("ii", "offer councillors training in using social media with residents."),
                ),
            ),
        ),
        updates=(Update(month(today, 6)),),
        responded_on=today - datetime.timedelta(days=10),
    )


def kent_co_operation(today: datetime.date) -> Plan:
    """Kent answers within 28 days, so this plan received 40 days ago is overdue."""
    return Plan(
        authority=KENT,
        committee="Scrutiny Board",
        title="Scrutiny Across Kent and Medway",
        published=today - datetime.timedelta(days=54),
        received=today - datetime.timedelta(days=40),
        status=ActionPlan.Status.AWAITING_RESPONSE,
        recommendations=(
            Rec(
                "A",
                "That the County Council share its scrutiny work programme with the Kent "
                "districts and Medway each year, so that no topic is reviewed twice.",
                LEADER,
                whole(),
            ),
            Rec(
                "B",
                "That the County Council help set up a pool of expert advisers that any "
                "overview and scrutiny committee in Kent can call on.",
                LEADER,
                whole(),
            ),
        ),
    )


def swale_draft(today: datetime.date) -> Plan:
    """Still being written up by the scrutiny officer: one recommendation has no portfolio yet."""
    return Plan(
        authority=SWALE,
        committee="Scrutiny Committee",
        title="Review of Shared Service Communications",
        published=today - datetime.timedelta(days=6),
        received=None,
        status=ActionPlan.Status.DRAFT,
        recommendations=(
            Rec(
                "A",
                "That residents be told plainly which council runs each shared service "
                "and whom to contact about it.",
                LEADER,
                whole(),
            ),
            Rec(
                "B",
                "That councillors receive a short guide to how decisions on shared "
                "services are taken.",
                None,
                whole(),
            ),
        ),
    )


def load_plan(spec: Plan) -> None:
    authority = authority_named(spec.authority)
    plan = upsert(ActionPlan, plan_values(spec, authority), authority=authority, title=spec.title)
    letters = [rec.letter for rec in spec.recommendations]
    Recommendation.all_objects.filter(action_plan=plan).exclude(letter__in=letters).delete()
    for position, rec in enumerate(spec.recommendations, start=1):
        load_recommendation(plan, rec, position, spec)
    plan.report_backs.exclude(sequence__lte=len(spec.updates)).delete()
    for sequence, update in enumerate(spec.updates, start=1):
        load_report_back(plan, update, sequence)


def plan_values(spec: Plan, authority: Authority) -> dict:
    plan = ActionPlan(
        authority=authority,
        committee=Committee.objects.get(authority=authority, name=spec.committee),
        publication_date=spec.published,
        status=spec.status,
    )
    plan.set_received_on(spec.received)  # fixes the deadline by the council's own rule
    fields = [
        "committee",
        "publication_date",
        "status",
        "received_on",
        "response_deadline",
        "deleted_at",
    ]
    return {name: getattr(plan, name) for name in fields}


def load_recommendation(plan: ActionPlan, rec: Rec, position: int, spec: Plan) -> None:
    portfolio = (
        Portfolio.objects.get(authority=plan.authority, title=rec.portfolio)
        if rec.portfolio
        else None
    )
    values = {
        "position": position,
        "text": rec.text,
        "note": rec.note,
        "portfolio": portfolio,
        "deleted_at": None,
    }
    recommendation = upsert(Recommendation, values, action_plan=plan, letter=rec.letter)
    # Sub-parts and the unnumbered whole never coexist, so drop whichever is not scripted.
    recommendation.parts.exclude(numeral__in=[part.numeral for part in rec.parts]).delete()
    for part_position, part in enumerate(rec.parts, start=1):
        values = {"position": part_position, "text": part.text}
        row = upsert(
            RecommendationPart, values, recommendation=recommendation, numeral=part.numeral
        )
        load_response(row, part.answer, spec)


def load_response(part: RecommendationPart, answer: Answer | None, spec: Plan) -> None:
    if answer is None:
        Response.objects.filter(part=part).delete()
        return
    holder = part.recommendation.portfolio.holder_on(spec.responded_on)
    timetable, precision = (
        parse_fuzzy_date(answer.timetable) if answer.timetable else (None, Precision.MONTH)
    )
    values = {
        "decision": answer.decision,
        "explanation": answer.explanation,
        "action": answer.action,
        "timetable": timetable,
        "timetable_precision": precision,
        "lead_officer": person_named(
            part.recommendation.action_plan.authority, answer.lead_officer
        ),
        "responded_by": holder,
        "entered_by": user_named(spec.entered_by) if spec.entered_by else holder.user,
        "responded_on": spec.responded_on,
    }
    upsert(Response, values, part=part)


def load_report_back(plan: ActionPlan, update: Update, sequence: int) -> None:
    due_on, precision = parse_fuzzy_date(update.due)
    values = {
        "due_on": due_on,
        "due_precision": precision,
        "meeting": load_meeting(plan, update.meeting) if update.meeting else None,
        "completed": update.completed,
        "note": update.note,
    }
    upsert(ReportBack, values, action_plan=plan, sequence=sequence)


def load_meeting(plan: ActionPlan, day: datetime.date) -> Meeting:
    place = f"Town Hall, {plan.authority.short_name}"
    return upsert(Meeting, {"place": place}, committee=plan.committee, date=day)
