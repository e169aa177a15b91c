"""A recommendation part as a tracked item: how the follow-up engine sees the plans app's
answerable unit once the cabinet has accepted it."""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from scraip.common.fuzzydates import format_fuzzy_date
from scraip.common.softdelete import all_rows, deleted_rows, live_rows, live_through
from scraip.councils.models import Committee
from scraip.plans.models import (
    ActionPlan,
    RecommendationPart,
    RecommendationPartQuerySet,
    ReportBack,
    Response,
)

from .itemstate import NextReportBack
from .progress import Verdict
from .state import (
    PAUSED,
    about_outer_item,
    attention_q,
    count_standings,
    flag,
    is_open,
    updates_newest_first,
    with_state,
)
from .tracked import Fact, ItemPermissions, Passage, TrackedItem

COMMITTEE = "recommendation__action_plan__committee"


def closed_before(sequence) -> Exists:
    """Closed by the committee at a report-back of its plan before the one numbered `sequence`
    (a number, or an expression such as OuterRef("agenda_sequence")), or by a verdict at a
    meeting the plan did not report back to: an item no longer due at that report-back."""
    closing = about_outer_item(Verdict, FollowedPart).filter(
        Q(report_back__isnull=True) | Q(report_back__sequence__lt=sequence),
        verdict=Verdict.Kind.CLOSED,
    )
    return Exists(closing)


def owes_update_q() -> Q:
    """Open and not paused, with a report-back of its plan still to come, and no update yet for
    the first of them (`next_report_back_pk`)."""
    # The next report-back is looked up inside the test, not taken from the outer row's join:
    # compared with an outer column, PostgreSQL may hash every update of every item once to
    # answer it (a whole-table read of the updates), where a lookup keeps it an index seek per
    # item.
    next_report_back = NextReportBack.objects.filter(
        action_plan=OuterRef(OuterRef("recommendation__action_plan"))
    ).values("report_back_pk")
    updated_for_next = updates_newest_first(FollowedPart).filter(
        report_back=Subquery(next_report_back)
    )
    return (
        Q(next_report_back_pk__isnull=False)
        & ~Q(latest_status=PAUSED)
        & ~Exists(updated_for_next)
        & is_open()
    )


def awaiting_report_q(plans=None) -> Q:
    """Items of plans with a report-back still to come (or of `plans`, a query of plan ids
    narrower than that): found by an index, so that a list of the updates owed works out no
    other item's state."""
    if plans is None:
        plans = ReportBack.objects.still_due().values("action_plan")
    return Q(recommendation__action_plan__in=plans)


