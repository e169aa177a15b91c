"""A plan's history as its committee reads it: the plan's own changes with those of its
report-backs and of the cabinet's answers, each naming what it is about, newest first."""

from scraip.common.history import Entry, history_entries, history_of, newest_first
from scraip.common.text import ordinal

from .models import ActionPlan, RecommendationPart, ReportBack, Response


def plan_history_entries(plan: ActionPlan) -> list[Entry]:
    """Deleted report-backs and answers included: taking one off is part of the record."""
    report_backs = ReportBack.all_objects.filter(action_plan=plan).in_bulk()
    parts = (
        RecommendationPart.all_objects.filter(recommendation__action_plan=plan)
        .select_related("recommendation")
        .in_bulk()
    )
    return newest_first(
        history_entries(plan),
        history_of(
            ReportBack,
            ReportBack.history.filter(action_plan_id=plan.pk),
            subject=lambda row: _report_back_name(report_backs.get(row.id)),
        ),
        history_of(
            Response,
            Response.history.filter(part__recommendation__action_plan_id=plan.pk),
            subject=lambda row: f"The response to {parts.get(row.part_id, 'a removed part')}",
        ),
    )


def _report_back_name(report_back: ReportBack | None) -> str:
    if report_back is None:
        return "A report-back"
    return f"The {ordinal(report_back.sequence)} report-back ({report_back.due_display})"
