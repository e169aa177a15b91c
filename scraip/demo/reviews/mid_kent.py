"""Seed 002: the joint review of three Mid Kent councils, with its members and substitutes,
officer support, five evidence sessions in lettered parts, the members' survey, its costs and the
report-back to a joint meeting of the three scrutiny committees in December 2014."""

import datetime

from reviews.models import Activity, Review

from .specs import (
    CHAIR,
    MAIDSTONE,
    SUBSTITUTE,
    SWALE,
    SWALE_OFFICER,
    TUNBRIDGE_WELLS,
    VICE_CHAIR,
    ActivitySpec,
    Cost,
    Councillor,
    PartSpec,
    ReviewSpec,
    StatusStep,
    WitnessSpec,
)

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
