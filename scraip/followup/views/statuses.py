"""A council's own progress statuses, set up by its council administrator beside its
committees and people (the setup pages of scraip.councils): each names the lifecycle state it
stands for and its red, amber or green colour (CouncilStatus)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from scraip.common.views import saved, submitted
from scraip.councils.views.fetch import get_authority_for_setup, get_for_setup

from ..forms import CouncilStatusForm
from ..models import CouncilStatus


@login_required
@require_safe
def status_list(request, authority):
    """Permission: councils.administer_authority."""
    authority = get_authority_for_setup(request, authority)
    return render(
        request,
        "followup/status_list.html",
        {"authority": authority, "statuses": CouncilStatus.objects.filter(authority=authority)},
    )


def _status_form(request, authority, status=None):
    form = CouncilStatusForm(request.POST or None, instance=status, authority=authority)
    if submitted(request, form) and saved(form, form.save):
        messages.success(request, f"Status {form.instance.name} saved.")
        return redirect("followup:status_list", authority.pk)
    return render(
        request,
        "councils/setup_form.html",
        {
            "authority": authority,
            "form": form,
            "title": "Change status" if status else "Add a status",
            "back_url": reverse("followup:status_list", args=[authority.pk]),
        },
    )


@login_required
def status_add(request, authority):
    """Permission: councils.administer_authority."""
    return _status_form(request, get_authority_for_setup(request, authority))


@login_required
def status_edit(request, pk):
    """Permission: councils.administer_authority, of the status's council."""
    status = get_for_setup(request, CouncilStatus.objects.select_related("authority"), pk)
    return _status_form(request, status.authority, status)
