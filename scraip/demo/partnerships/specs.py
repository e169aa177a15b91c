"""The demonstration register's content: Maidstone's definition and checklist, and a handful of
Kent partnerships of the kind seed 001's review looked at, one of them an arrangement that fails
the definition. The wording is ours."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from partnerships.models import Answer, Contribution, Outcome, Partnership

MAIDSTONE = "Maidstone Borough Council"
ABOVE_THE_LINE = 2
PLAN_TITLE = "Review of Partnerships"
PUBLISHED_AT = datetime.datetime(2008, 4, 1, 9, 0, tzinfo=datetime.UTC)
REPORT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

CRITERIA = (
    (
        "Does the council work with at least one other organisation towards aims they share?",
        Answer.YES,
    ),
    (
        "Is there an agreed way of working together, such as a board, terms of reference or "
        "a written agreement?",
        Answer.YES,
    ),
    ("Is it no more than a contract for the council to buy a service?", Answer.NO),
)
CHECKLIST = (
    "A written agreement or terms of reference signed by every partner",
    "Each partner's role and responsibilities agreed",
    "Risks assessed and an exit strategy recorded",
    "Performance reported to the council at least once a year",
)
MET, PARTLY, NOT_MET = "met", "partly_met", "not_met"
OFFICER_TIME = Contribution.Kind.OFFICER_TIME
COUNCILLOR_TIME = Contribution.Kind.COUNCILLOR_TIME
MONEY = Contribution.Kind.MONEY


@dataclass(frozen=True)
class Spec:
    name: str
    slug: str
    kind: str
    purpose: str
    lead: str
    starts: datetime.date
    rank: int | None
    review_in_days: int  # next committee review, from today
    governance: str = ""
    exit_strategy: str = ""
    answers: tuple = (Answer.YES, Answer.YES, Answer.NO)
    published: bool = True
    partners: tuple = ()  # (organisation, sector, role)
    representatives: tuple = ()  # (person, role)
    contributions: tuple = ()  # (year, kind, person or "", amount, unit)
    benefits: tuple = ()  # (year, description, measure, value, unit)
    outcomes: tuple = ()  # (kind, description, measure, target, status, narrative)
    risks: tuple = ()  # (description, likelihood, impact, mitigation, corporate reference or None)
    checklist: tuple = ()  # status per CHECKLIST item, "" for not yet checked
    reports: tuple = ()  # financial years with an annual report
    recommendations: tuple = ()  # letters of the 2007 SCRAIP's recommendations about it
    committee_reviews: tuple = field(default=())  # (considered on, summary)


SPECS = (
    Spec(
        name="Maidstone Local Strategic Partnership",
        slug="maidstone-local-strategic-partnership",
        kind=Partnership.Kind.STRATEGIC,
        purpose="Brings the borough's public services, businesses and voluntary groups together "
        "behind one community strategy for Maidstone.",
        lead="Helen Ashworth",
        starts=datetime.date(2002, 4, 1),
        rank=1,
        review_in_days=-14,
        governance="A board of twelve chaired by the Leader of the Council meets each quarter; "
        "theme groups report to it.",
        exit_strategy="A statutory duty to work with partners remains; the council would keep "
        "the community strategy and wind up the board's theme groups.",
        partners=(
            ("Kent County Council", "public", "Partner authority"),
            ("Kent Police", "public", "Board member"),
            ("Maidstone Voluntary Action", "voluntary", "Voice of the voluntary sector"),
            ("Maidstone Chamber of Commerce", "private", "Business representative"),
        ),
        representatives=(
            ("Eleanor Whitcombe", "Chair of the board"),
            ("Helen Ashworth", "Lead officer"),
        ),
        contributions=(
            (2007, OFFICER_TIME, "Tom Pearce", Decimal("40"), "days"),
            (2007, COUNCILLOR_TIME, "", Decimal("60"), "hours"),
            (2007, MONEY, "", Decimal("25000"), "pounds"),
            (2008, OFFICER_TIME, "Tom Pearce", Decimal("35"), "days"),
            (2008, MONEY, "", Decimal("25000"), "pounds"),
        ),
        benefits=(
            (
                2007,
                "One community strategy agreed by every partner, in place of four.",
                "",
                None,
                "",
            ),
            (
                2008,
                "Grant brought into the borough through the partnership.",
                "External funding",
                Decimal("180000"),
                "£",
            ),
        ),
        outcomes=(
            (
                Outcome.Kind.OUTCOME,
                "Community strategy refreshed with residents' views.",
                "Strategy adopted by all partners",
                datetime.date(2008, 9, 1),
                "implemented",
                "Adopted by the board in September.",
            ),
            (
                Outcome.Kind.ACTION,
                "Invite the scrutiny committee to the board's annual review.",
                "",
                datetime.date(2008, 12, 1),
                "on_track",
                "Date agreed with the chair.",
            ),
        ),
        risks=(
            (
                "Partners drift from the shared strategy as their own priorities change.",
                3,
                4,
                "Yearly review of the strategy by the board.",
                "CR-07",
            ),
            (
                "The board's meetings lose senior attendance.",
                2,
                3,
                "Attendance reported to the Leader.",
                None,
            ),
        ),
        checklist=(MET, MET, PARTLY, MET),
        reports=(2007,),
        recommendations=("A", "F"),
        committee_reviews=(
            (
                datetime.date(2008, 4, 1),
                "The committee welcomed the refreshed strategy and asked to see attendance "
                "figures.",
            ),
        ),
    ),
    Spec(
        name="Maidstone Community Safety Partnership",
        slug="maidstone-community-safety-partnership",
        kind=Partnership.Kind.STATUTORY,
        purpose="The council, police and other bodies working together, as the law requires, to "
        "cut crime and disorder in the borough.",
        lead="Tom Pearce",
        starts=datetime.date(1998, 9, 1),
        rank=2,
        review_in_days=30,
        governance="A statutory partnership; its strategy group meets every two months.",
        exit_strategy="Statutory: the council cannot leave, but could merge it with a "
        "neighbouring partnership.",
        partners=(
            ("Kent Police", "public", "Co-chair"),
            ("Kent Fire and Rescue Service", "public", "Member"),
            ("Kent and Medway Probation", "public", "Member"),
        ),
        representatives=(("Daniel Forsyth", "Councillor member"), ("Tom Pearce", "Co-chair")),
        contributions=(
            (2007, OFFICER_TIME, "", Decimal("120"), "days"),
            (2007, MONEY, "", Decimal("42000"), "pounds"),
            (2008, OFFICER_TIME, "", Decimal("110"), "days"),
            (2008, COUNCILLOR_TIME, "Daniel Forsyth", Decimal("36"), "hours"),
            (2008, MONEY, "", Decimal("40000"), "pounds"),
        ),
        benefits=(
            (
                2007,
                "Fewer reports of anti-social behaviour in the town centre.",
                "Reduction in reported incidents",
                Decimal("12"),
                "%",
            ),
        ),
        outcomes=(
            (
                Outcome.Kind.OUTCOME,
                "Reduce town-centre violence at night.",
                "Recorded offences, year on year",
                datetime.date(2009, 3, 1),
                "at_risk",
                "Figures flat over the summer; extra patrols planned.",
            ),
        ),
        risks=(
            (
                "Grant for the partnership's officers ends.",
                4,
                3,
                "Bids to two funds under way.",
                None,
            ),
        ),
        checklist=(MET, MET, MET, PARTLY),
        reports=(2007, 2008),
        recommendations=("E",),
    ),
    Spec(
        name="Mid Kent Improvement Partnership",
        slug="mid-kent-improvement-partnership",
        kind=Partnership.Kind.SHARED_SERVICE,
        purpose="Three neighbouring councils sharing services to save money and keep them "
        "resilient.",
        lead="Helen Ashworth",
        starts=datetime.date(2008, 11, 1),
        rank=3,
        review_in_days=75,
        exit_strategy="Twelve months' notice to the other councils; shared staff return to "
        "their employing council.",
        partners=(
            ("Swale Borough Council", "public", "Partner council"),
            ("Tunbridge Wells Borough Council", "public", "Partner council"),
        ),
        representatives=(("Pat Hooper", "Member of the joint board"),),
        contributions=((2008, MONEY, "", Decimal("15000"), "pounds"),),
        benefits=(
            (
                2008,
                "Shared audit service set up.",
                "Savings in the first year",
                Decimal("60000"),
                "£",
            ),
        ),
        outcomes=(
            (
                Outcome.Kind.ACTION,
                "Agree the next two services to share.",
                "",
                datetime.date(2009, 6, 1),
                "not_started",
                "",
            ),
        ),
        risks=(
            (
                "A partner council leaves, leaving costs with the others.",
                2,
                5,
                "Exit terms in the agreement.",
                "CR-11",
            ),
        ),
        checklist=(PARTLY, MET, MET, ""),
    ),
    Spec(
        name="Kent Resource Partnership",
        slug="kent-resource-partnership",
        kind=Partnership.Kind.DELIVERY,
        purpose="Kent's councils working together on collecting, recycling and disposing of "
        "household waste.",
        lead="Priya Lal",
        starts=datetime.date(2005, 6, 1),
        rank=None,
        review_in_days=160,
        partners=(("Kent County Council", "public", "Waste disposal authority"),),
        contributions=((2008, OFFICER_TIME, "", Decimal("15"), "days"),),
        benefits=(
            (
                2008,
                "Recycling rate up after the joint campaign.",
                "Household waste recycled",
                Decimal("38"),
                "%",
            ),
        ),
        checklist=(NOT_MET, PARTLY, "", ""),
    ),
    Spec(
        name="Town Centre Cleaning Contract",
        slug="town-centre-cleaning-contract",
        kind=Partnership.Kind.CONTRACT,
        purpose="A contractor cleans the town centre streets for the council.",
        lead="Priya Lal",
        starts=datetime.date(2006, 4, 1),
        rank=None,
        review_in_days=200,
        answers=(Answer.YES, Answer.YES, Answer.YES),  # only a contract: not a partnership
        published=False,
    ),
)
