"""Bulk setup from spreadsheets: a council's people, its committees, and its portfolios with
who held them term by term, each from one XLSX or CSV file.

A file is read through scraip.common.spreadsheets (which refuses hostile or broken files), its
rows kept as plain text (`read_rows`), and checked as a whole (`check`): every row is built
into the records it would create and put through the model's own rules (clean and field
checks), and the rules that span rows (duplicates, successors, overlapping terms, unknown
holders) are decided against the council's existing records read once, whatever the number of
rows. The officer sees what will be created, or every bad row with its number, column and
reason; `bulk_save` checks again under a lock and writes everything, with its history, or
nothing.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from scraip.common import spreadsheets
from scraip.common.fuzzydates import FuzzyDateError, Precision, parse_fuzzy_date

from .models import Authority, Committee, Person, Portfolio, PortfolioTerm

MAX_ROWS = 2000


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str  # what the file holds, in a sentence: "people"
    columns: tuple[str, ...]
    required: tuple[str, ...]
    examples: tuple[tuple[str, ...], ...]  # the template's example rows
    notes: dict[str, str]


PEOPLE = Layout(
    "people",
    "people",
    (
        "Name",
        "Role",
        "Political group",
        "Job title",
        "Directorate or service area",
        "Email",
        "Scrutiny team",
    ),
    ("Name", "Role"),
    (
        ("Jane Smith", "Councillor", "Independent", "", "", "jane.smith@example.gov.uk", ""),
        (
            "Ravi Patel",
            "Officer",
            "",
            "Head of Policy",
            "Policy and Performance",
            "ravi.patel@example.gov.uk",
            "No",
        ),
    ),
    {
        "Role": "Councillor or Officer",
        "Political group": "councillors' party or group",
        "Job title": "officers",
        "Directorate or service area": "officers",
        "Scrutiny team": "Yes for the officers who run scrutiny; blank means No",
    },
)
COMMITTEES = Layout(
    "committees",
    "committees",
    ("Name", "Short name", "Abolished on", "Successor"),
    ("Name",),
    (("Overview and Scrutiny Committee", "OSC", "", ""),),
    {
        "Short name": "an acronym, optional",
        "Abolished on": "a date such as 23/11/2026, only for a committee that no longer meets",
        "Successor": "the name of the committee that took over, in this file or already set up",
    },
)
PORTFOLIOS = Layout(
    "portfolios",
    "portfolios and their holders",
    ("Portfolio", "Holder", "From", "To"),
    ("Portfolio",),
    (("Cabinet Member for Housing", "Jane Smith", "21/05/2025", ""),),
    {
        "Portfolio": "one row for each term; repeat the portfolio for each holder",
        "Holder": "a councillor already set up at the council (bring the people in first)",
        "From": "the day the term began",
        "To": "the day it ended; blank while it runs",
    },
)
LAYOUTS = {layout.kind: layout for layout in (PEOPLE, COMMITTEES, PORTFOLIOS)}


class BulkRefused(Exception):
    """The file as a whole cannot be used; the message says why."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Checked:
    """What a file would create (`created`: one description per record, for the preview) and
    every problem found; `write` saves it."""

    problems: list[Problem] = field(default_factory=list)
    created: list[tuple[int, str]] = field(default_factory=list)
    write: Callable | None = None

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message[:1].upper() + message[1:]))


class BulkRowsRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def read_rows(file, layout: Layout) -> list[dict]:
    """The file's rows as {"row": number, column: text}, the empty ones left out. BulkRefused
    for a file that cannot be used at all, or lacks a column the layout needs."""
    try:
        header, read = spreadsheets.read_text_rows(file, max_rows=MAX_ROWS)
    except spreadsheets.SpreadsheetRefused as refusal:
        raise BulkRefused(str(refusal)) from None
    missing = [column for column in layout.required if column not in header]
    if missing:
        names = ", ".join(f"“{column}”" for column in missing)
        raise BulkRefused(
            f"The first row must name the columns: {names} missing. Download the template "
            "from this page and fill it in."
        )
    rows = []
    for row in read:
        values = {column: row.get(column, "") for column in layout.columns}
        if any(values.values()):
            rows.append({"row": row["row"], **values})
    if not rows:
        raise BulkRefused("The spreadsheet has no rows below its column names.")
    return rows


