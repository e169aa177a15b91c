"""Generated partnership registers: each council's definition and checklist, and 25
partnerships with their partners, representatives, time and money given, benefits, outcomes
followed up through progress updates and verdicts, risks, committee reviews every six months,
and links to recommendations and reviews. Most meet the definition and most of those are
published."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify

from partnerships.models import (
    Answer,
    Benefit,
    ChecklistAnswer,
    ChecklistItem,
    CommitteeReview,
    Contribution,
    DefinitionAnswer,
    DefinitionCriterion,
    Outcome,
    Partner,
    Partnership,
    RegisterSettings,
    Representative,
    Risk,
    financial_year_of,
)
from scraip.common.fuzzydates import Precision, keep_period_end
from scraip.demo.partnerships.specs import CHECKLIST, CRITERIA
from scraip.followup.models import ProgressUpdate, Verdict

from . import text
from .bulk import history_dated, insert
from .councils import Council

NAMES = (
    "Local Strategic Partnership",
    "Community Safety Partnership",
    "Health and Wellbeing Board",
    "Housing Partnership",
    "Children's Trust",
    "Economic Partnership",
    "Town Centre Management Partnership",
    "Rural Partnership",
    "Waste Partnership",
    "Climate Action Partnership",
    "Leisure Trust",
    "Shared Audit Service",
    "Shared Revenues and Benefits Service",
    "Shared Legal Service",
    "Homelessness Forum",
    "Tourism Partnership",
    "Voluntary Sector Compact",
    "Skills and Employment Board",
    "Transport Forum",
    "Youth Partnership",
    "Older People's Partnership",
    "Arts Partnership",
    "Flood Risk Partnership",
    "Domestic Abuse Forum",
    "Grounds Maintenance Contract",
)
CONTRACT = "Grounds Maintenance Contract"


def make_registers(councils: list[Council], words: text.Words, today: datetime.date) -> dict:
    rng = words.rng
    counts = {"partnerships": 0, "outcomes": 0, "outcome updates": 0}
    outcome_type = ContentType.objects.get_for_model(Outcome)
    for council in councils:
        authority, start = council.authority, council.start
        register = RegisterSettings(authority=authority, above_the_line=8)
        insert(RegisterSettings, [register], on=start)
        criteria = insert(
            DefinitionCriterion,
            [
                DefinitionCriterion(authority=authority, question=q, meets_when=m, position=n)
                for n, (q, m) in enumerate(CRITERIA, start=1)
            ],
            on=start,
        )
        items = insert(
            ChecklistItem,
            [
                ChecklistItem(authority=authority, text=item, position=n)
                for n, item in enumerate(CHECKLIST, start=1)
            ],
            on=start,
        )
        partnerships = []
        for rank, name in enumerate(NAMES, start=1):
            begun = start + datetime.timedelta(days=rng.randrange(max(1, (today - start).days)))
            partnership = Partnership(
                authority=authority,
                name=f"{authority.short_name} {name}",
                slug=slugify(f"{authority.short_name} {name}")[:220],
                purpose=words.statement(2),
                kind=Partnership.Kind.CONTRACT if name == CONTRACT else Partnership.Kind.STRATEGIC,
                lead_officer=rng.choice(council.leads),
                starts_on=begun.replace(day=1),
                starts_precision=Precision.MONTH,
                governance="A board of the partners meets quarterly.",
                exit_strategy=words.statement(),
                priority_rank=rank if rank <= 20 else None,
                published_at=datetime.datetime.combine(begun, datetime.time(9), datetime.UTC)
                if rng.random() < 0.7 and name != CONTRACT
                else None,
            )
            partnerships.append(history_dated(partnership, begun))
        insert(Partnership, partnerships, by=council.officer_user)
        insert(
            DefinitionAnswer,
            [
                DefinitionAnswer(
                    partnership=partnership,
                    criterion=criterion,
                    answer=criterion.meets_when
                    if partnership.kind != Partnership.Kind.CONTRACT
                    else Answer.YES,
                )
                for partnership in partnerships
                for criterion in criteria
            ],
        )
        insert(
            ChecklistAnswer,
            [
                ChecklistAnswer(
                    partnership=partnership,
                    item=item,
                    status=rng.choice(("met", "partly_met", "not_met")),
                    answered_on=partnership.starts_on,
                    evidence=words.statement(),
                )
                for partnership in partnerships
                for item in items
            ],
        )
        for partnership in partnerships:
            counts["partnerships"] += 1
            make_items(council, words, partnership, today)
            outcomes, updates = make_outcomes(council, words, partnership, outcome_type, today)
            counts["outcomes"] += outcomes
            counts["outcome updates"] += updates
        Partnership.objects.bulk_update(partnerships, ["next_review_due"], batch_size=500)
        link(partnerships, words)
    return counts


def link(partnerships, words) -> None:
    """Two recommendations of the council's plans and one of its reviews a partnership."""
    from reviews.models import Review
    from scraip.plans.models import Recommendation

    authority = partnerships[0].authority
    recommendations = list(
        Recommendation.objects.filter(action_plan__authority=authority).values_list("pk", flat=True)
    )
    reviews = list(Review.objects.filter(lead_authority=authority).values_list("pk", flat=True))
    Partnership.recommendations.through.objects.bulk_create(
        Partnership.recommendations.through(partnership=partnership, recommendation_id=pk)
        for partnership in partnerships
        for pk in words.rng.sample(recommendations, min(2, len(recommendations)))
    )
    Partnership.reviews.through.objects.bulk_create(
        Partnership.reviews.through(partnership=partnership, review_id=words.rng.choice(reviews))
        for partnership in partnerships
        if reviews
    )


