"""The council's own register: the list, each partnership's page, and the forms that keep it.
Each view names the rules permission that guards it."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from scraip.common import pdfjobs
from scraip.common.history import history_entries
from scraip.common.softdelete import restore, soft_delete
from scraip.common.versioning import save_versioned
from scraip.common.views import done, saved, submitted
from scraip.councils.rules import authorities_for

from .. import documents, services
from ..filters import PartnershipFilter
from ..forms import ChecklistForm, DefinitionTestForm, LinksForm, PartnershipForm
from ..models import ChecklistItem, DefinitionCriterion, Partnership
from ..profile import build_profile, profile_queryset
from .common import CHANGE, get_partnership_for_user


class PartnershipListView(PermissionRequiredMixin, FilterView):
    """Permission: partnerships.view_register (councillors and officers), their council's."""

    permission_required = "partnerships.view_register"
    filterset_class = PartnershipFilter
    paginate_by = 25
    template_name = "partnerships/partnership_list.html"

    def get_queryset(self):
        return (
            Partnership.objects.visible_to(self.request.user)
            .with_details()
            .with_priority_line()
            .in_priority_order()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("partnerships.add_partnership")
        return context


@login_required
@permission_required("partnerships.add_partnership", raise_exception=True)
def partnership_create(request):
    """Permission: partnerships.add_partnership (scrutiny officers), for their own council."""
    form = PartnershipForm(request.POST or None, authorities=authorities_for(request.user))
    if submitted(request, form):
        partnership = services.partnership_create(partnership=form.save(commit=False))
        messages.success(
            request,
            f"{partnership} added. Now answer the definition test to see if it goes on the "
            "register.",
        )
        return redirect(partnership)
    return render(request, "partnerships/partnership_form.html", {"form": form})


@login_required
def partnership_detail(request, pk):
    """Permission: partnerships.view_partnership (the council's councillors and officers);
    404 for anyone else."""
    partnership = get_partnership_for_user(
        request, pk, queryset=profile_queryset(Partnership.objects.with_details())
    )
    user = request.user
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "profile": build_profile(partnership),
            "partnership": partnership,
            "can_edit": user.has_perm(CHANGE, partnership),
            "can_publish": user.has_perm("partnerships.publish_partnership", partnership),
            "today": timezone.localdate(),
        },
    )


@login_required
def partnership_edit(request, pk):
    """Permission: partnerships.change_partnership (the council's scrutiny officers and the
    partnership's lead officer)."""
    partnership = get_partnership_for_user(request, pk, CHANGE)
    form = PartnershipForm(
        request.POST or None, instance=partnership, authorities=authorities_for(request.user)
    )
    if submitted(request, form) and saved(
        form, lambda: save_versioned(form.save(commit=False), loaded_version=form.loaded_version)
    ):
        messages.success(request, f"{partnership} saved.")
        return redirect(partnership)
    return render(
        request, "partnerships/partnership_form.html", {"form": form, "partnership": partnership}
    )


@login_required
def definition_test(request, pk):
    """Permission: partnerships.change_partnership. The council's definition, answered."""
    partnership = get_partnership_for_user(request, pk, CHANGE)
    criteria = DefinitionCriterion.objects.filter(authority=partnership.authority_id)
    form = DefinitionTestForm(
        request.POST or None,
        partnership=partnership,
        criteria=criteria,
        answers={a.criterion_id: a for a in partnership.definition_answers.all()},
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.definition_answers_save(
            partnership=partnership, answers=form.answers(), loaded_version=form.loaded_version
        ),
    ):
        state = services.definition_state_of(partnership)
        messages.success(request, f"Answers saved: {state.label.lower()}.")
        return redirect(f"{partnership.get_absolute_url()}#definition")
    return render(
        request,
        "partnerships/definition_form.html",
        {"form": form, "partnership": partnership, "has_criteria": bool(form.criteria)},
    )


