"""The council's settings for its register: the priority line, the review interval and the
working day; the criteria of its definition of a partnership; the items of its model protocol
checklist. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from rules.contrib.views import permission_required

from scraip.common.views import saved, submitted

from .. import services
from ..forms import (
    ChecklistItemFormSet,
    CriterionFormSet,
    RegisterSettingsForm,
    VersionOnlyForm,
)
from ..models import ChecklistItem, DefinitionCriterion, RegisterSettings
from .common import MANAGE, register_authority


@login_required
@permission_required(MANAGE, raise_exception=True)
def register_settings(request):
    """Permission: partnerships.manage_register (scrutiny officers), for their own council."""
    authority = register_authority(request)
    form = RegisterSettingsForm(
        request.POST or None, instance=RegisterSettings.for_authority(authority)
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.register_settings_save(
            register_settings=form.save(commit=False), loaded_version=form.loaded_version
        ),
    ):
        messages.success(request, "Register settings saved.")
        return redirect("partnerships:settings")
    return render(request, "partnerships/settings.html", {"form": form, "authority": authority})


CONFIGURATIONS = {
    "definition": (
        DefinitionCriterion,
        CriterionFormSet,
        services.definition_criteria_save,
        "The definition of a partnership",
        "Criteria saved.",
    ),
    "checklist": (
        ChecklistItem,
        ChecklistItemFormSet,
        services.checklist_items_save,
        "The model protocol checklist",
        "Checklist items saved.",
    ),
}


def _configuration(request, which):
    model, formset_class, save, title, saved_message = CONFIGURATIONS[which]
    authority = register_authority(request)
    settings_row = RegisterSettings.for_authority(authority)
    version_form = VersionOnlyForm(request.POST or None, instance=settings_row)
    formset = formset_class(
        request.POST or None, queryset=model.objects.filter(authority=authority), prefix="rows"
    )
    # The formset is what is checked; the version form carries the version and the message of
    # a stale edit or a refusal.
    if submitted(request, formset) and saved(
        version_form,
        lambda: save(
            register_settings=settings_row,
            rows=formset.rows(),
            removed=formset.removed(),
            loaded_version=version_form.loaded_version,
        ),
    ):
        messages.success(request, saved_message)
        return redirect(f"partnerships:settings_{which}")
    return render(
        request,
        f"partnerships/settings_{which}.html",
        {
            "formset": formset,
            "version_form": version_form,
            "title": title,
            "authority": authority,
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def settings_definition(request):
    """Permission: partnerships.manage_register. Removing a criterion keeps the answers given
    to it in the record, but it no longer counts."""
    return _configuration(request, "definition")


@login_required
@permission_required(MANAGE, raise_exception=True)
def settings_checklist(request):
    """Permission: partnerships.manage_register."""
    return _configuration(request, "checklist")
