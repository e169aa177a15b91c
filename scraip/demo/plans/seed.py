"""Seed 001: Maidstone's 2007 SCRAIP for the Review of Partnerships, in the report's own order.
The wording of every recommendation and response is our own paraphrase.
"""

import datetime

from scraip.plans.models import ActionPlan

from ..councils import CORPORATE_SERVICES, LEADER, MAIDSTONE, STRATEGIC
from .specs import (
    ACCEPTED,
    DIRECTOR,
    HEAD_OF_COMMS,
    HEAD_OF_POLICY,
    HEAD_OF_SCRUTINY,
    REJECTED,
    Answer,
    Part,
    Plan,
    Rec,
    Update,
    whole,
)

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
