"""Who may do what to action plans, as rules predicates. Every plans view names one of these.

A scrutiny officer works on their own authority's plans; a cabinet member answers the
recommendations of the portfolios they currently hold; every councillor and officer of an
authority reads its plans once they have gone to the cabinet.
"""

import rules

from scraip.councils.models import Portfolio
from scraip.councils.rules import (
    has_person,
    is_admin,
    is_cabinet_member,
    is_scrutiny_officer,
    person_of,
)

from .models import Addressee, RecommendationPart


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
def is_part_addressee(user, part):
    """The officer a recommendation is addressed to by name, or, for one addressed to the
    Cabinet as a whole, any cabinet member of the council."""
    person = person_of(user)
    recommendation = part.recommendation
    if person is None or person.authority_id != recommendation.action_plan.authority_id:
        return False
    if recommendation.addressed_to == Addressee.OFFICER:
        return recommendation.addressee_officer_id == person.pk
    if recommendation.addressed_to == Addressee.CABINET:
        return Portfolio.objects.held_by(person).exists()
    return False


@rules.predicate
def awaits_answer_by_name(user):
    """Someone a recommendation awaiting its response is addressed to by name (a director, say):
    they answer it in their own name, from "Awaiting my response". Asked by the header on
    every page, so once per request, as is_cabinet_member."""
    person = person_of(user)
    if not person or person.kind != person.Kind.OFFICER:  # only officers are addressed by name
        return False
    if "_awaits_answer_by_name" not in person.__dict__:
        person._awaits_answer_by_name = (
            RecommendationPart.objects.awaiting_response()
            .filter(
                recommendation__addressed_to=Addressee.OFFICER,
                recommendation__addressee_officer=person,
            )
            .exists()
        )
    return person._awaits_answer_by_name


@rules.predicate
def holds_part_portfolio(user, part):
    person = person_of(user)
    portfolio_id = part.recommendation.portfolio_id
    return bool(
        person
        and portfolio_id
        and Portfolio.objects.held_by(person).filter(pk=portfolio_id).exists()
    )


officer_of_plan = is_scrutiny_officer & belongs_to_plan_authority
# Answers in their own name: the portfolio holder, or whoever else it is addressed to (a named
# officer, a cabinet member for the Cabinet). A scrutiny officer answers on their behalf.
answers_in_own_name = holds_part_portfolio | is_part_addressee

rules.add_perm("plans.add_actionplan", is_admin | is_scrutiny_officer)
rules.add_perm("plans.change_actionplan", is_admin | officer_of_plan)
rules.add_perm(
    "plans.view_actionplan",
    is_admin | officer_of_plan | (belongs_to_plan_authority & plan_is_sent),
)
rules.add_perm("plans.list_actionplans", is_admin | has_person)
rules.add_perm(
    "plans.list_awaiting_response",
    is_admin | is_scrutiny_officer | is_cabinet_member | awaits_answer_by_name,
)
rules.add_perm(
    "plans.respond_to_part",
    plan_is_open_for_responses & (is_admin | answers_in_own_name | officer_of_part_authority),
)
