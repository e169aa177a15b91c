"""Demonstration reviews, loaded by `manage.py load_demo` after the councils and action plans.

- The joint review of three Mid Kent councils (seed 002): its members and substitutes, officer
  support, five evidence sessions in lettered parts, the members' survey and the report-back to a
  joint meeting of the three scrutiny committees in December 2014.
- Oxfordshire's partnership review (seed 004): the select committee style evidence day with its
  morning and afternoon sessions and case studies, and its published papers.
- Maidstone's Review of Partnerships, whose recommendations are the demo's 2007 SCRAIP.

As in load_demo, every row is found by its natural key first, so loading again changes nothing;
councillors' names are invented and every sentence is our own paraphrase of the seeds.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import escape

from reviews.models import (
    Activity,
    ActivityPart,
    CostItem,
    Review,
    ReviewActionPlan,
    ReviewDocument,
    ReviewMember,
    ReviewStatusChange,
    Witness,
)
from scraip.councils.models import Authority, Committee, Person
from scraip.demo import councils as core_demo
from scraip.plans.models import ActionPlan

MAIDSTONE = "Maidstone Borough Council"
SWALE = "Swale Borough Council"
TUNBRIDGE_WELLS = "Tunbridge Wells Borough Council"
OXFORDSHIRE = "Oxfordshire County Council"
OXFORDSHIRE_COMMITTEE = "Corporate Governance Scrutiny Committee"

CHAIR = ReviewMember.Role.CHAIR
VICE_CHAIR = ReviewMember.Role.VICE_CHAIR
MEMBER = ReviewMember.Role.MEMBER
SUBSTITUTE = ReviewMember.Role.SUBSTITUTE
SESSION = Activity.Kind.SESSION

# A scrutiny officer at Swale with a login, supporting the joint review: signs in as "swale".
SWALE_LOGIN = "swale"
SWALE_OFFICER = "Rachel Kemp"


@dataclass(frozen=True)
class WitnessSpec:
    name: str = ""  # a person; empty for an organisation not yet naming its speaker
    organisation: str = ""
    role: str = ""
    topics: str = ""
    authority: str = ""  # for people who work for one of the councils


@dataclass(frozen=True)
class PartSpec:
    letter: str
    description: str
    aim: str = ""
    heading: str = ""
    kind: str = ActivityPart.Kind.PART
    witnesses: tuple[WitnessSpec, ...] = ()


@dataclass(frozen=True)
class ActivitySpec:
    planned_on: datetime.date
    precision: str
    kind: str = SESSION
    title: str = ""
    description: str = ""
    parts: tuple[PartSpec, ...] = ()
    held_on: datetime.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Councillor:
    authority: str
    name: str
    group: str
    role: str = MEMBER


@dataclass(frozen=True)
class Cost:
    activity: str
    days: str
    shared: bool = False
    comments: str = ""


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class StatusStep:
    status: str
    on: datetime.date
    note: str = ""


@dataclass(frozen=True)
class ReviewSpec:
    title: str
    lead: str
    participants: tuple[str, ...]
    committees: tuple[tuple[str, str], ...]  # (authority, committee)
    programme_year: int
    aim: str
    reason_selected: str
    expected_outputs: str
    timescale: str
    cost_implications: str
    community_implications: str
    report_due: tuple[datetime.date, str]
    reports_to_description: str
    statuses: tuple[StatusStep, ...]
    lead_officer: tuple[str, str]
    supporting_officers: tuple[tuple[str, str], ...] = ()
    members: tuple[Councillor, ...] = ()
    activities: tuple[ActivitySpec, ...] = ()
    day_rate: str | None = None
    costs: tuple[Cost, ...] = ()
    documents: tuple[Document, ...] = ()
    action_plan: str = ""  # the title of a demo SCRAIP made from its recommendations
    changed_by: str | None = None  # the username recorded against its status changes


HEADS_OF_SERVICE = WitnessSpec(
    organisation="Maidstone, Swale and Tunbridge Wells councils",
    role="Heads of service, from services facing the public and services facing the councils",
    topics="shared services, service delivery",
)

MID_KENT = ReviewSpec(
    title="Governance and Communications of the Mid Kent Improvement Partnership",
    lead=MAIDSTONE,
    participants=(MAIDSTONE, SWALE, TUNBRIDGE_WELLS),
    committees=(
        (MAIDSTONE, "Strategic Leadership Overview and Scrutiny Committee"),
        (SWALE, "Scrutiny Committee"),
        (TUNBRIDGE_WELLS, "Overview and Scrutiny Committee"),
    ),
    programme_year=2014,
    aim=(
        "To work out how the governance of the Mid Kent Improvement Partnership (MKIP) should "
        "develop from here, and how a communications plan for the partnership should be "
        "drawn up."
    ),
    reason_selected=(
        "Scrutiny councillors in all three councils have followed the growth of shared "
        "services under MKIP closely over the past year. They have asked how the partnership "
        "is governed; how overview and scrutiny could examine decisions of the MKIP Board if "
        "it chose to; what the Mid Kent Services Director is expected to achieve and how that "
        "will be measured; and how the partnership communicates.\n"
        "A joint meeting of the three councils' scrutiny committees on 7 July 2014 discussed "
        "these questions. Tunbridge Wells' and Maidstone's committees agreed there to set up a "
        "joint task and finish group, and Swale's Scrutiny Committee agreed to join on "
        "23 July 2014. The group is to report to a joint meeting of the three committees in "
        "December 2014."
    ),
    expected_outputs=(
        "A report setting out the evidence the group has heard, with recommendations for the "
        "joint meeting of the three committees. Each committee would then put the "
        "recommendations to its own council's decision makers."
    ),
    timescale=(
        "The group expects to finish in time for the joint meeting of the three councils' "
        "committees in December 2014."
    ),
    cost_implications=(
        "Officer time: supporting the group, giving evidence to it, and running the members' "
        "survey."
    ),
    community_implications=(
        "Councillors outside the executive, and residents, need governance of shared services "
        "that gives them confidence in how those services perform. Openness, transparency and "
        "accountability matter for shared services, and scrutiny can help secure them. Clear "
        "messages, well communicated, keep residents informed when services they rely on "
        "change."
    ),
    report_due=(datetime.date(2014, 12, 1), "month"),
    reports_to_description="Joint meeting of the three councils' scrutiny committees",
    statuses=(
        StatusStep(
            Review.Status.PROPOSED,
            datetime.date(2014, 7, 7),
            "Agreed at the joint meeting of the scrutiny committees.",
        ),
        StatusStep(
            Review.Status.SCOPING,
            datetime.date(2014, 7, 23),
            "Swale's Scrutiny Committee agreed to take part.",
        ),
    ),
    lead_officer=(MAIDSTONE, "Nadia Okafor"),
    supporting_officers=((SWALE, SWALE_OFFICER), (TUNBRIDGE_WELLS, "Owen Marsh")),
    members=(
        Councillor(MAIDSTONE, "Ruth Ashdown", "Conservative", CHAIR),
        Councillor(MAIDSTONE, "Kevin Doyle", "Liberal Democrat"),
        Councillor(SWALE, "Nina Pryce", "Conservative", VICE_CHAIR),
        Councillor(SWALE, "Graham Tilley", "Independent"),
        Councillor(SWALE, "Owen Harte", "Conservative", SUBSTITUTE),
        Councillor(SWALE, "Lisa Crane", "Labour", SUBSTITUTE),
        Councillor(TUNBRIDGE_WELLS, "Diane Fowler", "Conservative"),
        Councillor(TUNBRIDGE_WELLS, "Sanjay Patel", "Liberal Democrat"),
    ),
    activities=(
        ActivitySpec(
            datetime.date(2014, 9, 10),
            "day",
            parts=(
                PartSpec(
                    "A",
                    "To hear from the Mid Kent Services Director and the MKIP Programme "
                    "Manager how the partnership is governed now, what is proposed, and how a "
                    "communications plan could be developed, including what has worked "
                    "elsewhere.",
                    "To give every member of the group the same grounding, so that the group "
                    "can plan the rest of its work.",
                    witnesses=(
                        WitnessSpec(
                            "Paul Renshaw",
                            "Mid Kent Improvement Partnership",
                            "Mid Kent Services Director",
                            "shared services, governance",
                        ),
                        WitnessSpec(
                            "Clare Hobbs",
                            "Mid Kent Improvement Partnership",
                            "MKIP Programme Manager",
                            "shared services, programme management",
                        ),
                    ),
                ),
                PartSpec(
                    "B",
                    "To look again at this scoping report in the light of the evidence heard "
                    "in part A, and amend it.",
                ),
            ),
        ),
        ActivitySpec(
            datetime.date(2014, 9, 11),
            "mid_late",
            parts=(
                PartSpec(
                    "A",
                    "To hear from heads of service across the three councils, covering "
                    "services with different expectations and ways of delivery, some facing "
                    "the public and some facing the councils themselves.",
                    "To learn how MKIP affects their work, both as customers of shared "
                    "services and as providers of them: whether it is clear who does what, "
                    "and whether changes are explained well inside and outside the councils.",
                    witnesses=(HEADS_OF_SERVICE,),
                ),
                PartSpec(
                    "B",
                    "To hear from at least one of the councils' Monitoring Officers and one "
                    "of their Section 151 Officers.",
                    "To understand what good governance of the partnership looks like: what "
                    "openness, transparency and accountability mean here, which body holds "
                    "which legal powers, and how proper oversight is kept.",
                    heading="Governance",
                    witnesses=(
                        WitnessSpec(
                            "Helen Ashworth",
                            role="Director of Change and Support Services",
                            topics="governance, accountability",
                            authority=MAIDSTONE,
                        ),
                    ),
                ),
                PartSpec(
                    "C",
                    "To hear from the Head of Communications of each of the three councils.",
                    "To understand what a good communications plan contains, how internal and "
                    "external communication differ, how to involve partners and the public, "
                    "and how to deal with what they say back.",
                    heading="Communications",
                    witnesses=(
                        WitnessSpec(
                            "Priya Lal",
                            role="Head of Communications",
                            topics="communications, engagement",
                            authority=MAIDSTONE,
                        ),
                    ),
                ),
            ),
        ),
        ActivitySpec(
            datetime.date(2014, 10, 1),
            "month",
            kind=Activity.Kind.SURVEY,
            title="Members' survey begins",
            description=(
                "Ask the councillors of the three councils who are not on the executive what "
                "they know about MKIP and the decisions it takes, how they could best "
                "influence those decisions, and whether they would know whom to contact when "
                "a resident asks about an MKIP service."
            ),
        ),
        ActivitySpec(
            datetime.date(2014, 10, 1),
            "month",
            parts=(
                PartSpec(
                    "A",
                    "To invite members of the MKIP Board to give evidence, asking that at "
                    "least one Leader and one Chief Executive attend.",
                    "To understand the Board's role: how it takes decisions, where its powers "
                    "end and how its decisions are made known.",
                    witnesses=(
                        WitnessSpec(
                            organisation="MKIP Board",
                            role="A council Leader and a Chief Executive",
                            topics="governance, decision making",
                        ),
                    ),
                ),
                PartSpec(
                    "B",
                    "To hear from one or more councils that are examples of good practice.",
                    "To learn first hand how another council tackled governance and "
                    "communication of shared services: what worked, the pitfalls and how to "
                    "avoid them.",
                ),
            ),
        ),
        ActivitySpec(
            datetime.date(2014, 11, 1),
            "early",
            parts=(
                PartSpec(
                    "A",
                    "To consider what the members' survey means for the governance and "
                    "communications of the partnership.",
                    heading="Members' survey results",
                ),
                PartSpec(
                    "B",
                    "To hear a national view, for example from the Department for "
                    "Communities and Local Government, the Local Government Association or "
                    "the Local Government Information Unit.",
                    "To learn what national bodies regard as the best governance and "
                    "communications for a shared service, and what national plans lie ahead.",
                    witnesses=(
                        WitnessSpec(
                            organisation="Local Government Association",
                            role="National perspective",
                            topics="shared services, governance, communications",
                        ),
                    ),
                ),
            ),
        ),
        ActivitySpec(
            datetime.date(2014, 11, 11),
            "mid_late",
            description=(
                "To receive the draft report on the evidence heard, with proposed "
                "recommendations, and to agree the group's final report and recommendations "
                "for the joint meeting of the scrutiny committees."
            ),
        ),
    ),
    day_rate="350",
    costs=(
        Cost("Supporting the group", "8", shared=True, comments="Lead and supporting officers"),
        Cost("Giving evidence to the group", "1.5", comments="Officers of each council"),
        Cost("Members' survey", "2", shared=True, comments="Design, analysis and write-up"),
    ),
    changed_by="officer",
)

OXFORDSHIRE_REVIEW = ReviewSpec(
    title="Partnership Working in Oxfordshire",
    lead=OXFORDSHIRE,
    participants=(OXFORDSHIRE,),
    committees=((OXFORDSHIRE, OXFORDSHIRE_COMMITTEE),),
    programme_year=2006,
    aim=(
        "To find out how partnership working in Oxfordshire really works, and what makes a "
        "real difference to delivering the Sustainable Community Strategy and Local Area "
        "Agreement targets that can be met. In particular, to:\n"
        "- take stock of partnership working today, its strengths and its weaknesses;\n"
        "- learn where the partners want to get to, and what helps or hinders them;\n"
        "- find out who takes part and why, and how committed they really are;\n"
        "- judge whether the partners share ownership of the targets, or see them as imposed "
        "by central government, and whether it is a partnership of equals;\n"
        "- see what difference the partnership makes to what each agency does;\n"
        "- look at who answers for the Local Area Agreement, to shape how scrutiny takes part "
        "in future."
    ),
    reason_selected=(
        "Local services depend more and more on partnership working, so what the Partnership "
        "does has to be open to the public and answerable to them. Scrutiny councillors must "
        "make sure that the council and its partners get real, visible benefits from the "
        "time and money they put into working together."
    ),
    expected_outputs=(
        "A report with recommendations to the council's Cabinet and to the Oxfordshire "
        "Partnership Board, based on everything heard and on research into good practice "
        "elsewhere."
    ),
    timescale="Evidence day in March 2007; report to the Cabinet and the Board in June 2007.",
    cost_implications="Officer time to organise the evidence day and write the report.",
    community_implications=(
        "Bringing the Partnership's work to a wider audience, and hearing from people across "
        "the sectors it serves."
    ),
    report_due=(datetime.date(2007, 6, 1), "month"),
    reports_to_description="The Cabinet and the Oxfordshire Partnership Board",
    statuses=(
        StatusStep(Review.Status.PROPOSED, datetime.date(2006, 11, 14)),
        StatusStep(Review.Status.SCOPING, datetime.date(2007, 1, 16)),
        StatusStep(Review.Status.GATHERING_EVIDENCE, datetime.date(2007, 3, 27)),
        StatusStep(Review.Status.DRAFTING_REPORT, datetime.date(2007, 4, 2)),
        StatusStep(Review.Status.REPORTED, datetime.date(2007, 6, 19)),
    ),
    lead_officer=(OXFORDSHIRE, "Joanna Pike"),
    members=(
        Councillor(OXFORDSHIRE, "Margaret Hale", "Conservative", CHAIR),
        Councillor(OXFORDSHIRE, "David Onslow", "Liberal Democrat"),
        Councillor(OXFORDSHIRE, "Rita Sandhu", "Labour"),
    ),
    activities=(
        ActivitySpec(
            datetime.date(2007, 3, 27),
            "day",
            kind=Activity.Kind.EVIDENCE_DAY,
            title="Partnership scrutiny day",
            description=(
                "A special meeting of the committee run in the style of a parliamentary "
                "select committee and led by its Chairman. People from different sectors "
                "came to say what, in their view, makes a positive difference."
            ),
            parts=(
                PartSpec(
                    "A",
                    "General, strategic questions about partnership working in the county.",
                    kind=ActivityPart.Kind.MORNING,
                    heading="Strategic issues",
                    witnesses=(
                        WitnessSpec(
                            organisation="Oxfordshire Partnership Board",
                            role="Board members",
                            topics="Local Area Agreement, partnership working",
                        ),
                        WitnessSpec(
                            organisation="Voluntary and community sector forum",
                            role="Representatives",
                            topics="partnership working, community engagement",
                        ),
                    ),
                ),
                PartSpec(
                    "B",
                    "Two partnerships looked at in more detail.",
                    kind=ActivityPart.Kind.AFTERNOON,
                    heading="Case studies",
                ),
                PartSpec(
                    "C",
                    "How a partnership built around one theme works day to day.",
                    kind=ActivityPart.Kind.CASE_STUDY,
                    heading="A thematic partnership",
                ),
                PartSpec(
                    "D",
                    "How partners in one part of the county work together.",
                    kind=ActivityPart.Kind.CASE_STUDY,
                    heading="A locality partnership",
                ),
            ),
            held_on=datetime.date(2007, 3, 27),
            notes="Views from every sector were heard; they go into the report with the "
            "research into good practice elsewhere.",
        ),
        ActivitySpec(
            datetime.date(2007, 4, 1),
            "month",
            kind=Activity.Kind.OTHER,
            title="Research into good practice elsewhere",
            held_on=datetime.date(2007, 4, 30),
        ),
    ),
    documents=(
        Document(
            ReviewDocument.Kind.TIMETABLE,
            "Pathway and timetable",
            (
                "Background to the partnership review and the timetable to its report.",
                "Evidence day: 27 March 2007. Report to the Cabinet and the Partnership "
                "Board: June 2007.",
            ),
        ),
        Document(
            ReviewDocument.Kind.AGENDA,
            "Agenda for the partnership scrutiny day",
            (
                "Morning: strategic issues in partnership working.",
                "Afternoon: two case studies.",
            ),
        ),
        Document(
            ReviewDocument.Kind.INFORMATION_SHEET,
            "Information sheet for those attending",
            (
                "What the scrutiny day is for, how the select committee style meeting runs, "
                "and what the committee would like to hear about.",
            ),
        ),
        Document(
            ReviewDocument.Kind.FINAL_REPORT,
            "The committee's report",
            (
                "The committee's findings on partnership working in Oxfordshire, with its "
                "recommendations to the Cabinet and the Oxfordshire Partnership Board.",
            ),
        ),
    ),
)

MAIDSTONE_PARTNERSHIPS = ReviewSpec(
    title="Review of Partnerships",
    lead=MAIDSTONE,
    participants=(MAIDSTONE,),
    committees=((MAIDSTONE, "Strategic Leadership Overview and Scrutiny Committee"),),
    programme_year=2006,
    aim=(
        "To settle what the Council counts as a partnership, find out which of its "
        "partnerships matter most, and see how the time and money it gives them are "
        "accounted for."
    ),
    reason_selected=(
        "The Council takes part in many partnerships but holds no single record of them or "
        "of what they cost and achieve."
    ),
    expected_outputs="A report with recommendations to the Cabinet.",
    timescale="Report in May 2007.",
    cost_implications="Officer time supporting the review.",
    community_implications="Residents should be able to see what the Council's partnerships "
    "deliver for them.",
    report_due=(datetime.date(2007, 5, 17), "day"),
    reports_to_description="The Cabinet",
    statuses=(
        StatusStep(Review.Status.PROPOSED, datetime.date(2006, 10, 10)),
        StatusStep(Review.Status.REPORTED, datetime.date(2007, 5, 17)),
        StatusStep(
            Review.Status.MONITORING,
            datetime.date(2007, 7, 11),
            "The Cabinet has answered every recommendation.",
        ),
    ),
    lead_officer=(MAIDSTONE, "Martin Greaves"),
    action_plan="Review of Partnerships",
    changed_by="officer",
)

OXFORDSHIRE_PEOPLE = (("Joanna Pike", Person.Kind.OFFICER, "Scrutiny Review Officer", True),)

REVIEWS = (MID_KENT, OXFORDSHIRE_REVIEW, MAIDSTONE_PARTNERSHIPS)


def load(stdout=None) -> None:
    """Load (or restore) the demo reviews. Call inside load_demo's transaction."""
    oxfordshire = core_demo.upsert(Authority, {"short_name": "Oxfordshire"}, name=OXFORDSHIRE)
    core_demo.upsert(Committee, {}, authority=oxfordshire, name=OXFORDSHIRE_COMMITTEE)
    for name, kind, job_title, in_team in OXFORDSHIRE_PEOPLE:
        core_demo.upsert(
            Person,
            {"kind": kind, "job_title": job_title, "in_scrutiny_team": in_team},
            authority=oxfordshire,
            name=name,
        )
    load_swale_officer()
    for spec in REVIEWS:
        load_review(spec)
    if stdout is not None:
        stdout.write(
            f"Demo reviews loaded. {SWALE_OFFICER}, a scrutiny officer at {SWALE} supporting "
            f"the joint Mid Kent review, signs in as {SWALE_LOGIN} / {core_demo.PASSWORD}."
        )


