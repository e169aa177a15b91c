"""Pages for the SCRAIP action plans. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from django_weasyprint.views import WeasyTemplateResponse
from rules.contrib.views import PermissionRequiredMixin, permission_required

from . import services
from .audit import history_entries
from .filters import ActionPlanFilter, RecommendationFilter
from .forms import (
    ActionPlanForm,
    PartFormSet,
    RecommendationForm,
    ReportBackFormSet,
    ResponseForm,
    SendForResponseForm,
    committees_for,
)
from .models import (
    ActionPlan,
    Authority,
    Portfolio,
    PortfolioTerm,
    Recommendation,
    RecommendationPart,
    Response,
)
from .rules import person_of

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def authorities_for(user):
    """The councils whose records this user works with."""
    if user.is_superuser:
        return Authority.objects.all()
    person = person_of(user)
    return Authority.objects.filter(pk=person.authority_id if person else None)


def _get_plan_for_user(request, pk, permission="scraip.view_actionplan"):
    """A plan the user may see (404 otherwise), then 403 if they may not do `permission` to it."""
    plan = get_object_or_404(ActionPlan.objects.select_related("authority", "committee"), pk=pk)
    if not request.user.has_perm("scraip.view_actionplan", plan):
        raise Http404("No action plan found")
    if not request.user.has_perm(permission, plan):
        raise PermissionDenied
    return plan


def _get_part_for_user(request, pk):
    part = get_object_or_404(
        RecommendationPart.objects.alive().select_related(
            "recommendation__action_plan__authority",
            "recommendation__action_plan__committee",
            "recommendation__portfolio",
        ),
        pk=pk,
    )
    if not request.user.has_perm("scraip.view_actionplan", part.recommendation.action_plan):
        raise Http404("No recommendation found")
    if not request.user.has_perm("scraip.respond_to_part", part):
        raise PermissionDenied
    return part


def _held_portfolio_ids(user) -> set[int]:
    person = person_of(user)
    if not person:
        return set()
    return set(Portfolio.objects.held_by(person).values_list("pk", flat=True))


def _plan_detail_queryset(plan):
    """Everything the plan page and PDF print, in a fixed number of queries."""
    parts = RecommendationPart.objects.select_related(
        "response__lead_officer", "response__responded_by", "response__entered_by__person"
    )
    terms = PortfolioTerm.objects.select_related("holder")
    recommendations = plan.recommendations.select_related("portfolio").prefetch_related(
        Prefetch("parts", queryset=parts),
        Prefetch("portfolio__terms", queryset=terms),
    )
    return recommendations, plan.report_backs.select_related("meeting__committee")


@login_required
def home(request):
    """Permission: any signed-in user; what it shows depends on their roles."""
    person = person_of(request.user)
    held = _held_portfolio_ids(request.user)
    # Both counts in one query: the held portfolios cost one of their own.
    counts = (
        RecommendationPart.objects.awaiting_response()
        .for_portfolios(held)
        .aggregate(
            awaiting=Count("pk"),
            overdue=Count(
                "pk",
                filter=Q(recommendation__action_plan__response_deadline__lt=timezone.localdate()),
            ),
        )
    )
    plans = ActionPlan.objects.for_authorities(authorities_for(request.user))
    if not request.user.has_perm("scraip.add_actionplan"):
        plans = plans.sent_for_response()
    return render(
        request,
        "scraip/home.html",
        {
            "person": person,
            "awaiting_count": counts["awaiting"],
            "overdue_count": counts["overdue"],
            "recent_plans": plans.select_related("committee")[:5],
            "is_cabinet_member": bool(held),
            "is_officer": bool(person and person.kind == person.Kind.OFFICER),
        },
    )


class ActionPlanListView(PermissionRequiredMixin, FilterView):
    """Permission: scraip.list_actionplans (any council role); drafts for officers only."""

    permission_required = "scraip.list_actionplans"
    filterset_class = ActionPlanFilter
    paginate_by = 25
    template_name = "scraip/plan_list.html"

    def get_queryset(self):
        plans = ActionPlan.objects.for_authorities(authorities_for(self.request.user))
        if not self.request.user.has_perm("scraip.add_actionplan"):
            plans = plans.sent_for_response()
        return (
            plans.select_related("authority", "committee")
            .with_counts()
            .order_by("-publication_date", "title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = authorities_for(self.request.user)
        return kwargs


class RecommendationListView(PermissionRequiredMixin, FilterView):
    """Permission: scraip.list_actionplans; only parts of plans the user may see."""

    permission_required = "scraip.list_actionplans"
    filterset_class = RecommendationFilter
    paginate_by = 50
    template_name = "scraip/recommendation_list.html"

    def get_queryset(self):
        parts = RecommendationPart.objects.filter(
            recommendation__action_plan__authority__in=authorities_for(self.request.user)
        )
        if not self.request.user.has_perm("scraip.add_actionplan"):
            parts = parts.exclude(recommendation__action_plan__status=ActionPlan.Status.DRAFT)
        return parts.with_plan().order_by(
            "-recommendation__action_plan__publication_date",
            "recommendation__action_plan_id",
            "recommendation__position",
            "position",
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = authorities_for(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


@login_required
@permission_required("scraip.list_awaiting_response", raise_exception=True)
def awaiting_response(request):
    """Permission: scraip.list_awaiting_response (cabinet members; officers see their council's)."""
    person = person_of(request.user)
    parts = RecommendationPart.objects.awaiting_response()
    portfolios = Portfolio.objects.held_by(person) if person else Portfolio.objects.none()
    if request.user.has_perm("scraip.add_actionplan"):
        parts = parts.filter(
            recommendation__action_plan__authority__in=authorities_for(request.user)
        )
        heading = "Recommendations awaiting a response"
    else:
        parts = parts.for_portfolios(portfolios)
        heading = "Awaiting my response"
    parts = parts.with_plan().order_by(
        "recommendation__action_plan__response_deadline",
        "recommendation__action_plan_id",
        "recommendation__position",
        "position",
    )
    return render(
        request,
        "scraip/awaiting_response.html",
        {"parts": parts, "heading": heading, "portfolios": portfolios},
    )


@login_required
def plan_detail(request, pk):
    """Permission: scraip.view_actionplan (404 for plans the user may not see)."""
    plan = _get_plan_for_user(request, pk)
    recommendations, report_backs = _plan_detail_queryset(plan)
    return render(
        request,
        "scraip/plan_detail.html",
        {
            "plan": plan,
            "recommendations": recommendations,
            "report_backs": report_backs,
            "can_edit": request.user.has_perm("scraip.change_actionplan", plan),
            "respond_portfolio_ids": _held_portfolio_ids(request.user),
        },
    )


@login_required
def plan_pdf(request, pk):
    """Permission: scraip.view_actionplan. The SCRAIP laid out as the committee papers show it."""
    plan = _get_plan_for_user(request, pk)
    recommendations, report_backs = _plan_detail_queryset(plan)
    return WeasyTemplateResponse(
        request,
        "scraip/pdf/action_plan.html",
        {"plan": plan, "recommendations": recommendations, "report_backs": report_backs},
        filename=f"scraip-{slugify(plan.title)[:60]}.pdf",
        attachment=False,
        options=PDF_OPTIONS,
    )


@login_required
@permission_required("scraip.add_actionplan", raise_exception=True)
def plan_create(request):
    """Permission: scraip.add_actionplan (scrutiny officers), for their own committees."""
    form = ActionPlanForm(
        request.POST or None, committees=committees_for(authorities_for(request.user))
    )
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        plan.save()
        messages.success(request, "Action plan created. Now add its recommendations.")
        return redirect(plan)
    return render(request, "scraip/plan_form.html", {"form": form})


@login_required
def plan_edit(request, pk):
    """Permission: scraip.change_actionplan (scrutiny officers of the plan's authority)."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    form = ActionPlanForm(
        request.POST or None,
        instance=plan,
        committees=committees_for(authorities_for(request.user)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_versioned(form.save(), loaded_version=form.loaded_version)
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, "Action plan saved.")
            return redirect(plan)
    return render(request, "scraip/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_send(request, pk):
    """Permission: scraip.change_actionplan. Starts the cabinet's response period."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    form = SendForResponseForm(
        request.POST or None, plan=plan, initial={"received_on": plan.received_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_plan_send_for_response(
                plan=plan, received_on=form.cleaned_data["received_on"]
            )
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Sent to the cabinet. The response deadline is now running.")
            return redirect(plan)
    return render(request, "scraip/plan_send.html", {"form": form, "plan": plan})


def _recommendation_form(request, plan, recommendation):
    form = RecommendationForm(request.POST or None, instance=recommendation, plan=plan)
    formset = PartFormSet(request.POST or None, instance=recommendation, prefix="parts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.recommendation_save(
                recommendation=form.save(commit=False),
                part_formset=formset,
                loaded_version=form.loaded_version,
            )
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Recommendation {form.instance.letter} saved.")
            return redirect(f"{plan.get_absolute_url()}#recommendation-{form.instance.pk}")
    return render(
        request,
        "scraip/recommendation_form.html",
        {"form": form, "formset": formset, "plan": plan, "recommendation": recommendation},
    )


@login_required
def recommendation_create(request, pk):
    """Permission: scraip.change_actionplan."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    last = plan.recommendations.order_by("-position").first()
    recommendation = Recommendation(action_plan=plan, position=(last.position + 1) if last else 1)
    return _recommendation_form(request, plan, recommendation)


@login_required
def recommendation_edit(request, pk):
    """Permission: scraip.change_actionplan on the recommendation's plan."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = _get_plan_for_user(request, recommendation.action_plan_id, "scraip.change_actionplan")
    recommendation.action_plan = plan
    return _recommendation_form(request, plan, recommendation)


@login_required
def report_backs_edit(request, pk):
    """Permission: scraip.change_actionplan. The 1st, 2nd, 3rd… report-back dates."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    meetings = plan.committee.meetings.all()
    formset = ReportBackFormSet(
        request.POST or None,
        instance=plan,
        prefix="report_backs",
        form_kwargs={"meetings": meetings},
    )
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Report-back schedule saved.")
        return redirect(f"{plan.get_absolute_url()}#report-backs")
    return render(request, "scraip/report_backs_form.html", {"formset": formset, "plan": plan})


@login_required
def respond(request, pk):
    """Permission: scraip.respond_to_part (the portfolio holder, or an officer on their behalf)."""
    part = _get_part_for_user(request, pk)
    plan = part.recommendation.action_plan
    person = person_of(request.user)
    holds_portfolio = bool(
        person
        and Portfolio.objects.held_by(person).filter(pk=part.recommendation.portfolio_id).exists()
    )
    response = part.current_response
    form = ResponseForm(
        request.POST or None,
        instance=response,
        part=part,
        on_behalf=not holds_portfolio,
        responder=person,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                response=form.save(commit=False),
                entered_by=request.user,
                loaded_version=form.loaded_version,
            )
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, f"Response to {part} saved.")
            return redirect(reverse("scraip:awaiting_response") if holds_portfolio else plan)
    return render(
        request,
        "scraip/respond.html",
        {"form": form, "part": part, "plan": plan, "today": timezone.localdate()},
    )


@login_required
def plan_delete(request, pk):
    """Permission: scraip.change_actionplan. Soft delete: the plan can be restored."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    if request.method == "POST":
        services.soft_delete(record=plan)
        messages.success(request, f"“{plan.title}” deleted. You can restore it from Deleted items.")
        return redirect("scraip:deleted_items")
    return render(request, "scraip/confirm_delete.html", {"record": plan, "plan": plan})


@login_required
def recommendation_delete(request, pk):
    """Permission: scraip.change_actionplan on its plan. Soft delete, with its parts and answers."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = _get_plan_for_user(request, recommendation.action_plan_id, "scraip.change_actionplan")
    if request.method == "POST":
        services.soft_delete(record=recommendation)
        messages.success(
            request, f"{recommendation} deleted. You can restore it from Deleted items."
        )
        return redirect(plan)
    return render(request, "scraip/confirm_delete.html", {"record": recommendation, "plan": plan})


@login_required
@permission_required("scraip.add_actionplan", raise_exception=True)
def deleted_items(request):
    """Permission: scraip.add_actionplan (scrutiny officers), for their own authority."""
    authorities = authorities_for(request.user)
    plans = ActionPlan.all_objects.deleted().filter(authority__in=authorities)
    recommendations = Recommendation.all_objects.deleted().filter(
        action_plan__authority__in=authorities, action_plan__deleted_at__isnull=True
    )
    return render(
        request,
        "scraip/deleted_items.html",
        {
            "plans": plans.select_related("committee").order_by("-deleted_at"),
            "recommendations": recommendations.select_related("action_plan").order_by(
                "-deleted_at"
            ),
        },
    )


def _get_deleted_for_officer(request, model, pk):
    record = get_object_or_404(model.all_objects.deleted(), pk=pk)
    plan = record if isinstance(record, ActionPlan) else record.action_plan
    if not request.user.has_perm("scraip.change_actionplan", plan):
        raise Http404("Nothing deleted here")
    return record


@login_required
@require_POST
def plan_restore(request, pk):
    """Permission: scraip.change_actionplan on the deleted plan."""
    plan = _get_deleted_for_officer(request, ActionPlan, pk)
    services.restore(record=plan)
    messages.success(request, f"“{plan.title}” restored.")
    return redirect(plan)


@login_required
@require_POST
def recommendation_restore(request, pk):
    """Permission: scraip.change_actionplan on the recommendation's (live) plan."""
    recommendation = _get_deleted_for_officer(request, Recommendation, pk)
    if recommendation.action_plan.is_deleted:
        raise Http404("Restore the action plan first")
    if Recommendation.objects.filter(
        action_plan=recommendation.action_plan_id, letter=recommendation.letter
    ).exists():
        messages.error(
            request,
            f"{recommendation} cannot be restored: the plan now has another recommendation "
            f"{recommendation.letter}. Change that one's letter first.",
        )
        return redirect("scraip:deleted_items")
    services.restore(record=recommendation)
    messages.success(request, f"{recommendation} restored.")
    return redirect(recommendation.get_absolute_url())


def _history_page(request, record, plan, title):
    return render(
        request,
        "scraip/history.html",
        {"record": record, "plan": plan, "title": title, "entries": history_entries(record)},
    )


@login_required
@require_safe
def plan_history(request, pk):
    """Permission: scraip.view_actionplan. Read-only: no page edits or deletes history."""
    plan = _get_plan_for_user(request, pk)
    return _history_page(request, plan, plan, f"History of “{plan.title}”")


@login_required
@require_safe
def recommendation_history(request, pk):
    """Permission: scraip.view_actionplan on its plan."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = _get_plan_for_user(request, recommendation.action_plan_id)
    return _history_page(request, recommendation, plan, f"History of {recommendation}")


@login_required
@require_safe
def response_history(request, pk):
    """Permission: scraip.view_actionplan on its plan: who answered, and every change since."""
    response = get_object_or_404(Response.objects.select_related("part__recommendation"), pk=pk)
    plan = _get_plan_for_user(request, response.part.recommendation.action_plan_id)
    return _history_page(request, response, plan, f"History of the response to {response.part}")
