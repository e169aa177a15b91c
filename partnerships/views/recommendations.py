"""A recommendation's partnerships, seen from the recommendation: the core's pages know nothing
of partnerships, so this page, owned by the register, shows and changes which partnerships a
recommendation concerns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from scraip.common.views import saved, submitted
from scraip.plans.models import ActionPlan, Recommendation

from .. import services
from ..forms import RecommendationLinksForm
from ..models import Partnership


@login_required
def recommendation_partnerships(request, pk):
    """Permission: plans.view_actionplan on the recommendation's plan to read (404 otherwise);
    plans.change_actionplan to change the links (403 on a post without it)."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("action_plan__authority").prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.with_definition())
        ),
        pk=pk,
        action_plan__in=ActionPlan.objects.all(),  # a deleted plan's recommendations went with it
    )
    plan = recommendation.action_plan
    if not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404("No recommendation found")
    can_change = request.user.has_perm("plans.change_actionplan", plan)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = None
    if can_change:
        form = RecommendationLinksForm(request.POST or None, recommendation=recommendation)
        if submitted(request, form) and saved(
            form,
            lambda: services.recommendation_links_change(
                recommendation=recommendation, **form.changes()
            ),
        ):
            messages.success(request, f"Partnerships of {recommendation} saved.")
            return redirect("partnerships:recommendation", recommendation.pk)
    return render(
        request,
        "partnerships/recommendation.html",
        {"recommendation": recommendation, "plan": plan, "form": form},
    )
