"""Pages for the SCRAIP action plans. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from scraip.common import pdfjobs
from scraip.common.forms import hold_errors, posted_rows
from scraip.common.history import history_entries
from scraip.common.softdelete import restore, soft_delete
from scraip.common.views import saved, submitted
from scraip.common.word import word_response
from scraip.councils.forms import committees_for
from scraip.councils.models import Meeting
from scraip.councils.rules import authorities_for, person_of

from .. import documents, publication, services
from ..filters import ActionPlanFilter
from ..forms import (
    ActionPlanForm,
    PublicationForm,
    ReportBackFormSet,
    SendForResponseForm,
)
from ..history import plan_history_entries
from ..models import ActionPlan, Recommendation, RecommendationPart
from .fetch import get_plan_for_user, held_portfolio_ids, plan_detail_queryset


@login_required
def home(request):
    """Permission: any signed-in user; what it shows depends on their roles."""
    person = person_of(request.user)
    held = held_portfolio_ids(request.user)
    counts = RecommendationPart.objects.for_portfolios(held).awaiting_counts()
    plans = ActionPlan.objects.visible_to(request.user).select_related("committee")
    return render(
        request,
        "plans/home.html",
        {
            "person": person,
            "awaiting_count": counts["awaiting"],
            "overdue_count": counts["overdue"],
            "recent_plans": plans[:5],
            "is_cabinet_member": bool(held),
            "is_officer": bool(person and person.kind == person.Kind.OFFICER),
        },
    )


class ActionPlanListView(PermissionRequiredMixin, FilterView):
    """Permission: plans.list_actionplans (any council role); drafts for officers only."""

    permission_required = "plans.list_actionplans"
    filterset_class = ActionPlanFilter
    paginate_by = 25
    template_name = "plans/plan_list.html"

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("authority", "committee")
            .with_counts()
            .order_by("-publication_date", "title", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = authorities_for(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        # The councils whose whole tracker the person may download.
        return super().get_context_data(councils=list(authorities_for(self.request.user)), **kwargs)


@login_required
def plan_detail(request, pk):
    """Permission: plans.view_actionplan (404 for plans the user may not see)."""
    plan = get_plan_for_user(request, pk)
    recommendations, report_backs = plan_detail_queryset(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "recommendations": recommendations,
            "report_backs": report_backs,
            "can_edit": request.user.has_perm("plans.change_actionplan", plan),
            "respond_portfolio_ids": held_portfolio_ids(request.user),
            "respond_person_id": getattr(person_of(request.user), "pk", None),
            "publication": publication.publication_state(plan),
        },
    )


@login_required
def plan_pdf(request, pk, job=None, download=False):
    """Permission: plans.view_actionplan. The SCRAIP laid out as the committee papers show it; a
    long one is made in the background, and its progress page and download (`job`) check the
    same permission."""
    plan = get_plan_for_user(request, pk)
    return pdfjobs.serve(request, documents.action_plan, plan.pk, job=job, download=download)


@login_required
@require_safe
def plan_docx(request, pk):
    """Permission: plans.view_actionplan. The SCRAIP as a Word document, for the committee
    report that quotes it (the same content as the PDF; built in the request, as Word needs no
    layout)."""
    plan = get_plan_for_user(request, pk)
    return word_response(documents.action_plan_word(plan))


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
def plan_create(request):
    """Permission: plans.add_actionplan (scrutiny officers), for their own committees."""
    form = ActionPlanForm(
        request.POST or None, committees=committees_for(authorities_for(request.user))
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.action_plan_save(
            plan=form.save(commit=False),
            loaded_version=None,
            joint_committees=form.cleaned_data["joint_committees"],
        ),
    ):
        messages.success(request, "Action plan created. Now add its recommendations.")
        return redirect(form.instance)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_edit(request, pk):
    """Permission: plans.change_actionplan (scrutiny officers of the plan's authority)."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    form = ActionPlanForm(
        request.POST or None,
        instance=plan,
        committees=committees_for(authorities_for(request.user)),
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.action_plan_save(
            plan=form.save(commit=False),
            loaded_version=form.loaded_version,
            joint_committees=form.cleaned_data["joint_committees"],
        ),
    ):
        messages.success(request, "Action plan saved.")
        return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_send(request, pk):
    """Permission: plans.change_actionplan. Starts the cabinet's response period."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    form = SendForResponseForm(
        request.POST or None, plan=plan, initial={"received_on": plan.received_on}
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.action_plan_send_for_response(
            plan=plan, received_on=form.cleaned_data["received_on"]
        ),
    ):
        messages.success(request, "Sent to the cabinet. The response deadline is now running.")
        return redirect(plan)
    return render(request, "plans/plan_send.html", {"form": form, "plan": plan})


@login_required
def plan_publication(request, pk):
    """Permission: plans.change_actionplan. Publish the plan by hand, withdraw it with a
    reason, or leave it to the council's setting."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    # As stored: a form that is refused has already put what was typed on the instance.
    state = publication.publication_state(plan)
    form = PublicationForm(request.POST or None, instance=plan)
    if submitted(request, form) and saved(
        form,
        lambda: publication.plan_publication_set(
            plan=plan,
            publication=form.cleaned_data["publication"],
            reason=form.cleaned_data["withdrawal_reason"],
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, publication.publication_state(plan).reason)
        return redirect(plan)
    return render(
        request,
        "plans/plan_publication.html",
        {"form": form, "plan": plan, "state": state},
    )


@login_required
def report_backs_edit(request, pk):
    """Permission: plans.change_actionplan. The 1st, 2nd, 3rd… report-back dates."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    rows, adding_row = posted_rows(request, "report_backs")
    committees = plan.reports_back_to()
    formset = ReportBackFormSet(
        rows,
        instance=plan,
        prefix="report_backs",
        form_kwargs={
            "meetings": Meeting.objects.filter(committee__in=committees).select_related(
                "committee"
            ),
            "several_committees": len(committees) > 1,
        },
    )
    if adding_row:
        hold_errors(formset)
    elif submitted(request, formset):
        services.report_back_schedule_save(plan=plan, **formset.changes())
        messages.success(request, "Report-back schedule saved.")
        return redirect(f"{plan.get_absolute_url()}#report-backs")
    return render(request, "plans/report_backs_form.html", {"formset": formset, "plan": plan})


@login_required
def plan_delete(request, pk):
    """Permission: plans.change_actionplan. Soft delete: the plan can be restored."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    if request.method == "POST":
        soft_delete(record=plan)
        messages.success(request, f"“{plan.title}” deleted. You can restore it from Deleted items.")
        return redirect("plans:deleted_items")
    return render(request, "common/confirm_delete.html", {"record": plan, "plan": plan})


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
def deleted_items(request):
    """Permission: plans.add_actionplan (scrutiny officers), for their own authority."""
    authorities = authorities_for(request.user)
    plans = ActionPlan.deleted_objects.for_authorities(authorities)
    recommendations = Recommendation.deleted_objects.for_authorities(authorities).of_live_plans()
    return render(
        request,
        "plans/deleted_items.html",
        {
            "plans": plans.select_related("committee").latest_deleted_first(),
            "recommendations": recommendations.select_related("action_plan").latest_deleted_first(),
        },
    )


def _get_deleted_for_officer(request, model, pk):
    record = get_object_or_404(model.deleted_objects.all(), pk=pk)
    plan = record if isinstance(record, ActionPlan) else record.action_plan
    if not request.user.has_perm("plans.change_actionplan", plan):
        raise Http404("Nothing deleted here")
    return record


@login_required
@require_POST
def plan_restore(request, pk):
    """Permission: plans.change_actionplan on the deleted plan."""
    plan = _get_deleted_for_officer(request, ActionPlan, pk)
    restore(record=plan)
    messages.success(request, f"“{plan.title}” restored.")
    return redirect(plan)


def _history_page(request, record, plan, title):
    return render(
        request,
        "common/history.html",
        {"record": record, "plan": plan, "title": title, "entries": history_entries(record)},
    )


@login_required
@require_safe
def plan_history(request, pk):
    """Permission: plans.view_actionplan. Read-only: no page edits or deletes history."""
    plan = get_plan_for_user(request, pk)
    return render(
        request,
        "common/history.html",
        {
            "record": plan,
            "plan": plan,
            "title": f"History of “{plan.title}”",
            "intro": "Changes to the plan, its report-backs and the cabinet's responses.",
            "entries": plan_history_entries(plan),
        },
    )
