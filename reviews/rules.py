"""Who may do what with reviews. Every view names one of these permissions.

A review is read by the councillors and officers of every council taking part in it, which is
how a joint review is shared between councils. It is changed by its lead and supporting officers,
whichever council employs them, and by the scrutiny officers of its lead authority. Everyone in
the network sees the work programmes: titles, aims and status, never the papers.
"""

import rules

from scraip.councils.rules import has_person, is_scrutiny_officer, person_of


@rules.predicate
def belongs_to_participating_authority(user, review):
    person = person_of(user)
    return bool(person and review and person.authority_id in review.participating_authority_ids)


@rules.predicate
def supports_review(user, review):
    person = person_of(user)
    return bool(
        person
        and review
        and (person.pk == review.lead_officer_id or person.pk in review.supporting_officer_ids)
    )


@rules.predicate
def scrutiny_officer_of_lead_authority(user, review):
    person = person_of(user)
    return bool(
        review and is_scrutiny_officer(user) and person.authority_id == review.lead_authority_id
    )


@rules.predicate
def officer_of_lead_authority(user, review):
    person = person_of(user)
    return bool(person and review and person.authority_id == review.lead_authority_id)


is_admin = rules.is_superuser

# Review.objects.visible_to and changeable_by ask the same in the database (tested alike).
can_view_review = is_admin | belongs_to_participating_authority | supports_review
can_change_review = is_admin | supports_review | scrutiny_officer_of_lead_authority

rules.add_perm("reviews.add_review", is_admin | is_scrutiny_officer)
rules.add_perm("reviews.view_review", can_view_review)
rules.add_perm("reviews.change_review", can_change_review)
# A joint review's lead council and the councils taking part are the lead council's to change:
# a partner council's officer cannot make their own council the lead, or drop the lead.
lead_council_changes = is_admin | (can_change_review & officer_of_lead_authority)
rules.add_perm("reviews.change_review_councils", lead_council_changes)
# So are the members from councils other than one's own: a partner council's officer adds and
# removes only their own council's councillors (services.review_members_remit_problem).
rules.add_perm("reviews.change_other_councils_members", lead_council_changes)
# The shared work programmes, the summary of any review in them, and the directory of witnesses.
rules.add_perm("reviews.view_programmes", is_admin | has_person)
