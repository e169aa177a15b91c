"""Who may do what with the partnership register. Every view names one of these permissions.

The register of a council is read by its councillors and officers; the public register (no
permission at all) shows only published partnerships that meet the definition. The council's
scrutiny officers keep the register: they add, publish, delete and rank partnerships and set the
definition and the protocol checklist. A partnership's lead officer keeps its record up to date:
risk assessments and exit strategies are theirs to write (seed 001, recommendation E). Progress
on an outcome is reported by its lead officer or a scrutiny officer, as for SCRAIP items.
"""

import rules

from scraip.councils.rules import has_person, is_scrutiny_officer, person_of


@rules.predicate
def belongs_to_partnership_authority(user, partnership):
    person = person_of(user)
    return bool(person and partnership and person.authority_id == partnership.authority_id)


@rules.predicate
def leads_partnership(user, partnership):
    person = person_of(user)
    return bool(person and partnership and partnership.lead_officer_id == person.pk)


@rules.predicate
def leads_outcome(user, outcome):
    person = person_of(user)
    return bool(person and outcome and outcome.lead_id == person.pk)


@rules.predicate
def officer_of_outcome_authority(user, outcome):
    person = person_of(user)
    return bool(
        outcome
        and is_scrutiny_officer(user)
        and person.authority_id == outcome.partnership.authority_id
    )


@rules.predicate
def may_change_outcome_partnership(user, outcome):
    return bool(outcome) and leads_partnership(user, outcome.partnership)


is_admin = rules.is_superuser
keeps_register = is_scrutiny_officer & belongs_to_partnership_authority

rules.add_perm("partnerships.view_register", is_admin | has_person)
rules.add_perm("partnerships.manage_register", is_admin | is_scrutiny_officer)
rules.add_perm("partnerships.view_partnership", is_admin | belongs_to_partnership_authority)
rules.add_perm("partnerships.add_partnership", is_admin | is_scrutiny_officer)
rules.add_perm("partnerships.change_partnership", is_admin | keeps_register | leads_partnership)
rules.add_perm("partnerships.publish_partnership", is_admin | keeps_register)
rules.add_perm("partnerships.delete_partnership", is_admin | keeps_register)
rules.add_perm(
    "partnerships.report_progress",
    is_admin | officer_of_outcome_authority | leads_outcome | may_change_outcome_partnership,
)
rules.add_perm("partnerships.record_verdict", is_admin | officer_of_outcome_authority)


@rules.predicate
def officer_of_update_outcome_authority(user, update):
    return bool(update) and officer_of_outcome_authority(user, update.subject)


@rules.predicate
def reported_or_entered_update(user, update):
    person = person_of(user)
    return bool(
        update
        and ((person and update.reported_by_id == person.pk) or update.entered_by_id == user.pk)
    )


rules.add_perm(
    "partnerships.change_progressupdate",
    is_admin | officer_of_update_outcome_authority | reported_or_entered_update,
)