class FollowedPartQuerySet(RecommendationPartQuerySet):
    def with_state(self, today: datetime.date | None = None):
        """Each item's state (state.with_state), its plan's next report-back
        (with_next_report_back), and whether the item owes an update for it (`owes_update`, see
        owes_update_q)."""
        today = today or timezone.localdate()
        return (
            with_state(self, today)
            .with_next_report_back(today)
            .annotate(owes_update=flag(owes_update_q()))
        )

    def with_next_report_back(self, today: datetime.date):
        """The plan's next report-back: the first not yet completed (`next_report_back_pk`, due
        on `next_due` with `next_due_precision`, kept by the database in
        itemstate.NextReportBack), and whether it is past (`update_overdue`)."""
        kept = "recommendation__action_plan__kept_next_report_back__"
        return self.annotate(
            next_report_back_pk=F(f"{kept}report_back_pk"),
            next_due=F(f"{kept}due_on"),
            next_due_precision=F(f"{kept}due_precision"),
        ).annotate(update_overdue=flag(Q(next_due__lt=today)))

    def following(self):
        """The items the committee follows: accepted, wholly or in part, in plans that have gone
        to the cabinet."""
        return self.trackable().exclude(recommendation__action_plan__status=ActionPlan.Status.DRAFT)

    def listed(self, today: datetime.date | None = None):
        """The followed items with their state and what a row of a list prints (plan, committee,
        portfolio, response and lead officer), in plan order. Narrow, count and slice it before
        it is read, then attach the latest records of the rows shown (state.attach_latest)."""
        return (
            self.following()
            .select_related(
                "recommendation__action_plan__committee",
                "recommendation__action_plan__authority",
                "recommendation__portfolio",
                "response__lead_officer",
            )
            .with_state(today)
            .in_follow_up_order()
        )

    def tallied(self, today: datetime.date | None = None):
        """The followed items with where each stands (state.with_state) and nothing more: what
        a chart's count (counts, standing_counts) reads. Not listed(), whose plan's next
        report-back and the joins a row prints cost the count a fifth more time on both
        databases and change none of its figures."""
        return with_state(self.following(), today)

    def shown(self, today: datetime.date | None = None):
        """What a row of a list of items prints, to read the rows a page has chosen (by id,
        views.paging): each item's state (state.with_state) and its plan's next report-back,
        its recommendation and plan, and its response with the lead officer. Not whether it
        owes an update (lists choose by it; no row prints it) nor the committee, council and
        portfolio: Django builds a third less SQL for the page's read."""
        today = today or timezone.localdate()
        return (
            with_state(self, today)
            .with_next_report_back(today)
            .select_related("recommendation__action_plan", "response__lead_officer")
        )

    def in_follow_up_order(self):
        return self.order_by(
            "recommendation__action_plan__publication_date",
            "recommendation__action_plan_id",
            "recommendation__position",
            "recommendation_id",
            "position",
        )

    def needing_attention(self, today: datetime.date | None = None):
        """Open items reported off track, or past their target date and not implemented."""
        return self.filter(attention_q(today or timezone.localdate()))

    def owing_updates(self, plans=None):
        """Open items with no update yet for their plan's next report-back, soonest first;
        among the items of `plans` (a query of plan ids) when given (awaiting_report_q)."""
        return (
            self.filter(awaiting_report_q(plans)).filter(owes_update_q()).order_by("next_due", "pk")
        )

    def first_owed_by_meetings(self, meetings, few: int) -> list[tuple[int, int, int]]:
        """For each committee's coming meeting (one a committee), the first `few` items owing
        an update by its date, soonest due first, as (item id, committee id, how many that
        committee owes in all): one query, window functions over the owed items."""
        due_by = Q()
        for meeting in meetings:
            due_by |= Q(action_plan__committee=meeting.committee_id, due_on__lte=meeting.date)
        if not due_by:
            return []
        # The plans due to report back by their committee's meeting, found first from their
        # kept next report-backs: the database then tests whether an update came in
        # (owes_update_q) only for their items, not for those of every plan of the network
        # with a report-back to come.
        plans_due = NextReportBack.objects.filter(due_by).values("action_plan")
        return list(
            self.owing_updates(plans_due)
            .annotate(
                place=Window(
                    RowNumber(),
                    partition_by=F(COMMITTEE),
                    order_by=[F("next_due").asc(), F("pk").asc()],
                ),
                owed_in_all=Window(Count("pk"), partition_by=F(COMMITTEE)),
            )
            .filter(place__lte=few)
            .values_list("pk", COMMITTEE, "owed_in_all")
        )

    def of_plan(self, plan):
        return self.filter(recommendation__action_plan=plan)

    def of_committee(self, committee):
        """Items of the plans the committee follows up: its own reports, those it made jointly
        with another committee, and those of committees whose work it took over."""
        carried = Committee.carrying_on(committee)
        plans = ActionPlan.objects.filter(
            Q(committee__in=carried) | Q(joint_committees__in=carried)
        ).values("pk")
        return self.filter(recommendation__action_plan__in=plans)

    def of_authorities(self, authorities):
        return self.filter(recommendation__action_plan__authority__in=authorities)

    def led_by(self, person):
        """The items `person` leads, as the accountable lead officer (`lead_lookup`) or as one
        of the officers supporting them. On the join to the item's response, so that the
        database starts from the person's responses (the union of two index reads) rather than
        hashing every item."""
        led = Response.objects.filter(lead_officer=person).values("pk")
        supported = Response.supporting_officers.through.objects.filter(person=person)
        responses = led.union(supported.values("response_id"))
        return self.filter(live_through("response"), response__in=responses)

    def standing_counts(self) -> dict[str, int]:
        """How many of these items stand where (models.Standing), in one query: a chart's bars."""
        return self.counts()[0]

    def counts(self, **lists: Q) -> tuple[dict[str, int], dict[str, int]]:
        """state.count_standings of these items (read with with_state)."""
        return count_standings(self, **lists)


class FollowedPart(TrackedItem, RecommendationPart):
    """A recommendation part as the committee follows it once the cabinet has accepted it.

    The same row as plans.RecommendationPart (a proxy: no table of its own), with the progress
    relations and the tracked-item interface, so the plans app knows nothing of follow-up. Its
    target date is its response's timetable and its lead is the response's lead officer.
    """

    target_fields = Response.TIMETABLE_FIELDS
    progress_permissions = ItemPermissions(
        view="plans.view_actionplan",
        report="followup.report_progress",
        target="followup.change_target_date",
        verdict="followup.record_verdict",
        edit_update="followup.change_progressupdate",
    )
    on_meeting_agenda = True
    target_lookup = "response__timetable"
    lead_lookup = "response__lead_officer"

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

    @property
    def next_due_display(self) -> str:
        """When its next report-back is due, as written (read with with_state)."""
        return format_fuzzy_date(self.next_due, self.next_due_precision)

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
        report_backs = self.plan.report_backs
        chosen = report_backs.still_due() | report_backs.filter(pk=own)
        return chosen.select_related("meeting")

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
