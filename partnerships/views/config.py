"""The council's settings for its register: the priority line, the review interval and the
working day; the criteria of its definition of a partnership; the items of its model protocol
checklist. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from rules.contrib.views import permission_required

from scraip.common.versioning import StaleEdit

from .. import services
from ..forms import (
    ChecklistItemFormSet,
    CriterionFormSet,
    RegisterSettingsForm,
    VersionOnlyForm,
)
from ..models import ChecklistItem, DefinitionCriterion
from .common import MANAGE, register_authority, register_settings_for


@login_required
@permission_required(MANAGE, raise_exception=True)
def register_settings(request):
    """Permission: partnerships.manage_register (scrutiny officers), for their own council."""
    authority = register_authority(request)
    form = RegisterSettingsForm(request.POST or None, instance=register_settings_for(authority))
    if request.method == "POST" and form.is_valid():
        try:
            services.register_settings_save(
                register_settings=form.save(commit=False), loaded_version=form.loaded_version
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, "Register settings saved.")
            return redirect("partnerships:settings")
    return render(request, "partnerships/settings.html", {"form": form, "authority": authority})


CONFIGURATIONS = {
    "definition": (
        DefinitionCriterion,
        CriterionFormSet,
        "The definition of a partnership",
        "Criteria saved.",
    ),
    "checklist": (
        ChecklistItem,
        ChecklistItemFormSet,
        "The model protocol checklist",
        "Checklist items saved.",
    ),
}


def _configuration(request, which):
    model, formset_class, title, saved_message = CONFIGURATIONS[which]
    authority = register_authority(request)
    settings_row = register_settings_for(authority)
    version_form = VersionOnlyForm(request.POST or None, instance=settings_row)
    formset = formset_class(
        request.POST or None, queryset=model.objects.filter(authority=authority), prefix="rows"
    )
    if request.method == "POST" and formset.is_valid():
        try:
            services.configuration_save(
                register_settings=settings_row,
                formset=formset,
                loaded_version=version_form.loaded_version,
            )
        except StaleEdit as stale:
            version_form.report_stale_edit(stale.current)
        else:
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
