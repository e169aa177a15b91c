"""A partnership's profile: everything its page, its PDF and its public entry print, read in a
fixed number of queries whatever the partnership holds."""

from dataclasses import dataclass

from django.db.models import Prefetch

from scraip.followup.progress import prefetch_progress
from scraip.plans.models import Recommendation

from .models import (
    ChecklistAnswer,
    ChecklistItem,
    CommitteeReview,
    Contribution,
    DefinitionAnswer,
    DefinitionCriterion,
    Outcome,
    Partnership,
    RegisterSettings,
    Representative,
    Risk,
)
from .totals import YearTotal, partnership_totals


def profile_queryset(queryset, *, public: bool = False):
    """Prefetch the rows of each partnership; the public profile leaves out what it never
    shows (the definition test, the checklist, links to council papers)."""
    queryset = queryset.prefetch_related(
        "partners",
        Prefetch("representatives", queryset=Representative.objects.select_related("person")),
        Prefetch("contributions", queryset=Contribution.objects.select_related("person")),
        "benefits",
        "annual_reports",
        Prefetch(
            "outcomes",
            queryset=prefetch_progress(
                Outcome.objects.select_related("lead").order_by("kind", "position", "pk")
            ),
        ),
        Prefetch("risks", queryset=Risk.objects.select_related("owner")),
        Prefetch(
            "committee_reviews",
            queryset=CommitteeReview.objects.select_related(
                "meeting__committee", "review", "report_back__action_plan"
            ),
        ),
    )
    if public:
        return queryset
    return queryset.prefetch_related(
        Prefetch("definition_answers", queryset=DefinitionAnswer.objects.all()),
        Prefetch("checklist_answers", queryset=ChecklistAnswer.objects.all()),
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("action_plan").order_by(
                "action_plan__publication_date", "action_plan_id", "position", "letter"
            ),
        ),
        "reviews",
    )


@dataclass(frozen=True)
class DefinitionRow:
    criterion: DefinitionCriterion
    answer: DefinitionAnswer | None

    @property
    def meets(self) -> bool | None:
        return None if self.answer is None else self.answer.answer == self.criterion.meets_when


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    answer: ChecklistAnswer | None


@dataclass
class Profile:
    partnership: Partnership
    register_settings: RegisterSettings
    totals: list[YearTotal]
    definition: list[DefinitionRow]
    checklist: list[ChecklistRow]

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for o in self.partnership.outcomes.all() if o.kind == Outcome.Kind.OUTCOME]

    @property
    def actions(self) -> list[Outcome]:
        return [o for o in self.partnership.outcomes.all() if o.kind == Outcome.Kind.ACTION]

    @property
    def last_review(self) -> CommitteeReview | None:
        reviews = list(self.partnership.committee_reviews.all())
        return reviews[0] if reviews else None

    @property
    def above_the_line(self) -> bool:
        return self.partnership.is_above_the_line(self.register_settings)

    @property
    def checklist_met(self) -> int:
        return sum(1 for row in self.checklist if row.answer and row.answer.status == "met")

    @property
    def checklist_applicable(self) -> int:
        return sum(
            1 for row in self.checklist if not row.answer or row.answer.status != "not_applicable"
        )


def build_profile(partnership: Partnership, *, public: bool = False) -> Profile:
    """The profile of a partnership fetched through profile_queryset (with the same `public`)."""
    register_settings = RegisterSettings.for_authority(partnership.authority_id)
    totals = partnership_totals(partnership.contributions.all(), register_settings.hours_per_day)
    definition, checklist = [], []
    if not public:
        answers = {a.criterion_id: a for a in partnership.definition_answers.all()}
        criteria = DefinitionCriterion.objects.filter(authority=partnership.authority_id)
        definition = [DefinitionRow(c, answers.get(c.pk)) for c in criteria]
        checked = {a.item_id: a for a in partnership.checklist_answers.all()}
        items = ChecklistItem.objects.filter(authority=partnership.authority_id)
        checklist = [ChecklistRow(item, checked.get(item.pk)) for item in items]
    return Profile(partnership, register_settings, totals, definition, checklist)
