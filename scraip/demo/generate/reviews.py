"""Generated task-and-finish reviews: four a council a year, some of them joint with one or two
neighbours, each with its members, officer support, dated status changes, an evidence plan of
sessions with lettered parts and witnesses, a cost table, and for reported reviews the action
plan made from the final report."""

import bisect
import datetime
from decimal import Decimal

from reviews.models import (
    Activity,
    ActivityPart,
    CostItem,
    Review,
    ReviewActionPlan,
    ReviewMember,
    ReviewStatus,
    ReviewStatusChange,
    Witness,
)
from scraip.common.fuzzydates import Precision
from scraip.common.years import municipal_year_of
from scraip.plans.models import ActionPlan

from . import text
from .bulk import history_dated, insert
from .councils import Council

REVIEWS_A_YEAR = 4
STATUSES = list(ReviewStatus)


def status_for(programme_year: int, current: int, rng) -> ReviewStatus:
    behind = current - programme_year
    if behind >= 2:
        return rng.choice((ReviewStatus.CLOSED, ReviewStatus.CLOSED, ReviewStatus.MONITORING))
    if behind == 1:
        return rng.choice(
            (ReviewStatus.DRAFTING_REPORT, ReviewStatus.REPORTED, ReviewStatus.MONITORING)
        )
    return rng.choice(
        (
            ReviewStatus.PROPOSED,
            ReviewStatus.SCOPING,
            ReviewStatus.GATHERING_EVIDENCE,
            ReviewStatus.DRAFTING_REPORT,
        )
    )


def make_reviews(councils: list[Council], words: text.Words, years: int, today) -> dict:
    rng = words.rng
    current = municipal_year_of(today)
    reviews, links = [], []
    for council in councils:
        neighbours = [other for other in councils if other is not council]
        for programme_year in range(current - years + 1, current + 1):
            for _ in range(REVIEWS_A_YEAR):
                joint = rng.sample(neighbours, k=min(len(neighbours), rng.choice((1, 2))))
                partners = joint if neighbours and rng.random() < 0.12 else []
                review = make_review(council, words, programme_year, current)
                reviews.append((review, council, partners))
    insert(Review, [review for review, _, _ in reviews])
    through = Review.participating_authorities.through
    through.objects.bulk_create(
        through(review=review, authority=council.authority)
        for review, lead, partners in reviews
        for council in (lead, *partners)
    )
    Review.commissioning_committees.through.objects.bulk_create(
        Review.commissioning_committees.through(review=review, committee=lead.committees[0])
        for review, lead, _ in reviews
    )
    Review.supporting_officers.through.objects.bulk_create(
        Review.supporting_officers.through(review=review, person=lead.officers[1])
        for review, lead, _ in reviews
    )
    make_members(reviews, words)
    make_status_changes(reviews, today)
    witnesses = make_evidence(reviews, words, today)
    make_costs(reviews, words)
    links = link_plans(reviews)
    return {"reviews": len(reviews), "witnesses": witnesses, "review plans": links}


def make_review(council: Council, words: text.Words, programme_year: int, current: int):
    rng = words.rng
    subject = rng.choice(text.REVIEW_SUBJECTS)
    status = status_for(programme_year, current, rng)
    started = datetime.date(programme_year, 6, 1)
    due = datetime.date(programme_year + 1, rng.choice((1, 2, 3, 4)), 1)
    meetings = council.meetings[council.committees[0].pk]
    reports_to = next((m for m in meetings if m.date >= due), None)
    review = Review(
        title=f"{rng.choice(text.REVIEW_KINDS)} {subject}",
        aim=f"To find out how well the council manages {subject.lower()}. {words.statement()}",
        reason_selected=words.statement(2),
        expected_outputs="A report with recommendations to the cabinet.",
        timescale="Six months from the scoping meeting.",
        lead_authority=council.authority,
        programme_year=programme_year,
        status=status,
        lead_officer=council.scrutiny_officer,
        day_rate=Decimal("350.00"),
        reports_to=reports_to if reports_to and rng.random() < 0.5 else None,
        report_due_on=reports_to.date if reports_to else due,
        report_due_precision=Precision.DAY if reports_to else Precision.MONTH,
    )
    if not review.reports_to:
        review.report_due_on, review.report_due_precision = due, Precision.MONTH
    review._history_user = council.officer_user
    return history_dated(review, started)


def make_members(reviews, words) -> None:
    rng = words.rng
    rows = []
    for review, lead, partners in reviews:
        chosen = rng.sample(lead.councillors[2:], 5)
        roles = (ReviewMember.Role.CHAIR, ReviewMember.Role.VICE_CHAIR) + (
            ReviewMember.Role.MEMBER,
        ) * 3
        rows += [
            ReviewMember(review=review, councillor=person, role=role)
            for person, role in zip(chosen, roles, strict=True)
        ]
        for council in partners:
            rows += [
                ReviewMember(review=review, councillor=person, role=ReviewMember.Role.MEMBER)
                for person in rng.sample(council.councillors[2:], 2)
            ]
    insert(ReviewMember, rows)


