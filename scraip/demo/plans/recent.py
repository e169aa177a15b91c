"""A few recent plans in other states, dated from today, so the demo always has answers due,
overdue and in draft."""

import datetime

from dateutil.relativedelta import relativedelta

from scraip.common.fuzzydates import Precision, format_fuzzy_date
from scraip.plans.models import ActionPlan

from ..councils import CORPORATE, CORPORATE_SERVICES, KENT, LEADER, MAIDSTONE, SWALE
from .specs import ACCEPTED, HEAD_OF_COMMS, PARTLY, Answer, Part, Plan, Rec, Update, whole


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
