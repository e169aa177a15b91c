"""Maidstone's earlier years, generated: six municipal years of plans its committees sent the
cabinet, the cabinet's answers, and the follow-up at the committees' meetings until they closed
what they had seen through. The council's impact report then has years to compare, and the
network comparison more than one year to choose from.

The rows are made by the network generator's own pieces (scraip.demo.generate: recommendations,
answers, progress updates, verdicts, moved target dates, bulk inserts with their history), fed
a record of the demo council (the generator's Council) built from its committees, a calendar
of meetings held and six cabinet portfolios of the history.

The history is all in the past, so that today's dashboards show what the hand-written demo
shows: every plan was published before the current municipal year and answered in full, and its
report-backs are at meetings already held, each completed; nothing is left due. Its
recommendations fall to portfolios no demo sign-in holds and are led by officers without a
sign-in; the scrutiny officer typed in the answers and updates for them.

Generated once, from a fixed seed, for the six years before the municipal year of that first
load. Each plan's "created" history entry carries MARKER, by which a later load finds the
history, brings back any of its plans deleted in the app, and generates nothing more.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from scraip.common.fuzzydates import Precision
from scraip.common.softdelete import restore
from scraip.common.years import municipal_year_label, municipal_year_of
from scraip.councils.models import Authority, Meeting, Person, Portfolio, PortfolioTerm
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.plans.models import ActionPlan, RecommendationPart, ReportBack, Response

from .councils import MAIDSTONE, authority_named, user_named
from .generate import text
from .generate.bulk import history_dated, insert
from .generate.councils import PORTFOLIOS, Council, meeting_days
from .generate.followup import target_change, update, verdict
from .generate.plans import PlanRecords, make_recommendations, make_response

SEED = "maidstone-history"
MARKER = "Generated demo history"
YEARS = 6
PLANS_A_YEAR = (5, 8)
# The cabinet posts of the history: not the two the demo's cabinet sign-ins hold, whose
# dashboards list every item of their portfolios, however old.
HISTORY_PORTFOLIOS = PORTFOLIOS[2:]
CABINET_MEMBERS = 8
# Lead officers: the demo's officers without a sign-in, then those generated, one a service.
DEMO_LEADS = ("Helen Ashworth", "Priya Lal")
LEAD_TITLES = text.OFFICER_TITLES[:6]
# The latest plan is published this long before today: time for its answer and a report-back
# or two at meetings already held.
FOLLOW_UP_TIME = datetime.timedelta(days=270)
# The share of items still open at a plan's last report-back that the committee closes there.
CLOSED_AT_LAST = 0.99


def load(stdout=None) -> None:
    """Generate the history, or, once it is there, bring back its plans deleted in the app.
    Call inside load_demo's transaction, after the hand-written demo (whose names it avoids)."""
    authority = authority_named(MAIDSTONE)
    plans = generated_plans(authority)
    if plans.exists():
        for plan in plans.filter(deleted_at__isnull=False):
            restore(record=plan)
    else:
        generate(authority, timezone.localdate())
    if stdout:
        years = sorted(plans.values_list("municipal_year", flat=True).distinct())
        stdout.write(
            f"Maidstone's history: {plans.count()} plans of "
            f"{municipal_year_label(years[0])} to {municipal_year_label(years[-1])}."
        )


def generated_plans(authority: Authority):
    """The history's plans, deleted ones too: those whose history entries carry MARKER."""
    marked = ActionPlan.history.filter(authority=authority, history_change_reason=MARKER)
    return ActionPlan.all_objects.filter(pk__in=marked.values("id"))


def generate(authority: Authority, today: datetime.date) -> list[PlanRecords]:
    words = text.Words(SEED)
    current = municipal_year_of(today)
    start = datetime.date(current - YEARS, 5, 1)
    council = demo_council(authority, words, start, today)
    records = make_history_plans(council, words, range(current - YEARS, current), today)
    make_recommendations(council, words, records)
    make_answers(council, words, records)
    make_schedules(council, words, records)
    make_history_followup(council, words, records)
    return records