def make_items(council: Council, words: text.Words, partnership, today) -> None:
    rng = words.rng
    begun = partnership.starts_on
    insert(
        Partner,
        [
            Partner(
                partnership=partnership,
                organisation=f"{council.authority.short_name} {organisation}",
                sector=rng.choice(Partner.Sector.values),
                role="Member of the board",
            )
            for organisation in rng.sample(text.ORGANISATIONS, rng.randint(3, 6))
        ],
    )
    people = rng.sample(council.councillors[2:], 2) + [partnership.lead_officer]
    insert(
        Representative,
        [Representative(partnership=partnership, person=p, role="Board member") for p in people],
    )
    years = range(financial_year_of(begun), financial_year_of(today) + 1)
    contributions = []
    for year in years:
        contributions += [
            Contribution(
                partnership=partnership,
                year=year,
                kind=Contribution.Kind.OFFICER_TIME,
                person=partnership.lead_officer,
                amount=Decimal(rng.randint(5, 40)),
                unit=Contribution.Unit.DAYS,
            ),
            Contribution(
                partnership=partnership,
                year=year,
                kind=Contribution.Kind.MONEY,
                amount=Decimal(rng.randrange(1000, 80000, 500)),
                unit=Contribution.Unit.POUNDS,
            ),
        ]
    insert(Contribution, contributions)
    insert(
        Benefit,
        [
            Benefit(partnership=partnership, year=year, description=words.statement())
            for year in years
        ],
    )
    insert(
        Risk,
        [
            Risk(
                partnership=partnership,
                description=words.statement(),
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
                mitigation=words.statement(),
                owner=partnership.lead_officer,
                on_corporate_register=rng.random() < 0.2,
            )
            for _ in range(4)
        ],
    )
    meetings = [
        meeting
        for meeting in council.meetings[council.committees[2].pk]
        if begun < meeting.date < today and meeting.status == meeting.Status.HELD
    ][::4]
    reviews = [
        CommitteeReview(
            partnership=partnership,
            considered_on=meeting.date,
            meeting=meeting,
            summary=words.statement(),
            next_review_due=meeting.date + relativedelta(months=6),
        )
        for meeting in meetings
    ]
    insert(CommitteeReview, reviews)
    partnership.next_review_due = (
        reviews[-1].next_review_due if reviews else begun + relativedelta(months=6)
    )


def make_outcomes(council: Council, words: text.Words, partnership, outcome_type, today):
    """Five outcomes and actions, each with an update every six months and, once a year, the
    committee's verdict at its next meeting."""
    rng = words.rng
    outcomes = [
        Outcome(
            partnership=partnership,
            kind=rng.choice(Outcome.Kind.values),
            description=words.statement(),
            target_date=(today + relativedelta(months=rng.randint(-12, 24))).replace(day=1),
            target_precision=Precision.MONTH,
            lead=partnership.lead_officer,
            position=position,
        )
        for position in range(1, 6)
    ]
    for outcome in outcomes:  # inserted in bulk, round Outcome.save
        keep_period_end(outcome, *Outcome.target_fields)
    outcomes = insert(Outcome, outcomes)
    meetings = [
        meeting
        for meeting in council.meetings[council.committees[2].pk]
        if meeting.status == meeting.Status.HELD
    ]
    updates, verdicts = [], []
    for outcome in outcomes:
        # Updates of the last four years at most: older ones were archived with the paper files.
        day = max(partnership.starts_on, today - relativedelta(years=4)) + relativedelta(months=6)
        count = 0
        while day < today:
            update = ProgressUpdate(
                content_type=outcome_type,
                object_id=outcome.pk,
                status=rng.choice(ProgressUpdate.Status.values[:4]),
                narrative=words.progress(2),
                reported_by=partnership.lead_officer,
                entered_by=council.officer_user,
                reported_on=day,
            )
            updates.append(history_dated(update, day))
            meeting = next((m for m in meetings if m.date > day), None)
            if count % 2 and meeting and meeting.date < today:
                verdict = Verdict(
                    content_type=outcome_type,
                    object_id=outcome.pk,
                    meeting=meeting,
                    verdict=Verdict.Kind.SATISFIED,
                    recorded_by=council.officer_user,
                )
                verdicts.append(history_dated(verdict, meeting.date))
            day += relativedelta(months=6)
            count += 1
    insert(ProgressUpdate, updates)
    insert(Verdict, verdicts)
    return len(outcomes), len(updates)
