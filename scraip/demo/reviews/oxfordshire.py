"""Seed 004: Oxfordshire's partnership review, with its select committee style evidence day,
morning and afternoon sessions and case studies, and its published papers; and Maidstone's
Review of Partnerships, whose recommendations are the demo's 2007 SCRAIP."""

import datetime

from reviews.models import Activity, ActivityPart, Review, ReviewDocument
from scraip.councils.models import Person

from .specs import (
    CHAIR,
    MAIDSTONE,
    OXFORDSHIRE,
    OXFORDSHIRE_COMMITTEE,
    ActivitySpec,
    Councillor,
    Document,
    PartSpec,
    ReviewSpec,
    StatusStep,
    WitnessSpec,
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
