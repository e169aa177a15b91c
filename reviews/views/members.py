"""Who carries out the review: the councillors on the group and the officers supporting it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from scraip.common.views import saved, submitted

from .. import services
from ..forms import MemberFormSet, OfficerSupportForm
from .common import CHANGE, get_review_for_user


@login_required
def review_members(request, pk):
    """Permission: reviews.change_review. Councillors of the councils taking part."""
    review = get_review_for_user(request, pk, CHANGE)
    formset = MemberFormSet(request.POST or None, instance=review, prefix="members")
    formset.changed_by = request.user
    # The forms are built on first use, so their shared choices can be given now.
    members = [member for member in formset.get_queryset() if not member.is_substitute]
    formset.form_kwargs = {"councillors": list(review.councillors_to_offer()), "members": members}
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Members saved.")
        return redirect(f"{review.get_absolute_url()}#members")
    return render(request, "reviews/members_form.html", {"formset": formset, "review": review})


def _suggested_lead_officer(review, officers):
    """The scrutiny officer of the chair's council, as seed 002 arranges officer support."""
    chair = review.members.chairs().first()
    if chair is None:
        return None
    return next(
        (
            officer
            for officer in officers
            if officer.authority_id == chair.councillor.authority_id and officer.in_scrutiny_team
        ),
        None,
    )


@login_required
def review_officers(request, pk):
    """Permission: reviews.change_review. The lead scrutiny officer and supporting officers."""
    review = get_review_for_user(request, pk, CHANGE)
    officers = list(review.officers_to_offer())
    form = OfficerSupportForm(
        request.POST or None,
        instance=review,
        officers=officers,
        suggested_lead=_suggested_lead_officer(review, officers),
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.review_officers_save(
            review=review,
            lead_officer=form.cleaned_data["lead_officer"],
            supporting_officers=form.cleaned_data["supporting_officers"],
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, "Officer support saved.")
        return redirect(f"{review.get_absolute_url()}#officers")
    return render(request, "reviews/officers_form.html", {"form": form, "review": review})