def demo_council(authority: Authority, words, start: datetime.date, today) -> Council:
    """The generator's record of the demo council: its committees with a calendar of meetings
    held, and the history's cabinet members, portfolios and lead officers. Nobody in it has a
    sign-in but the scrutiny officer, who entered the cabinet's answers and the updates."""
    officer = user_named("officer")
    taken = set(authority.people.values_list("name", flat=True))
    councillors = new_people(
        authority,
        words,
        taken,
        start,
        [{"kind": Person.Kind.COUNCILLOR, "political_group": "Conservative"}] * CABINET_MEMBERS,
    )
    officers = new_people(
        authority,
        words,
        taken,
        start,
        [{"kind": Person.Kind.OFFICER, "job_title": title} for title in LEAD_TITLES],
    )
    portfolios = insert(
        Portfolio,
        [Portfolio(authority=authority, title=title) for title in HISTORY_PORTFOLIOS],
        on=start,
    )
    committees = list(authority.committees.order_by("name"))
    return Council(
        number=0,
        authority=authority,
        committees=committees,
        meetings=meetings_held(committees, start, today),
        councillors=councillors,
        officers=[officer.person, *officers],
        witnesses=[],
        portfolios=portfolios,
        terms=cabinet_terms(portfolios, councillors, words, start),
        officer_user=officer,
        leader_user=officer,
        lead_user=officer,
        councillor_user=user_named("councillor"),
        start=start,
        leads=[*authority.people.filter(name__in=DEMO_LEADS).order_by("name"), *officers],
    )


def new_people(authority, words, taken: set, start, kinds: list[dict]) -> list[Person]:
    """A person of each kind given, by a generated name nobody at the council has."""
    people = []
    for values in kinds:
        name = words.person_name()
        while name in taken:
            name = words.person_name()
        taken.add(name)
        people.append(Person(authority=authority, name=name, **values))
    return insert(Person, people, on=start)


