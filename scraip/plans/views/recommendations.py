"""Pages for recommendations and the cabinet's responses. Each view names the rules permission
that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from scraip.common.views import done, saved, submitted
from scraip.councils.models import Portfolio
from scraip.councils.rules import authorities_for, person_of

from .. import services
from ..filters import RecommendationFilter
from ..forms import (
    PartFormSet,
    RecommendationForm,
)
from ..models import Recommendation, RecommendationPart, Response
from ..response_form import ResponseForm
from ..rules import answers_in_own_name
from .fetch import get_part_for_user, get_plan_for_user
from .plans import _get_deleted_for_officer, _history_page


class CountedByPagePaginator(Paginator):
    """Finds the page's ids and the count of all the rows in one query (a window count), then
    reads those rows alone: the filter is worked out once, and an empty list runs the same two
    queries as a full one (the second then finds nothing)."""

    def __init__(self, object_list, per_page, *args, rows=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.rows = object_list if rows is None else rows  # where the page's rows are read

    def page(self, number):
        number = self.validate_number_format(number)
        start = (number - 1) * self.per_page
        found = list(
            self.object_list.annotate(rows_in_all=Window(Count("pk"))).values_list(
                "pk", "rows_in_all"
            )[start : start + self.per_page]
        )
        if not found and number > 1:
            raise EmptyPage("That page contains no results")
        self.__dict__["count"] = found[0][1] if found else 0
        ids = [pk for pk, _ in found]
        # An id that is never a row's (0) keeps the second query when the page is empty.
        by_id = {row.pk: row for row in self.rows.order_by().filter(pk__in=ids or [0])}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)

    def validate_number_format(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number


class RecommendationListView(PermissionRequiredMixin, FilterView):
    """Permission: plans.list_actionplans; only parts of plans the user may see."""

    permission_required = "plans.list_actionplans"
    filterset_class = RecommendationFilter
    paginate_by = 50
    paginator_class = CountedByPagePaginator
    template_name = "plans/recommendation_list.html"

    def get_queryset(self):
        return RecommendationPart.objects.visible_to(self.request.user).with_plan().in_plan_order()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The page's rows are read by id from the parts the user may see, not through the
        # filters again: the first query has applied them.
        return super().get_paginator(queryset, per_page, rows=self.get_queryset(), **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = authorities_for(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


@login_required
@permission_required("plans.list_awaiting_response", raise_exception=True)
def awaiting_response(request):
    """Permission: plans.list_awaiting_response (cabinet members; officers see their council's)."""
    person = person_of(request.user)
    portfolios = list(Portfolio.objects.held_by(person)) if person else []
    parts = RecommendationPart.objects.awaiting_response().answerable_by(
        request.user, held=portfolios
    )
    heading = (
        "Recommendations awaiting a response"
        if request.user.has_perm("plans.add_actionplan")
        else "Awaiting my response"
    )
    return render(
        request,
        "plans/awaiting_response.html",
        {"parts": parts.with_plan().by_deadline(), "heading": heading, "portfolios": portfolios},
    )


def _parts_valid(form, formset) -> bool:
    """The sub-parts pass their own checks, the amendment's reason given on the
    recommendation (if any) covering a change to an answered sub-part's wording."""
    reason = getattr(form.instance, "_change_reason", None)
    for part_form in formset.forms:
        part_form.instance._change_reason = reason
    return formset.is_valid()


def _recommendation_form(request, plan, recommendation):
    form = RecommendationForm(request.POST or None, instance=recommendation, plan=plan)
    formset = PartFormSet(request.POST or None, instance=recommendation, prefix="parts")
    if (
        submitted(request, form)
        and _parts_valid(form, formset)
        and saved(
            form,
            lambda: services.recommendation_save(
                recommendation=form.save(commit=False),
                loaded_version=form.loaded_version,
                **formset.changes(),
            ),
        )
    ):
        messages.success(request, f"Recommendation {form.instance.letter} saved.")
        return redirect(f"{plan.get_absolute_url()}#recommendation-{form.instance.pk}")
    return render(
        request,
        "plans/recommendation_form.html",
        {"form": form, "formset": formset, "plan": plan, "recommendation": recommendation},
    )


@login_required
def recommendation_create(request, pk):
    """Permission: plans.change_actionplan."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    last = plan.recommendations.order_by("-position").first()
    recommendation = Recommendation(action_plan=plan, position=(last.position + 1) if last else 1)
    return _recommendation_form(request, plan, recommendation)


@login_required
def recommendation_edit(request, pk):
    """Permission: plans.change_actionplan on the recommendation's plan."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = get_plan_for_user(request, recommendation.action_plan_id, "plans.change_actionplan")
    recommendation.action_plan = plan
    return _recommendation_form(request, plan, recommendation)


@login_required
def respond(request, pk):
    """Permission: plans.respond_to_part (the portfolio holder, or an officer on their behalf)."""
    part = get_part_for_user(request, pk)
    plan = part.recommendation.action_plan
    person = person_of(request.user)
    own_answer = answers_in_own_name(request.user, part)
    response = part.current_response
    form = ResponseForm(
        request.POST or None,
        instance=response,
        part=part,
        on_behalf=not own_answer,
        responder=person,
    )
    if submitted(request, form) and saved(
        form,
        lambda: (
            services.response_record_for_all_parts
            if form.answers_all_parts
            else services.response_record
        )(
            response=form.save(commit=False),
            entered_by=request.user,
            loaded_version=form.loaded_version,
            supporting=form.cleaned_data.get("supporting_officers"),
        ),
    ):
        answered = (
            f"{part.recommendation} {part.recommendation.numerals}"
            if form.answers_all_parts
            else part
        )
        messages.success(request, f"Response to {answered} saved.")
        awaiting_list = own_answer and request.user.has_perm("plans.list_awaiting_response")
        return redirect(reverse("plans:awaiting_response") if awaiting_list else plan)
    return render(
        request,
        "plans/respond.html",
        {"form": form, "part": part, "plan": plan, "today": timezone.localdate()},
    )


@login_required
def recommendation_delete(request, pk):
    """Permission: plans.change_actionplan on its plan. Soft delete, with its parts and answers."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = get_plan_for_user(request, recommendation.action_plan_id, "plans.change_actionplan")
    if request.method == "POST":
        services.recommendation_delete(recommendation=recommendation)
        messages.success(
            request, f"{recommendation} deleted. You can restore it from Deleted items."
        )
        return redirect(plan)
    return render(request, "common/confirm_delete.html", {"record": recommendation, "plan": plan})


@login_required
@require_POST
def recommendation_move(request, pk):
    """Permission: plans.change_actionplan on its plan. Move up or down one place; the whole
    plan is renumbered and every recommendation moved gets a history row."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = get_plan_for_user(request, recommendation.action_plan_id, "plans.change_actionplan")
    step = {"up": -1, "down": 1}.get(request.POST.get("move", ""))
    if step is None:
        messages.error(request, "Choose Move up or Move down.")
    else:
        services.recommendation_move(recommendation=recommendation, step=step)
        messages.success(request, f"{recommendation} moved {request.POST['move']}.")
    return redirect(f"{plan.get_absolute_url()}#recommendation-{recommendation.pk}")


@login_required
@require_POST
def recommendation_restore(request, pk):
    """Permission: plans.change_actionplan on the recommendation's (live) plan."""
    recommendation = _get_deleted_for_officer(request, Recommendation, pk)
    if recommendation.action_plan.is_deleted:
        raise Http404("Restore the action plan first")
    if not done(request, lambda: services.recommendation_restore(recommendation=recommendation)):
        return redirect("plans:deleted_items")
    messages.success(request, f"{recommendation} restored.")
    return redirect(recommendation.get_absolute_url())


@login_required
@require_safe
def recommendation_history(request, pk):
    """Permission: plans.view_actionplan on its plan."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    plan = get_plan_for_user(request, recommendation.action_plan_id)
    return _history_page(request, recommendation, plan, f"History of {recommendation}")


@login_required
@require_safe
def response_history(request, pk):
    """Permission: plans.view_actionplan on its plan: who answered, and every change since."""
    response = get_object_or_404(Response.objects.select_related("part__recommendation"), pk=pk)
    plan = get_plan_for_user(request, response.part.recommendation.action_plan_id)
    return _history_page(request, response, plan, f"History of the response to {response.part}")
