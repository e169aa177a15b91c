"""Who may do what, as rules predicates. Every view names one of these permissions.

Roles come from the signed-in user's Person: a scrutiny officer (an officer in the scrutiny
team) works on their own authority's plans; a cabinet member answers the recommendations of the
portfolios they currently hold; every councillor and officer of an authority reads its plans once
they have gone to the cabinet. Superusers (the service's administrators) may do everything.
"""

import rules

from .models import Person, Portfolio


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


@rules.predicate
def is_cabinet_member(user):
    person = person_of(user)
    return bool(person and Portfolio.objects.held_by(person).exists())


@rules.predicate
def belongs_to_plan_authority(user, plan):
    person = person_of(user)
    return bool(person and plan and person.authority_id == plan.authority_id)


@rules.predicate
def plan_is_sent(user, plan):
    return bool(plan) and not plan.is_draft


@rules.predicate
def plan_is_open_for_responses(user, part):
    """Answers may be corrected until the cabinet's response is complete; after that they are
    the council's record and stay as given (every earlier wording is kept in their history)."""
    return part.recommendation.action_plan.awaits_response


@rules.predicate
def officer_of_part_authority(user, part):
    return is_scrutiny_officer(user) and belongs_to_plan_authority(
        user, part.recommendation.action_plan
    )


@rules.predicate
def holds_part_portfolio(user, part):
    person = person_of(user)
    portfolio_id = part.recommendation.portfolio_id
    return bool(
        person
        and portfolio_id
        and Portfolio.objects.held_by(person).filter(pk=portfolio_id).exists()
    )


is_admin = rules.is_superuser
officer_of_plan = is_scrutiny_officer & belongs_to_plan_authority

rules.add_perm("scraip.add_actionplan", is_admin | is_scrutiny_officer)
rules.add_perm("scraip.change_actionplan", is_admin | officer_of_plan)
rules.add_perm(
    "scraip.view_actionplan",
    is_admin | officer_of_plan | (belongs_to_plan_authority & plan_is_sent),
)
rules.add_perm("scraip.list_actionplans", is_admin | has_person)
rules.add_perm("scraip.list_awaiting_response", is_admin | is_cabinet_member | is_scrutiny_officer)
rules.add_perm(
    "scraip.respond_to_part",
    plan_is_open_for_responses & (is_admin | holds_part_portfolio | officer_of_part_authority),
)


# Follow-up: meetings, progress updates, verdicts, dashboards and calendar feeds.


@rules.predicate
def is_officer(user):
    person = person_of(user)
    return bool(person and person.kind == Person.Kind.OFFICER)


@rules.predicate
def belongs_to_meeting_authority(user, meeting):
    person = person_of(user)
    return bool(person and meeting and person.authority_id == meeting.committee.authority_id)


@rules.predicate
def item_is_followed(user, part):
    """Progress is reported on accepted items of plans that have gone to the cabinet."""
    return bool(part) and part.is_trackable and not part.recommendation.action_plan.is_draft


@rules.predicate
def leads_item(user, part):
    person = person_of(user)
    lead = part.progress_lead() if part else None
    return bool(person and lead and lead.pk == person.pk)


@rules.predicate
def officer_of_update_authority(user, update):
    person = person_of(user)
    return bool(
        is_scrutiny_officer(user)
        and person.authority_id == update.subject.recommendation.action_plan.authority_id
    )


@rules.predicate
def reported_or_entered_update(user, update):
    person = person_of(user)
    return bool((person and update.reported_by_id == person.pk) or update.entered_by_id == user.pk)


officer_of_meeting = is_scrutiny_officer & belongs_to_meeting_authority

rules.add_perm("scraip.list_meetings", is_admin | has_person)
rules.add_perm("scraip.add_meeting", is_admin | is_scrutiny_officer)
rules.add_perm("scraip.view_meeting", is_admin | belongs_to_meeting_authority)
rules.add_perm("scraip.change_meeting", is_admin | officer_of_meeting)
rules.add_perm(
    "scraip.report_progress",
    item_is_followed & (is_admin | officer_of_part_authority | leads_item),
)
rules.add_perm(
    "scraip.change_target_date",
    item_is_followed & (is_admin | officer_of_part_authority | leads_item),
)
rules.add_perm("scraip.record_verdict", item_is_followed & (is_admin | officer_of_part_authority))
rules.add_perm(
    "scraip.change_progressupdate",
    is_admin | officer_of_update_authority | reported_or_entered_update,
)
rules.add_perm("scraip.list_updates_owed", is_admin | is_officer)
rules.add_perm("scraip.view_officer_dashboard", is_admin | is_scrutiny_officer)
rules.add_perm("scraip.view_cabinet_dashboard", is_admin | is_cabinet_member)
rules.add_perm("scraip.view_lead_dashboard", is_admin | is_officer)
rules.add_perm("scraip.use_calendar_feeds", is_admin | has_person)
