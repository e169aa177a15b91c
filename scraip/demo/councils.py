"""Demo councils of the Kent and Medway network: their committees, cabinets, people and logins.

Every row is found by its natural key before it is created or changed (`upsert`), so loading the
demo again restores it without duplicating anything; rows already as scripted are not saved
again, which keeps their change history clean. All names except Cllr Hooper's are invented.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from scraip.common.softdelete import restore
from scraip.councils.models import Authority, Committee, Person, Portfolio, PortfolioTerm

PASSWORD = "scraip-demo-2026"

KENT = "Kent County Council"

MEDWAY = "Medway Council"

MAIDSTONE = "Maidstone Borough Council"

SWALE = "Swale Borough Council"

TUNBRIDGE_WELLS = "Tunbridge Wells Borough Council"
# The councils whose impact reports the demo network compares (Authority.compares_impact).
SHARING_IMPACT = (KENT, MAIDSTONE, MEDWAY)

STRATEGIC = "Strategic Leadership Overview and Scrutiny Committee"

CORPORATE = "Corporate Services Overview and Scrutiny Committee"

LEADER = "Leader of the Council"

CORPORATE_SERVICES = "Cabinet Member for Corporate Services"

COUNCILLOR = Person.Kind.COUNCILLOR

OFFICER = Person.Kind.OFFICER


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    committees: tuple[str, ...]
    leader: str
    leader_group: str
    leader_since: datetime.date
    response_period_days: int | None = None  # None: the statutory two months


@dataclass(frozen=True)
class Member:
    authority: str
    name: str
    kind: str
    political_group: str = ""
    job_title: str = ""
    in_scrutiny_team: bool = False
    is_council_admin: bool = False


@dataclass(frozen=True)
class CabinetPost:
    authority: str
    title: str
    holder: str
    since: datetime.date


@dataclass(frozen=True)
class Login:
    username: str
    person: str | None  # None for the administrator, who is no one at a council
    role: str
    is_admin: bool = False
    authority: str = MAIDSTONE


COUNCILS = (
    Council(
        KENT,
        "Kent",
        ("Scrutiny Board",),
        "Roger Blean",
        "Conservative",
        datetime.date(2021, 5, 27),
        response_period_days=28,
    ),
    Council(
        MEDWAY,
        "Medway",
        ("Business Support Overview and Scrutiny Committee",),
        "Alan Mercer",
        "Labour",
        datetime.date(2023, 5, 24),
    ),
    Council(
        MAIDSTONE,
        "Maidstone",
        (STRATEGIC, CORPORATE),
        "Eleanor Whitcombe",
        "Conservative",
        datetime.date(2007, 5, 1),
    ),
    Council(
        SWALE,
        "Swale",
        ("Scrutiny Committee",),
        "Howard Deane",
        "Independent",
        datetime.date(2023, 5, 24),
    ),
    Council(
        TUNBRIDGE_WELLS,
        "Tunbridge Wells",
        ("Overview and Scrutiny Committee",),
        "Julia Penfold",
        "Liberal Democrat",
        datetime.date(2023, 5, 24),
    ),
    Council(
        "Ashford Borough Council",
        "Ashford",
        ("Overview and Scrutiny Committee",),
        "Nigel Ward",
        "Conservative",
        datetime.date(2023, 5, 24),
    ),
    Council(
        "Tonbridge and Malling Borough Council",
        "Tonbridge and Malling",
        ("Overview and Scrutiny Committee",),
        "Susan Barrow",
        "Conservative",
        datetime.date(2023, 5, 24),
    ),
)

PEOPLE = (
    Member(MAIDSTONE, "Pat Hooper", COUNCILLOR, political_group="Conservative"),
    Member(MAIDSTONE, "Daniel Forsyth", COUNCILLOR, political_group="Liberal Democrat"),
    Member(MAIDSTONE, "Grace Okonjo", COUNCILLOR, political_group="Labour"),
    Member(MAIDSTONE, "Ian Petts", COUNCILLOR, political_group="Independent"),
    Member(
        MAIDSTONE,
        "Nadia Okafor",
        OFFICER,
        job_title="Overview and Scrutiny Officer",
        in_scrutiny_team=True,
    ),
    Member(
        MAIDSTONE,
        "Martin Greaves",
        OFFICER,
        job_title="Head of Overview and Scrutiny",
        in_scrutiny_team=True,
        is_council_admin=True,
    ),
    Member(
        MAIDSTONE, "Helen Ashworth", OFFICER, job_title="Director of Change and Support Services"
    ),
    Member(MAIDSTONE, "Tom Pearce", OFFICER, job_title="Head of Policy and Performance"),
    Member(MAIDSTONE, "Priya Lal", OFFICER, job_title="Head of Communications"),
    Member(SWALE, "Megan Rowe", OFFICER, job_title="Scrutiny Officer", in_scrutiny_team=True),
    Member(SWALE, "Keith Morland", COUNCILLOR, political_group="Labour"),
    Member(
        TUNBRIDGE_WELLS, "Owen Marsh", OFFICER, job_title="Scrutiny Officer", in_scrutiny_team=True
    ),
    Member(
        KENT, "Kate Lydden", OFFICER, job_title="Scrutiny Research Officer", in_scrutiny_team=True
    ),
    Member(KENT, "Ravi Dhillon", OFFICER, job_title="Head of Democratic Services"),
)

CABINET = (CabinetPost(MAIDSTONE, CORPORATE_SERVICES, "Pat Hooper", datetime.date(2007, 5, 1)),)

LOGINS = (
    Login("officer", "Nadia Okafor", f"scrutiny officer, {MAIDSTONE}"),
    Login("leader", "Eleanor Whitcombe", f"cabinet member (Leader of the Council), {MAIDSTONE}"),
    Login("hooper", "Pat Hooper", f"cabinet member ({CORPORATE_SERVICES}), {MAIDSTONE}"),
    Login("councillor", "Daniel Forsyth", f"backbench councillor, {MAIDSTONE}"),
    Login("lead", "Tom Pearce", f"lead officer (Head of Policy and Performance), {MAIDSTONE}"),
    Login("setup", "Martin Greaves", f"council administrator, {MAIDSTONE}"),
    # Medway's scrutiny officer and council administrator: set up through the setup
    # spreadsheets (scraip.demo.medway), so their person is linked there, not below.
    Login("medway", None, f"scrutiny officer and council administrator, {MEDWAY}"),
    Login("admin", None, "service administrator (superuser)", is_admin=True),
)


def upsert(model, values: dict, *, validate: bool = True, **keys):
    """Find the row by its natural key; create it, or save it only if a value has changed.

    A row is checked by its model's rules (full_clean) before it is written, as a form would
    check it. The base manager also finds soft-deleted rows: one the app has deleted is
    restored through the soft-delete mechanism, with what was deleted with it, rather than
    duplicated (or refused by a unique constraint).
    """
    row = model._base_manager.filter(**keys).first()
    if row is None:
        row = model(**keys, **values)
    elif getattr(row, "is_deleted", False):
        restore(record=row)
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    if row.pk is None or changed:
        if validate:
            row.full_clean()
        row.save()
    return row


def load_councils() -> None:
    for council in COUNCILS:
        authority = upsert(
            Authority,
            {
                "short_name": council.short_name,
                "response_period_days": council.response_period_days,
                # Three councils share their impact reports: the network comparison's demo.
                "compares_impact": council.name in SHARING_IMPACT,
            },
            name=council.name,
        )
        for name in council.committees:
            upsert(Committee, {}, authority=authority, name=name)
        leader = Member(council.name, council.leader, COUNCILLOR, council.leader_group)
        load_person(leader)
        load_cabinet_post(CabinetPost(council.name, LEADER, council.leader, council.leader_since))


def load_people() -> None:
    for member in PEOPLE:
        load_person(member)
    for post in CABINET:
        load_cabinet_post(post)


def load_person(member: Member) -> Person:
    values = {
        "kind": member.kind,
        "political_group": member.political_group,
        "job_title": member.job_title,
        "in_scrutiny_team": member.in_scrutiny_team,
        "is_council_admin": member.is_council_admin,
        "user": login_user(member),
    }
    return upsert(Person, values, authority=authority_named(member.authority), name=member.name)


def load_cabinet_post(post: CabinetPost) -> None:
    authority = authority_named(post.authority)
    portfolio = upsert(Portfolio, {}, authority=authority, title=post.title)
    holder = person_named(authority, post.holder)
    upsert(
        PortfolioTerm, {"ends_on": None}, portfolio=portfolio, holder=holder, starts_on=post.since
    )


def load_users() -> None:
    for login in LOGINS:
        load_user(login)


def load_user(login: Login):
    user, _ = get_user_model().objects.get_or_create(username=login.username)
    user.email = f"{login.username}@example.gov.uk"
    user.is_active = True
    user.is_staff = user.is_superuser = login.is_admin
    if not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
    user.save()
    return user


def authority_named(name: str) -> Authority:
    return Authority.objects.get(name=name)


def person_named(authority: Authority, name: str) -> Person | None:
    return Person.objects.get(authority=authority, name=name) if name else None


def login_user(member: Member):
    for login in LOGINS:
        if (login.authority, login.person) == (member.authority, member.name):
            return user_named(login.username)
    return None


def user_named(username: str):
    return get_user_model().objects.get(username=username)
