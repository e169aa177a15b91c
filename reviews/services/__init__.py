"""Review workflows and the rules that look across rows, each in one transaction.

Every caller goes through these: the pages, the Django admin and the demo loader. A `*_check`
raises ValidationError (by field) for what the rules refuse; an `*_errors` gives, for a list of
rows, what is wrong with each; the other functions save, and refuse what the checks refuse.
"""

from .common import rows_renumber
from .costs import review_costs_errors, review_costs_save
from .evidence import (
    activity_parts_check,
    activity_parts_save,
    activity_planned_check,
    activity_save,
    activity_witnesses_save,
)
from .members import review_members_errors, review_members_remit_problem, review_members_save
from .plans import review_create_action_plan
from .reviews import (
    review_change_status,
    review_create,
    review_officers_check,
    review_officers_save,
    review_save,
    review_scope_check,
    review_status_check,
)

__all__ = [
    "activity_parts_check",
    "activity_parts_save",
    "activity_planned_check",
    "activity_save",
    "activity_witnesses_save",
    "review_change_status",
    "review_costs_errors",
    "review_costs_save",
    "review_create",
    "review_create_action_plan",
    "review_members_errors",
    "review_members_remit_problem",
    "review_members_save",
    "review_officers_check",
    "review_officers_save",
    "review_save",
    "review_scope_check",
    "review_status_check",
    "rows_renumber",
]
