"""Who someone is at a council, as rules predicates, and the meeting permissions.

Roles come from the signed-in user's Person: a council administrator sets up its own council
(committees, portfolios, people, sign-ins); a scrutiny officer (an officer in the scrutiny
team) works on their own authority's records; a cabinet member holds a portfolio today; every
councillor and officer of an authority reads its records. Superusers (the service's
administrators) may do everything.
"""

import rules

from .models import Authority, Person, Portfolio


def person_of(user):
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


@rules.predicate
def has_person(user):
    return person_of(user) is not None


@rules.predicate
def is_scrutiny_officer(user):
    person = person_of(user)
    return bool(person and person.kind == Person.Kind.OFFICER and person.in_scrutiny_team)


def portfolios_held(person) -> frozenset[int]:
    """The ids of the portfolios `person` holds today. Asked by the header on every page (the
    "Awaiting response" link), by permissions and by the cabinet member's pages: read once a
    request, as the signed-in user, and so their person, is loaded afresh for each request."""
    if "_portfolios_held" not in person.__dict__:
        held = Portfolio.objects.held_by(person).values_list("pk", flat=True)
        person._portfolios_held = frozenset(held)
    return person._portfolios_held


@rules.predicate
def is_cabinet_member(user):
    person = person_of(user)
    return bool(person and portfolios_held(person))


@rules.predicate
def is_officer(user):
    person = person_of(user)
    return bool(person and person.kind == Person.Kind.OFFICER)


@rules.predicate
def belongs_to_meeting_authority(user, meeting):
    person = person_of(user)
    return bool(person and meeting and person.authority_id == meeting.committee.authority_id)


@rules.predicate
def is_council_admin(user):
    person = person_of(user)
    return bool(person and person.is_council_admin and person.authority_id)


@rules.predicate
def administers(user, authority):
    """The user is the council administrator of this authority (a Person flag, not staff)."""
    person = person_of(user)
    return bool(
        person and person.is_council_admin and authority and person.authority_id == authority.pk
    )


def administered_authorities(user):
    """The councils whose setup pages this user may open: all for a superuser, their own for
    its council administrator, none for anyone else."""
    if user.is_superuser:
        return Authority.objects.all()
    person = person_of(user)
    if person is None or not person.is_council_admin:
        return Authority.objects.none()
    return Authority.objects.filter(pk=person.authority_id)


def authorities_for(user):
    """The councils whose records this user works with."""
    if user.is_superuser:
        return Authority.objects.all()
    return Authority.objects.filter(pk__in=authority_ids_for(user))


def authority_ids_for(user) -> list[int]:
    """The primary keys of authorities_for(user), known without a query except for a superuser.
    For the pages that filter many rows by council: SQLite seeks its index on a list of keys,
    but scans every row against a subquery."""
    if user.is_superuser:
        return list(Authority.objects.values_list("pk", flat=True))
    person = person_of(user)
    return [person.authority_id] if person else []


is_admin = rules.is_superuser
officer_of_meeting = is_scrutiny_officer & belongs_to_meeting_authority

rules.add_perm("councils.list_meetings", is_admin | has_person)
rules.add_perm("councils.add_meeting", is_admin | is_scrutiny_officer)
rules.add_perm("councils.view_meeting", is_admin | belongs_to_meeting_authority)
rules.add_perm("councils.change_meeting", is_admin | officer_of_meeting)

# Setting up a council: its committees, portfolios and their holders, people and sign-ins.
rules.add_perm("councils.setup", is_admin | is_council_admin)
rules.add_perm("councils.administer_authority", is_admin | administers)
