"""A recommendation part as a tracked item: how the follow-up engine sees the plans app's
answerable unit once the cabinet has accepted it."""

from django.db.models import Prefetch, Q
from django.urls import reverse

from scraip.common.softdelete import all_rows, deleted_rows, live_rows
from scraip.councils.models import PortfolioTerm
from scraip.plans.models import (
    ActionPlan,
    RecommendationPart,
    RecommendationPartQuerySet,
    ReportBack,
    Response,
)

from .progress import progress_prefetches
from .tracked import Fact, ItemPermissions, Passage, TrackedItem


class FollowedPartQuerySet(RecommendationPartQuerySet):
    def with_progress(self):
        """Updates, verdicts and target date changes of every item in three queries."""
        return self.prefetch_related(*progress_prefetches())

    def followed(self):
        """Accepted items of plans that have gone to the cabinet, in plan order, with
        everything a list of them prints: plan, portfolio and its holders, response and lead
        officer, open report-backs, progress. Narrow it with .filter() before it is read."""
        open_report_backs = ReportBack.objects.filter(completed=False).select_related("meeting")
        return (
            self.trackable()
            .exclude(recommendation__action_plan__status=ActionPlan.Status.DRAFT)
            .select_related(
                "recommendation__action_plan__committee",
                "recommendation__action_plan__authority",
                "recommendation__portfolio",
                "response__lead_officer",
            )
            .prefetch_related(
                Prefetch(
                    "recommendation__action_plan__report_backs",
                    queryset=open_report_backs.order_by("sequence"),
                    to_attr="open_report_backs",
                ),
                Prefetch(
                    "recommendation__portfolio__terms",
                    queryset=PortfolioTerm.objects.select_related("holder"),
                ),
            )
            .order_by(
                "recommendation__action_plan__publication_date",
                "recommendation__action_plan_id",
                "recommendation__position",
                "recommendation_id",
                "position",
            )
            .with_progress()
        )

    def of_plan(self, plan):
        return self.filter(recommendation__action_plan=plan)

    def of_committee(self, committee):
        return self.filter(recommendation__action_plan__committee=committee)

    def of_authorities(self, authorities):
        return self.filter(recommendation__action_plan__authority__in=authorities)

    def led_by(self, person):
        return self.filter(response__lead_officer=person)


class FollowedPart(TrackedItem, RecommendationPart):
    """A recommendation part as the committee follows it once the cabinet has accepted it.

    The same row as plans.RecommendationPart (a proxy: no table of its own), with the progress
    relations and the tracked-item interface, so the plans app knows nothing of follow-up. Its
    target date is its response's timetable and its lead is the response's lead officer.
    """

    target_fields = ("timetable", "timetable_precision")
    progress_permissions = ItemPermissions(
        view="plans.view_actionplan",
        report="followup.report_progress",
        target="followup.change_target_date",
        verdict="followup.record_verdict",
        edit_update="followup.change_progressupdate",
    )
    on_meeting_agenda = True

    objects = live_rows(FollowedPartQuerySet)
    all_objects = all_rows(FollowedPartQuerySet)
    deleted_objects = deleted_rows(FollowedPartQuerySet)

    class Meta:
        proxy = True

    def __str__(self):
        return RecommendationPart.__str__(self)

    @property
    def takes_progress(self) -> bool:
        return self.is_trackable

    def progress_lead(self):
        response = self.current_response
        return response.lead_officer if response else None

    def target_record(self):
        return self.current_response

    @property
    def plan(self) -> ActionPlan:
        return self.recommendation.action_plan

    @property
    def tracked_authority_id(self) -> int:
        return self.plan.authority_id

    @property
    def tracked_parent(self) -> ActionPlan:
        return self.plan

    @property
    def tracked_caption(self) -> str:
        return self.plan.title

    def tracked_breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            ("Home", reverse("plans:home")),
            (self.plan.title, self.plan.get_absolute_url()),
            ("Progress", reverse("followup:plan_tracker", args=[self.plan.pk])),
        ]

    def tracked_passages(self) -> list[Passage]:
        passages = [Passage(self.recommendation.text)]
        if self.numeral:
            passages.append(Passage(self.text, lead=f"({self.numeral})"))
        return passages

    def tracked_facts(self) -> list[Fact]:
        response = self.current_response
        return [
            Fact(
                "Response",
                response.get_decision_display(),
                colour=Response.Decision.colour_of(response.decision),
            ),
            Fact("Action", response.action, pre_line=True),
            Fact("Lead officer", str(response.lead_officer)),
        ]

    def tracked_task(self) -> Passage:
        return Passage(self.current_response.action, lead="Action:")

    def report_backs_open(self, update=None):
        own = update.report_back_id if update is not None else None
        return self.plan.report_backs.filter(Q(completed=False) | Q(pk=own)).select_related(
            "meeting"
        )

    def report_back_at(self, meeting):
        return self.plan.report_backs.filter(meeting=meeting).first()

    def after_verdict(self) -> None:
        """The plan closes when its last open item is closed, and reopens with it."""
        from scraip.followup.services import action_plan_refresh_closure  # services use models

        action_plan_refresh_closure(plan_id=self.plan.pk)

    @classmethod
    def for_progress_pages(cls):
        return cls.objects.select_related(
            "recommendation__action_plan__authority",
            "recommendation__action_plan__committee",
            "recommendation__portfolio",
            "response__lead_officer",
        )