def parse_day(text: str) -> datetime.date:
    """A day typed in a spreadsheet cell (23/11/2026, 2026-11-23…); ValueError with a message
    fit for the person otherwise."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        day, precision = parse_fuzzy_date(text)
    except FuzzyDateError:
        raise ValueError(f"“{text[:40]}” is not a date: write it as 23/11/2026") from None
    if precision != Precision.DAY:
        raise ValueError(f"“{text[:40]}” is not a day: write it as 23/11/2026")
    return day


def model_problems(checked: Checked, number: int, row_object, columns: dict, **clean) -> bool:
    """Put the record through its model's field and row rules (no query: uniqueness and
    constraints are decided for the whole file by the caller and by the database); each
    refusal goes on the column the person typed it in. True if it passed."""
    # Relations are set by the import itself, to records it has read: checking that each
    # exists would cost a query per row.
    relations = [f.name for f in row_object._meta.concrete_fields if f.is_relation]
    exclude = [*clean.pop("exclude", []), *relations]
    try:
        row_object.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False, **clean
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                checked.add(number, columns.get(name, ""), message)
        return False
    return True


def _duplicate(checked, seen: dict, existing: set, number: int, column: str, text: str) -> bool:
    key = text.casefold()
    if key in existing:
        checked.add(number, column, f"“{text[:60]}” is already set up at this council")
        return True
    if key in seen:
        checked.add(number, column, f"“{text[:60]}” is also on row {seen[key]}")
        return True
    seen[key] = number
    return False


# People.

ROLES = {"councillor": Person.Kind.COUNCILLOR, "officer": Person.Kind.OFFICER}
YES_NO = {"": False, "no": False, "n": False, "yes": True, "y": True}
PERSON_COLUMNS = {
    "name": "Name",
    "kind": "Role",
    "political_group": "Political group",
    "job_title": "Job title",
    "directorate": "Directorate or service area",
    "email": "Email",
    "in_scrutiny_team": "Scrutiny team",
}


def _check_people(authority: Authority, rows: list[dict], by) -> Checked:
    checked = Checked()
    people = Person.objects.filter(authority=authority)
    names = {name.casefold() for name in people.values_list("name", flat=True)}
    emails = {
        email.casefold() for email in people.exclude(email="").values_list("email", flat=True)
    }
    seen_names, seen_emails, new = {}, {}, []
    for row in rows:
        number, ok = row["row"], True
        kind = ROLES.get(row["Role"].casefold())
        if kind is None:
            checked.add(number, "Role", "write Councillor or Officer")
            ok = False
        scrutiny = YES_NO.get(row["Scrutiny team"].casefold())
        if scrutiny is None:
            checked.add(number, "Scrutiny team", "write Yes or No")
            ok = False
        if not row["Name"]:
            checked.add(number, "Name", "the name is empty")
            ok = False
        elif _duplicate(checked, seen_names, names, number, "Name", row["Name"]):
            ok = False
        if row["Email"] and _duplicate(checked, seen_emails, emails, number, "Email", row["Email"]):
            ok = False
        person = Person(
            authority=authority,
            name=row["Name"],
            kind=kind or "",
            political_group=row["Political group"],
            job_title=row["Job title"],
            directorate=row["Directorate or service area"],
            email=row["Email"],
            in_scrutiny_team=bool(scrutiny),
        )
        exclude = [name for name, ok_ in (("kind", kind), ("name", row["Name"])) if not ok_]
        if model_problems(checked, number, person, PERSON_COLUMNS, exclude=exclude) and ok:
            new.append(person)
            checked.created.append((number, f"{person}, {person.get_kind_display().lower()}"))

    def write():
        bulk_create_with_history(new, Person, default_user=by)

    checked.write = write
    return checked


# Committees.

COMMITTEE_COLUMNS = {
    "name": "Name",
    "short_name": "Short name",
    "abolished_on": "Abolished on",
    "successor": "Successor",
}


def _check_committees(authority: Authority, rows: list[dict], by) -> Checked:
    checked = Checked()
    existing = list(Committee.objects.filter(authority=authority))
    by_pk = {committee.pk: committee for committee in existing}
    for committee in existing:  # the chains of successors, walked without queries
        committee.successor = by_pk.get(committee.successor_id)
    by_name = {committee.name.casefold(): committee for committee in existing}
    seen, built = {}, []
    for row in rows:
        number, ok = row["row"], True
        if not row["Name"]:
            checked.add(number, "Name", "the name is empty")
            ok = False
        elif _duplicate(checked, seen, set(by_name), number, "Name", row["Name"]):
            ok = False
        abolished = None
        if row["Abolished on"]:
            try:
                abolished = parse_day(row["Abolished on"])
            except ValueError as error:
                checked.add(number, "Abolished on", str(error))
                ok = False
        committee = Committee(
            authority=authority,
            name=row["Name"],
            short_name=row["Short name"],
            abolished_on=abolished,
        )
        built.append((number, row, committee, ok))
    new_by_name = {row["Name"].casefold(): committee for _, row, committee, ok in built if ok}
    # Every successor is linked before any is judged, so a loop is seen from each of its rows.
    linked = []
    for number, row, committee, ok in built:
        successor_name = row["Successor"]
        if successor_name:
            key = successor_name.casefold()
            successor = new_by_name.get(key) or by_name.get(key)
            if successor is None:
                checked.add(
                    number,
                    "Successor",
                    f"there is no committee “{successor_name[:60]}” in this file or here",
                )
                ok = False
            else:
                committee.successor = successor
        linked.append((number, row, committee, ok))
    new = []
    for number, row, committee, ok in linked:
        exclude = [] if row["Name"] else ["name"]
        if model_problems(checked, number, committee, COMMITTEE_COLUMNS, exclude=exclude) and ok:
            new.append(committee)
            shown = f" ({committee.short_name})" if committee.short_name else ""
            checked.created.append((number, f"{committee.name}{shown}"))

    def write():
        # Successors among the new committees are linked once every committee has its id.
        later = [c for c in new if c.successor is not None and c.successor.pk is None]
        successors = {id(c): c.successor for c in later}
        for committee in later:
            committee.successor = None
        bulk_create_with_history(new, Committee, default_user=by)
        for committee in later:
            committee.successor = successors[id(committee)]
        if later:
            bulk_update_with_history(later, Committee, ["successor"], default_user=by)

    checked.write = write
    return checked


# Portfolios and their holders.

TERM_COLUMNS = {"holder": "Holder", "starts_on": "From", "ends_on": "To", "portfolio": "Portfolio"}


def _term_dates(checked, number: int, row: dict):
    dates = {}
    for column in ("From", "To"):
        if row[column]:
            try:
                dates[column] = parse_day(row[column])
            except ValueError as error:
                checked.add(number, column, str(error))
                return None
    if not row["Holder"]:
        if dates:
            checked.add(number, "Holder", "name the councillor who held the portfolio then")
            return None
        return {}
    if "From" not in dates:
        checked.add(number, "From", "give the day the term began")
        return None
    return dates


def _check_portfolios(authority: Authority, rows: list[dict], by) -> Checked:
    checked = Checked()
    portfolios = {p.title.casefold(): p for p in Portfolio.objects.filter(authority=authority)}
    terms: dict[str, list] = {}
    for term in PortfolioTerm.objects.filter(portfolio__authority=authority).select_related(
        "holder"
    ):
        terms.setdefault(term.portfolio_id, []).append((None, term))
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(authority=authority):
        people.setdefault(person.name.casefold(), []).append(person)
    new_portfolios, new_terms, first_rows = {}, [], {}
    for row in rows:
        number, title = row["row"], row["Portfolio"]
        if not title:
            checked.add(number, "Portfolio", "the portfolio is empty")
            continue
        dates = _term_dates(checked, number, row)
        key = title.casefold()
        portfolio = portfolios.get(key) or new_portfolios.get(key)
        if portfolio is None:
            portfolio = Portfolio(authority=authority, title=title)
            if not model_problems(checked, number, portfolio, {"title": "Portfolio"}):
                continue
        if dates == {} and key in portfolios:
            checked.add(number, "Portfolio", f"“{title[:60]}” is already set up at this council")
            continue
        if dates == {} and key in first_rows:
            checked.add(number, "Portfolio", f"“{title[:60]}” is also on row {first_rows[key]}")
            continue
        holder = None
        if row["Holder"]:
            found = people.get(row["Holder"].casefold(), [])
            if not found:
                checked.add(
                    number,
                    "Holder",
                    f"nobody called “{row['Holder'][:60]}” is set up at this council",
                )
                continue
            if len(found) > 1:
                checked.add(
                    number,
                    "Holder",
                    f"{len(found)} people are called “{row['Holder'][:60]}”: add this term on "
                    "the portfolio's page",
                )
                continue
            holder = found[0]
        if dates is None:
            continue
        first_rows.setdefault(key, number)
        if portfolio.pk is None and key not in new_portfolios:
            new_portfolios[key] = portfolio
            checked.created.append((number, f"Portfolio: {portfolio.title}"))
        if holder is None:
            continue
        term = PortfolioTerm(
            portfolio=portfolio, holder=holder, starts_on=dates["From"], ends_on=dates.get("To")
        )
        try:
            term.clean_fields(exclude=["portfolio", "holder"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    checked.add(number, TERM_COLUMNS.get(name, ""), message)
            continue
        own = term.own_problems()
        for name, message in own.items():
            checked.add(number, TERM_COLUMNS.get(name, ""), message)
        if own:
            continue
        others = terms.setdefault(portfolio.pk or key, [])
        clash = next((other for other in others if term.overlaps(other[1])), None)
        if clash is not None:
            where = (
                f"row {clash[0]}"
                if clash[0]
                else f"{clash[1].holder}’s term from {clash[1].starts_on:%-d %B %Y}"
            )
            checked.add(number, "From", f"{PortfolioTerm.OVERLAP.lower()}: it overlaps {where}")
            continue
        others.append((number, term))
        new_terms.append(term)
        until = f" to {term.ends_on:%-d %B %Y}" if term.ends_on else " (current)"
        checked.created.append(
            (number, f"{holder} holds {portfolio.title} from {term.starts_on:%-d %B %Y}{until}")
        )

    def write():
        bulk_create_with_history(list(new_portfolios.values()), Portfolio, default_user=by)
        # Each new term takes its new portfolio's id from the object (bulk_create does that).
        bulk_create_with_history(new_terms, PortfolioTerm, default_user=by)

    checked.write = write
    return checked


CHECKS = {"people": _check_people, "committees": _check_committees, "portfolios": _check_portfolios}


def check(*, authority: Authority, kind: str, rows: list[dict], by=None) -> Checked:
    """What the rows would create at the council, and every problem with them."""
    checked = CHECKS[kind](authority, rows, by)
    checked.problems.sort(key=lambda problem: problem.row)  # stable: columns stay in order
    return checked


@transaction.atomic
def bulk_save(*, authority: Authority, kind: str, rows: list[dict], by) -> int:
    """Check the rows again (the council's records may have changed since the preview) and
    create everything, or nothing: BulkRowsRefused with every problem. The council is locked
    first, so two imports to one council run one after the other."""
    Authority.objects.select_for_update().filter(pk=authority.pk).first()
    checked = check(authority=authority, kind=kind, rows=rows, by=by)
    if checked.problems:
        raise BulkRowsRefused(checked.problems)
    checked.write()
    return len(checked.created)


def template_rows(layout: Layout) -> list[list[str]]:
    return [list(example) for example in layout.examples]