def make_status_changes(reviews, today) -> None:
    rows = []
    for review, lead, _ in reviews:
        day = datetime.date(review.programme_year, 5, 15)
        previous = ""
        for status in STATUSES[: STATUSES.index(review.status) + 1]:
            rows.append(
                ReviewStatusChange(
                    review=review,
                    from_status=previous,
                    to_status=status,
                    changed_on=min(day, today),
                    changed_by=lead.officer_user,
                )
            )
            previous, day = status, day + datetime.timedelta(days=45)
    insert(ReviewStatusChange, rows)


def make_evidence(reviews, words, today) -> int:
    """Four to six steps, mostly evidence sessions, with one to three lettered parts each and
    one to three witnesses a part: a person (from any council taking part) or an
    organisation."""
    rng = words.rng
    activities = []
    for review, lead, partners in reviews:
        gathered = review.status not in (ReviewStatus.PROPOSED, ReviewStatus.SCOPING)
        day = datetime.date(review.programme_year, 7, 1)
        for _ in range(rng.randint(4, 6)):
            day += datetime.timedelta(days=rng.randint(14, 35))
            kind = rng.choices(
                (Activity.Kind.SESSION, Activity.Kind.SURVEY, Activity.Kind.SITE_VISIT),
                weights=(8, 1, 1),
            )[0]
            held = gathered and day < today
            activity = Activity(
                review=review,
                kind=kind,
                title="" if kind == Activity.Kind.SESSION else f"{kind.label} on {review.title}",
                description=words.statement(),
                planned_on=day,
                planned_precision=Precision.DAY,
                held=held,
                held_on=day if held else None,
            )
            activity.people = [p for council in (lead, *partners) for p in council.witnesses]
            activity.lead = lead
            activities.append(history_dated(activity, day))
    insert(Activity, activities)
    parts, witnesses = [], []
    for activity in activities:
        for position, letter in enumerate("ABC"[: rng.randint(1, 3)], start=1):
            part = ActivityPart(
                activity=activity,
                letter=letter,
                heading=rng.choice(text.TOPICS).capitalize(),
                description=words.statement(),
                position=position,
            )
            part.activity_row = activity
            parts.append(part)
    insert(ActivityPart, parts)
    for part in parts:
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.7:
                person = rng.choice(part.activity_row.people)
                witness = Witness(part=part, person=person, role=person.job_title)
            else:
                witness = Witness(
                    part=part,
                    organisation=f"{part.activity_row.lead.authority.short_name} "
                    f"{rng.choice(text.ORGANISATIONS)}",
                )
            witness.topics = ", ".join(rng.sample(text.TOPICS, 2))
            witness.set_directory_key()  # inserted in bulk, without save()
            witnesses.append(witness)
    insert(Witness, witnesses)
    return len(witnesses)


def make_costs(reviews, words) -> None:
    rng = words.rng
    rows = []
    for review, lead, partners in reviews:
        for position in range(1, rng.randint(3, 5) + 1):
            shared = bool(partners) and rng.random() < 0.5
            rows.append(
                CostItem(
                    review=review,
                    activity=rng.choice(
                        ("Scoping meeting", "Evidence session", "Site visit", "Report drafting")
                    ),
                    support_days=Decimal(rng.choice(("0.5", "1", "1.5", "2", "3"))),
                    shared=shared,
                    borne_by=None if shared or not partners else lead.authority,
                    position=position,
                )
            )
    insert(CostItem, rows)


def link_plans(reviews) -> int:
    """A reported review's recommendations became one of its council's action plans: the
    first plan published after its work programme year not already made from a review."""
    reported = (ReviewStatus.REPORTED, ReviewStatus.MONITORING, ReviewStatus.CLOSED)
    plans: dict[int, list] = {}
    for pk, authority_id, published in ActionPlan.objects.order_by(
        "publication_date", "pk"
    ).values_list("pk", "authority_id", "publication_date"):
        plans.setdefault(authority_id, []).append((published, pk))
    rows, taken = [], set()
    for review, lead, _ in reviews:
        if review.status not in reported:
            continue
        after = datetime.date(review.programme_year + 1, 1, 1)
        candidates = plans.get(lead.authority.pk, [])
        index = bisect.bisect_left(candidates, (after, 0))
        plan = next((pk for _, pk in candidates[index:] if pk not in taken), None)
        if plan:
            taken.add(plan)
            rows.append(
                ReviewActionPlan(review=review, action_plan_id=plan, created_by=lead.officer_user)
            )
    insert(ReviewActionPlan, rows)
    return len(rows)