def load_swale_officer() -> Person:
    user, _ = get_user_model().objects.get_or_create(username=SWALE_LOGIN)
    if not user.check_password(core_demo.PASSWORD) or not user.is_active:
        user.set_password(core_demo.PASSWORD)
        user.is_active = True
        user.email = f"{SWALE_LOGIN}@example.gov.uk"
        user.save()
    return core_demo.upsert(
        Person,
        {
            "kind": Person.Kind.OFFICER,
            "job_title": "Democratic Services Officer (Scrutiny)",
            "in_scrutiny_team": True,
            "user": user,
        },
        authority=authority(SWALE),
        name=SWALE_OFFICER,
    )


def authority(name: str) -> Authority:
    return Authority.objects.get(name=name)


def person(authority_name: str, name: str) -> Person:
    return Person.objects.get(authority=authority(authority_name), name=name)


def load_review(spec: ReviewSpec) -> Review:
    lead = authority(spec.lead)
    due_on, due_precision = spec.report_due
    values = {
        "aim": spec.aim,
        "reason_selected": spec.reason_selected,
        "expected_outputs": spec.expected_outputs,
        "timescale": spec.timescale,
        "cost_implications": spec.cost_implications,
        "community_implications": spec.community_implications,
        "programme_year": spec.programme_year,
        "report_due_on": due_on,
        "report_due_precision": due_precision,
        "reports_to_description": spec.reports_to_description,
        "status": spec.statuses[-1].status,
        "lead_officer": person(*spec.lead_officer),
        "day_rate": Decimal(spec.day_rate) if spec.day_rate else None,
        "deleted_at": None,
    }
    review = core_demo.upsert(Review, values, lead_authority=lead, title=spec.title)
    review.participating_authorities.set([authority(name) for name in spec.participants])
    review.commissioning_committees.set(
        [Committee.objects.get(authority__name=a, name=c) for a, c in spec.committees]
    )
    review.supporting_officers.set([person(*officer) for officer in spec.supporting_officers])
    load_statuses(review, spec)
    load_members(review, spec.members)
    for activity in spec.activities:
        load_activity(review, activity)
    for position, cost in enumerate(spec.costs, start=1):
        load_cost(review, cost, position)
    for document in spec.documents:
        load_document(review, document)
    if spec.action_plan:
        plan = ActionPlan.all_objects.get(authority=lead, title=spec.action_plan)
        core_demo.upsert(
            ReviewActionPlan,
            {"review": review, "created_by": user_named("officer")},
            action_plan=plan,
        )
    return review