@login_required
def checklist(request, pk):
    """Permission: partnerships.change_partnership. The model protocol checklist, answered."""
    partnership = get_partnership_for_user(request, pk, CHANGE)
    form = ChecklistForm(
        request.POST or None,
        partnership=partnership,
        items=ChecklistItem.objects.filter(authority=partnership.authority_id),
        answers={a.item_id: a for a in partnership.checklist_answers.all()},
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.checklist_answers_save(
            partnership=partnership, answers=form.answers(), loaded_version=form.loaded_version
        ),
    ):
        messages.success(request, "Protocol checklist saved.")
        return redirect(f"{partnership.get_absolute_url()}#checklist")
    return render(
        request,
        "partnerships/checklist_form.html",
        {"form": form, "partnership": partnership, "has_items": bool(form.items)},
    )


@login_required
def links(request, pk):
    """Permission: partnerships.change_partnership. The recommendations and reviews about it."""
    partnership = get_partnership_for_user(request, pk, CHANGE)
    form = LinksForm(request.POST or None, partnership=partnership)
    if submitted(request, form) and saved(
        form,
        lambda: services.partnership_links_save(
            partnership=partnership, **form.chosen(), loaded_version=form.loaded_version
        ),
    ):
        messages.success(request, "Links saved.")
        return redirect(f"{partnership.get_absolute_url()}#links")
    return render(
        request, "partnerships/links_form.html", {"form": form, "partnership": partnership}
    )


@login_required
@require_POST
def publish(request, pk):
    """Permission: partnerships.publish_partnership (the council's scrutiny officers). Puts a
    partnership meeting the definition on the public register, or takes it off."""
    partnership = get_partnership_for_user(request, pk, "partnerships.publish_partnership")
    published = request.POST.get("publish") == "yes"
    if done(
        request, partial(services.partnership_publish, partnership=partnership, published=published)
    ):
        messages.success(
            request,
            f"{partnership} is now on the public register."
            if published
            else f"{partnership} has been taken off the public register.",
        )
    return redirect(partnership)


@login_required
def partnership_delete(request, pk):
    """Permission: partnerships.delete_partnership. Soft delete: it can be restored."""
    partnership = get_partnership_for_user(request, pk, "partnerships.delete_partnership")
    if request.method == "POST":
        soft_delete(record=partnership)
        messages.success(request, f"{partnership} deleted. You can restore it from Deleted items.")
        return redirect("partnerships:deleted")
    return render(
        request,
        "partnerships/confirm_delete.html",
        {
            "record": partnership,
            "partnership": partnership,
            "back_url": partnership.get_absolute_url(),
        },
    )


@login_required
@require_POST
def partnership_restore(request, pk):
    """Permission: partnerships.delete_partnership on the deleted partnership (404 otherwise)."""
    partnership = get_object_or_404(Partnership.deleted_objects.all(), pk=pk)
    if not request.user.has_perm("partnerships.delete_partnership", partnership):
        raise Http404("Nothing deleted here")
    restore(record=partnership)
    messages.success(request, f"{partnership} restored.")
    return redirect(partnership)


@login_required
@require_safe
def partnership_history(request, pk):
    """Permission: partnerships.view_partnership. Read-only: every change, newest first."""
    partnership = get_partnership_for_user(request, pk)
    return render(
        request,
        "common/history.html",
        {
            "record": partnership,
            "title": f"History of {partnership}",
            "caption": "Partnership register",
            "back_url": partnership.get_absolute_url(),
            "back_text": "Back to the partnership",
            "entries": history_entries(partnership),
        },
    )


@login_required
@require_safe
def partnership_pdf(request, pk, job=None, download=False):
    """Permission: partnerships.view_partnership. The partnership's profile for committee papers
    (a long one made in the background: its progress page and download check the same)."""
    partnership = get_partnership_for_user(request, pk)
    return pdfjobs.serve(request, documents.profile, partnership.pk, job=job, download=download)
