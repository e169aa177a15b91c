"""Generated councils: the authority, its scrutiny committees and their meetings, councillors,
officers and outside witnesses, cabinet portfolios held term by term, and the sign-ins of the
four people a benchmark or a demonstration acts as."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from scraip.councils.models import Authority, Committee, Meeting, Person, Portfolio, PortfolioTerm

from . import text
from .bulk import insert

PASSWORD = "scraip-generated-2026"
COMMITTEES = (
    "Overview and Scrutiny Committee",
    "Communities Scrutiny Committee",
    "Corporate Services Scrutiny Committee",
)
# How many plans each committee publishes, in proportion.
COMMITTEE_WEIGHTS = (3, 2, 2)
PORTFOLIOS = (
    "Leader of the Council",
    "Cabinet Member for Finance",
    "Cabinet Member for Housing",
    "Cabinet Member for Communities",
    "Cabinet Member for Environment",
    "Cabinet Member for Planning",
    "Cabinet Member for Economic Development",
    "Cabinet Member for Leisure and Culture",
)
# The months committees meet in (none in May, after the elections, nor in August, December or
# April, before them).
MEETING_MONTHS = (6, 7, 9, 10, 11, 1, 2, 3)
COUNCILLORS, OFFICERS, WITNESSES = 45, 40, 60


@dataclass
class Council:
    """One generated council and everything later stages pick from."""

    number: int
    authority: Authority
    committees: list[Committee]
    meetings: dict[int, list[Meeting]]  # committee id -> its meetings in date order
    councillors: list[Person]
    officers: list[Person]
    witnesses: list[Person]
    portfolios: list[Portfolio]
    terms: dict[int, list[PortfolioTerm]]  # portfolio id -> its terms
    officer_user: object  # the scrutiny officer's sign-in
    leader_user: object
    lead_user: object
    councillor_user: object
    start: datetime.date  # the first day of the generated years
    leads: list[Person] = field(default_factory=list)  # lead officers, the persona first

    @property
    def scrutiny_officer(self) -> Person:
        return self.officers[0]

    def holder_on(self, portfolio: Portfolio, day: datetime.date) -> Person | None:
        for term in self.terms[portfolio.pk]:
            if term.starts_on <= day and (term.ends_on is None or term.ends_on >= day):
                return term.holder
        return None


def authority_name(number: int) -> tuple[str, str]:
    place = text.PLACES[(number - 1) % len(text.PLACES)]
    if number > len(text.PLACES):
        place = f"{place} {number // len(text.PLACES) + 1}"
    kind = text.COUNCIL_KINDS[(number - 1) % len(text.COUNCIL_KINDS)]
    return f"{place} {kind}", place


def meeting_days(start: datetime.date, end: datetime.date, weekday: int) -> list[datetime.date]:
    """A committee's meeting days between start and end: one a meeting month, on the second
    `weekday` (0 Monday) of the month."""
    days = []
    for year in range(start.year, end.year + 1):
        for month in MEETING_MONTHS:
            first = datetime.date(year, month, 1)
            day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7)
            if start <= day <= end:
                days.append(day)
    return sorted(days)


def make_council(number: int, words: text.Words, span: tuple, password: str, today) -> Council:
    rng = words.rng
    start, end = span
    name, place = authority_name(number)
    authority = Authority(
        name=name,
        short_name=place,
        response_period_days=28 if number % 5 == 0 else None,
        # A third of the network shares its impact report (seed 000's councils sharing their
        # work), so the network comparison is measured on figures, not on an empty page.
        compares_impact=number % 3 == 1,
    )
    insert(Authority, [authority], on=start)
    committees = insert(
        Committee, [Committee(authority=authority, name=title) for title in COMMITTEES], on=start
    )
    meetings = {}
    for index, committee in enumerate(committees):
        rows = []
        for day in meeting_days(start, end, weekday=index + 1):
            status = Meeting.Status.HELD if day < today else Meeting.Status.SCHEDULED
            if day < today and rng.random() < 0.02:
                status = Meeting.Status.CANCELLED
            rows.append(
                Meeting(committee=committee, date=day, place=f"{place} Town Hall", status=status)
            )
        meetings[committee.pk] = insert(Meeting, rows, on=start)
    councillors = [
        Person(
            name=words.person_name(),
            kind=Person.Kind.COUNCILLOR,
            authority=authority,
            political_group=rng.choice(text.GROUPS),
        )
        for _ in range(COUNCILLORS)
    ]
    officers = [
        Person(
            name=words.person_name(),
            kind=Person.Kind.OFFICER,
            authority=authority,
            job_title=text.OFFICER_TITLES[index % len(text.OFFICER_TITLES)],
            in_scrutiny_team=index < 3,
            email=f"officer{index}@{place.lower().replace(' ', '')}.example.gov.uk",
        )
        for index in range(OFFICERS)
    ]
    for person in officers[:3]:
        person.job_title = "Overview and Scrutiny Officer"
    witnesses = [
        Person(
            name=words.person_name(),
            kind=Person.Kind.WITNESS,
            authority=authority,
            organisation=f"{place} {rng.choice(text.ORGANISATIONS)}",
            job_title=rng.choice(("Chief Executive", "Director", "Manager", "Chair")),
        )
        for _ in range(WITNESSES)
    ]
    users = make_users(number, password)
    # The personas: the first scrutiny officer, the Leader, the first lead officer (the 4th
    # officer) and a backbench councillor.
    officers[0].user, officers[3].user = users["officer"], users["lead"]
    councillors[0].user, councillors[1].user = users["leader"], users["councillor"]
    people = insert(Person, councillors + officers + witnesses, on=start)
    councillors = people[:COUNCILLORS]
    officers = people[COUNCILLORS : COUNCILLORS + OFFICERS]
    witnesses = people[COUNCILLORS + OFFICERS :]
    portfolios = insert(
        Portfolio, [Portfolio(authority=authority, title=title) for title in PORTFOLIOS], on=start
    )
    terms = make_terms(portfolios, councillors, span, words)
    council = Council(
        number=number,
        authority=authority,
        committees=committees,
        meetings=meetings,
        councillors=councillors,
        officers=officers,
        witnesses=witnesses,
        portfolios=portfolios,
        terms=terms,
        officer_user=users["officer"],
        leader_user=users["leader"],
        lead_user=users["lead"],
        councillor_user=users["councillor"],
        start=start,
    )
    # Lead officers: the persona and twenty colleagues (not the scrutiny team).
    council.leads = [officers[3], *officers[4:24]]
    return council


def make_users(number: int, password: str) -> dict:
    """officerN, leaderN, leadN and councillorN, all with the same password."""
    User = get_user_model()
    users = {
        role: User(
            username=f"{role}{number}", password=password, email=f"{role}{number}@example.org"
        )
        for role in ("officer", "leader", "lead", "councillor")
    }
    User.objects.bulk_create(users.values())
    return {role: User.objects.get(username=user.username) for role, user in users.items()}


def make_terms(portfolios, councillors, span, words) -> dict[int, list[PortfolioTerm]]:
    """Each portfolio changes hands every four years; the Leader (the `leader` persona) holds
    the first two portfolios today."""
    start, end = span
    rows = []
    changes = list(range(start.year, end.year + 1, 4))
    for index, portfolio in enumerate(portfolios):
        for position, year in enumerate(changes):
            last = position == len(changes) - 1
            holder = councillors[0] if last and index < 2 else words.rng.choice(councillors[2:20])
            rows.append(
                PortfolioTerm(
                    portfolio=portfolio,
                    holder=holder,
                    starts_on=datetime.date(year, 5, 1) if position else start,
                    ends_on=None if last else datetime.date(changes[position + 1], 4, 30),
                )
            )
    rows = insert(PortfolioTerm, rows, on=start)
    terms: dict[int, list[PortfolioTerm]] = {}
    for term in rows:
        terms.setdefault(term.portfolio_id, []).append(term)
    return terms


def password_hash() -> str:
    """Hashed once: every generated sign-in shares it, as hashing each would take minutes."""
    return make_password(PASSWORD)