def user_named(username: str | None):
    return get_user_model().objects.get(username=username) if username else None


def load_statuses(review: Review, spec: ReviewSpec) -> None:
    previous = ""
    for step in spec.statuses:
        core_demo.upsert(
            ReviewStatusChange,
            {"from_status": previous, "note": step.note, "changed_by": user_named(spec.changed_by)},
            review=review,
            to_status=step.status,
            changed_on=step.on,
        )
        previous = step.status


def load_members(review: Review, members: tuple[Councillor, ...]) -> None:
    for member in members:
        councillor = core_demo.upsert(
            Person,
            {"kind": Person.Kind.COUNCILLOR, "political_group": member.group},
            authority=authority(member.authority),
            name=member.name,
        )
        core_demo.upsert(ReviewMember, {"role": member.role}, review=review, councillor=councillor)


def load_activity(review: Review, spec: ActivitySpec) -> None:
    values = {
        "title": spec.title,
        "description": spec.description,
        "planned_precision": spec.precision,
        "held": spec.held_on is not None,
        "held_on": spec.held_on,
        "notes": spec.notes,
        "deleted_at": None,
    }
    activity = core_demo.upsert(
        Activity, values, review=review, kind=spec.kind, planned_on=spec.planned_on
    )
    for position, part in enumerate(spec.parts, start=1):
        row = core_demo.upsert(
            ActivityPart,
            {
                "kind": part.kind,
                "heading": part.heading,
                "description": part.description,
                "aim": part.aim,
                "position": position,
            },
            activity=activity,
            letter=part.letter,
        )
        for witness in part.witnesses:
            load_witness(row, witness)