def cabinet_terms(portfolios, councillors, words, start) -> dict[int, list[PortfolioTerm]]:
    """Each portfolio is held from the history's start, and given anew at the elections halfway
    through (sometimes to the same member) for a term that runs on."""
    election = datetime.date(start.year + YEARS // 2, 5, 1)
    before = words.rng.sample(councillors, len(portfolios))
    after = words.rng.sample(councillors, len(portfolios))
    rows = []
    for portfolio, first, second in zip(portfolios, before, after, strict=True):
        ends = election - datetime.timedelta(days=1)
        rows += [
            history_dated(
                PortfolioTerm(portfolio=portfolio, holder=first, starts_on=start, ends_on=ends),
                start,
            ),
            history_dated(
                PortfolioTerm(portfolio=portfolio, holder=second, starts_on=election), election
            ),
        ]
    terms: dict[int, list[PortfolioTerm]] = {}
    for term in insert(PortfolioTerm, rows):
        terms.setdefault(term.portfolio_id, []).append(term)
    return terms


def meetings_held(committees, start, today) -> dict[int, list[Meeting]]:
    """Each committee's meetings from the history's start to yesterday, all held, as its
    calendar for each year was set in May; a day it already meets on is left to that meeting."""
    calendar = {}
    for weekday, committee in enumerate(committees, start=1):
        taken = set(committee.meetings.values_list("date", flat=True))
        place = f"Town Hall, {committee.authority.short_name}"
        rows = [
            history_dated(
                Meeting(committee=committee, date=day, place=place, status=Meeting.Status.HELD),
                datetime.date(municipal_year_of(day), 5, 1),
            )
            for day in meeting_days(start, today - datetime.timedelta(days=1), weekday)
            if day not in taken
        ]
        calendar[committee.pk] = insert(Meeting, rows)
    return calendar


def make_history_plans(council: Council, words, years, today) -> list[PlanRecords]:
    """Five to eight plans a year, each published on the day of a meeting of its committee and
    received by the cabinet one to three weeks later."""
    rng = words.rng
    latest = today - FOLLOW_UP_TIME
    titles = plan_titles(council.authority, rng)
    records = []
    for year in years:
        first, last = datetime.date(year, 5, 1), min(datetime.date(year + 1, 4, 30), latest)
        for _ in range(rng.randint(*PLANS_A_YEAR)):
            committee = rng.choice(council.committees)
            days = [m.date for m in council.meetings[committee.pk] if first <= m.date <= last]
            if not days:
                continue
            published = rng.choice(days)
            plan = ActionPlan(
                authority=council.authority,
                committee=committee,
                title=titles.pop(),
                publication_date=published,
                municipal_year=year,
                status=ActionPlan.Status.AWAITING_RESPONSE,
            )
            plan.set_received_on(published + datetime.timedelta(days=rng.randint(7, 21)))
            plan._change_reason = MARKER
            records.append(PlanRecords(history_dated(plan, published)))
    insert(ActionPlan, [record.plan for record in records], by=council.officer_user)
    return records


def plan_titles(authority: Authority, rng) -> list[str]:
    """Titles of reviews, shuffled, none that a plan of the council already has."""
    used = set(ActionPlan.all_objects.filter(authority=authority).values_list("title", flat=True))
    titles = [
        f"{kind} {subject}"
        for kind in text.REVIEW_KINDS
        for subject in text.REVIEW_SUBJECTS
        if f"{kind} {subject}" not in used
    ]
    rng.shuffle(titles)
    return titles


def make_answers(council: Council, words, records) -> None:
    """The cabinet answers each plan in full on one day, mostly within the response period."""
    rng = words.rng
    for record in records:
        plan = record.plan
        window = (plan.response_deadline - plan.received_on).days
        responded_on = plan.received_on + datetime.timedelta(days=rng.randint(14, window + 14))
        for part in record.parts:
            record.responses[part.pk] = make_response(council, words, part, responded_on)
        plan.status = ActionPlan.Status.RESPONDED
    insert(Response, [response for record in records for response in record.responses.values()])


def followed(record: PlanRecords) -> list[tuple[RecommendationPart, Response]]:
    return [
        (part, response)
        for part in record.parts
        if not (response := record.responses[part.pk]).is_rejected
    ]


def make_schedules(council: Council, words, records) -> None:
    """Two to four report-backs a plan that has items to follow, each at the first meeting of
    its committee four to seven months after the answer or the report-back before; the
    schedule ends with the meetings held, and has one at least."""
    rng = words.rng
    rows = []
    for record in records:
        if not followed(record):
            continue
        answered = next(iter(record.responses.values())).responded_on
        meetings = [
            meeting
            for meeting in council.meetings[record.plan.committee_id]
            if meeting.date > answered + datetime.timedelta(days=45)
        ]
        chosen, due = [], answered
        for _ in range(rng.choice((2, 3, 3, 4))):
            due += datetime.timedelta(days=rng.randint(120, 210))
            meeting = next((m for m in meetings if m.date >= due), None)
            if meeting is None:
                break
            chosen.append(meeting)
            due = meeting.date
        # A recent plan's follow-up, cut short by today: its one report-back is the last held.
        chosen = chosen or meetings[-1:]
        record.report_backs = [
            history_dated(
                ReportBack(
                    action_plan=record.plan,
                    sequence=sequence,
                    meeting=meeting,
                    due_on=meeting.date,
                    due_precision=Precision.DAY,
                    completed=True,
                    note="Every item considered.",
                ),
                record.plan.received_on,
            )
            for sequence, meeting in enumerate(chosen, start=1)
        ]
        rows += record.report_backs
    insert(ReportBack, rows, by=council.officer_user)


def make_history_followup(council: Council, words, records) -> None:
    """At each report-back every open item has its update and the committee's verdict; at the
    last, the committee closes what it has seen through. A plan whose items are all closed is
    closed; a moved target date is recorded with its reason, while the item was followed."""
    rng = words.rng
    part_type = ContentType.objects.get_for_model(RecommendationPart)
    updates, verdicts, changes = [], [], []
    for record in records:
        items = followed(record)
        state = {part.pk: {"status": None, "closed": False, "last": None} for part, _ in items}
        for report_back in record.report_backs:
            last = report_back is record.report_backs[-1]
            for part, response in items:
                item = state[part.pk]
                if item["closed"]:
                    continue
                report = update(council, words, part_type, part, response, state)
                updates.append(report(report_back, report_back.due_on))
                closing = last and rng.random() < CLOSED_AT_LAST
                verdicts.append(
                    verdict(council, words, part_type, part, item, report_back, closing)
                )
        for part, response in items:
            if hasattr(response, "moved_from"):
                change = target_change(council, words, part_type, part, response)
                changes.append((change, moved_on(response, record, rng)))
        if items and all(item["closed"] for item in state.values()):
            record.plan.status = ActionPlan.Status.CLOSED
    insert(ProgressUpdate, updates)
    insert(Verdict, verdicts, by=council.officer_user)
    date_changes(changes)
    ActionPlan.objects.bulk_update([record.plan for record in records], ["status"])


def moved_on(response: Response, record: PlanRecords, rng) -> datetime.date:
    """A day between the answer and the plan's first report-back, when the target moved."""
    first = record.report_backs[0].due_on
    return response.responded_on + datetime.timedelta(
        days=rng.randint(1, max(1, (first - response.responded_on).days - 1))
    )


def date_changes(changes: list[tuple[TargetDateChange, datetime.date]]) -> None:
    """Insert the moved target dates, then date each on its day (the insert stamps today)."""
    rows = insert(TargetDateChange, [change for change, _ in changes])
    for row, (_, day) in zip(rows, changes, strict=True):
        row.changed_at = datetime.datetime.combine(day, datetime.time(11, 0), tzinfo=datetime.UTC)
    TargetDateChange.objects.bulk_update(rows, ["changed_at"])
