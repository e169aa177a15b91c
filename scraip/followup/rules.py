"""Who may follow up what, as rules predicates: progress updates, verdicts and target dates
of recommendation parts (the permissions FollowedPart.progress_permissions names), dashboards
and calendar feeds."""

import rules

from scraip.councils.rules import (
    has_person,
    is_admin,
    is_cabinet_member,
    is_officer,
    is_scrutiny_officer,
    person_of,
)
from scraip.plans.rules import officer_of_part_authority


@rules.predicate
def item_is_followed(user, part):
    """Progress is reported on accepted items of plans that have gone to the cabinet."""
    return bool(part) and part.is_trackable and not part.recommendation.action_plan.is_draft


@rules.predicate
def leads_item(user, item):
    person = person_of(user)
    lead = item.progress_lead() if item else None
    return bool(person and lead and lead.pk == person.pk)


@rules.predicate
def officer_of_update_authority(user, update):
    person = person_of(user)
    item = update.item if update else None
    return bool(
        item and is_scrutiny_officer(user) and person.authority_id == item.tracked_authority_id
    )


@rules.predicate
def reported_or_entered_update(user, update):
    person = person_of(user)
    return bool((person and update.reported_by_id == person.pk) or update.entered_by_id == user.pk)


rules.add_perm(
    "followup.report_progress",
    item_is_followed & (is_admin | officer_of_part_authority | leads_item),
)
rules.add_perm(
    "followup.change_target_date",
    item_is_followed & (is_admin | officer_of_part_authority | leads_item),
)
rules.add_perm("followup.record_verdict", item_is_followed & (is_admin | officer_of_part_authority))
rules.add_perm(
    "followup.change_progressupdate",
    is_admin | officer_of_update_authority | reported_or_entered_update,
)
rules.add_perm("followup.list_updates_owed", is_admin | is_officer)
rules.add_perm("followup.view_officer_dashboard", is_admin | is_scrutiny_officer)
rules.add_perm("followup.view_cabinet_dashboard", is_admin | is_cabinet_member)
rules.add_perm("followup.view_lead_dashboard", is_admin | is_officer)
rules.add_perm("followup.use_calendar_feeds", is_admin | has_person)