def load_witness(part: ActivityPart, spec: WitnessSpec) -> None:
    values = {"role": spec.role, "topics": spec.topics}
    if not spec.name:
        core_demo.upsert(Witness, values, part=part, person=None, organisation=spec.organisation)
        return
    if spec.authority:
        witness = person(spec.authority, spec.name)
    else:
        witness = core_demo.upsert(
            Person,
            {
                "kind": Person.Kind.WITNESS,
                "organisation": spec.organisation,
                "job_title": spec.role,
            },
            authority=None,
            name=spec.name,
        )
    core_demo.upsert(Witness, {**values, "organisation": ""}, part=part, person=witness)


def load_cost(review: Review, cost: Cost, position: int) -> None:
    core_demo.upsert(
        CostItem,
        {
            "support_days": Decimal(cost.days),
            "shared": cost.shared,
            "comments": cost.comments,
            "position": position,
        },
        review=review,
        activity=cost.activity,
    )


def load_document(review: Review, spec: Document) -> None:
    """A short PDF of our own wording stands in for each published paper. Stored under a fixed
    name, so loading again reuses the file instead of writing another."""
    name = f"reviews/demo/{review.pk}-{spec.kind}.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(_pdf(spec)))
    core_demo.upsert(
        ReviewDocument,
        {
            "kind": spec.kind,
            "file": name,
            "original_name": f"{spec.kind}.pdf",
            "size": default_storage.size(name),
            "uploaded_by": user_named("admin"),
            "deleted_at": None,
        },
        review=review,
        title=spec.title,
    )


def _pdf(spec: Document) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in spec.paragraphs)
    html = (
        f'<html lang="en-GB"><head><title>{escape(spec.title)}</title></head>'
        f"<body><h1>{escape(spec.title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()
