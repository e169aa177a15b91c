"""Published action plans, for anyone: no sign-in.

Which plans are public is one rule, asked of the database (ActionPlan.objects.published): a
draft, a plan the council has not yet published, a withdrawn plan and a deleted one all answer
404, the same 404 as a plan that never existed, so no page shows that a draft exists. Of people
the pages show names and roles only, never an email address or telephone number; of the
follow-up they show statuses, dates and the committee's verdicts, never the progress narratives
or notes, which can name staff and residents and stay in the signed-in pages.
"""

from collections import Counter

from django.db.models import OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from scraip.common.softdelete import live_through
from scraip.councils.models import Authority, PortfolioTerm
from scraip.plans.filters import PublishedPlanFilter
from scraip.plans.models import ActionPlan
from scraip.plans.models.plans import count_of

from ..models import FollowedPart
from ..models.state import attach_latest


@require_safe
def public_councils(request):
    """Permission: none (public). The councils that have published action plans."""
    published = ActionPlan.objects.published().filter(authority=OuterRef("pk"))
    councils = (
        Authority.objects.annotate(published_count=count_of(published))
        .filter(published_count__gt=0)
        .order_by("name")
    )
    return render(request, "followup/public/councils.html", {"councils": councils})


class PublicPlanListView(FilterView):
    """Permission: none (public). A council's published plans, by committee, municipal year,
    the cabinet's decisions and status."""

    filterset_class = PublishedPlanFilter
    paginate_by = 25
    template_name = "followup/public/plans.html"

    def dispatch(self, request, *args, **kwargs):
        self.authority = get_object_or_404(Authority, pk=kwargs["authority"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            ActionPlan.objects.published()
            .filter(authority=self.authority)
            .select_related("committee")
            .with_counts()
            .order_by("-publication_date", "title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "authority": self.authority}

    def get_context_data(self, **kwargs):
        return super().get_context_data(authority=self.authority, **kwargs)


@require_safe
def public_plan(request, pk):
    """Permission: none (public). One published plan: its recommendations, the cabinet's
    decisions, explanations and timetable, each item's progress status and the committee's
    verdict, and the report-back dates."""
    plan = get_object_or_404(
        ActionPlan.objects.published().select_related("authority", "committee"), pk=pk
    )
    items = list(
        FollowedPart.objects.filter(
            live_through("recommendation"), recommendation__action_plan=plan
        )
        .select_related("recommendation__portfolio", "response")
        .prefetch_related(
            Prefetch(
                "recommendation__portfolio__terms",
                queryset=PortfolioTerm.objects.select_related("holder"),
            )
        )
        .with_state()
        .order_by("recommendation__position", "recommendation_id", "position", "pk")
    )
    attach_latest(items)
    decisions = Counter(
        item.current_response.get_decision_display() for item in items if item.current_response
    )
    return render(
        request,
        "followup/public/plan.html",
        {
            "plan": plan,
            "items": items,  # in recommendation order: the page groups them by recommendation
            "report_backs": plan.report_backs.select_related("meeting__committee"),
            "decisions": sorted(decisions.items()),
        },
    )
