"""The review's cost table: support days at a day rate, and who pays."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from scraip.common.forms import hold_errors, posted_rows
from scraip.common.views import saved, submitted

from .. import services
from ..forms import CostItemFormSet, DayRateForm
from .common import CHANGE, get_review_for_user


@login_required
def review_costs(request, pk):
    """Permission: reviews.change_review. Support days, day rates and who pays."""
    review = get_review_for_user(request, pk, CHANGE)
    rows, adding_row = posted_rows(request, "costs")
    form = DayRateForm(request.POST or None, instance=review, prefix="review")
    formset = CostItemFormSet(
        rows,
        instance=review,
        prefix="costs",
        form_kwargs={"authorities": review.councils_taking_part()},
    )
    # The day rate first: once valid, it is the review's own for the lines without one.
    if adding_row:
        hold_errors(form, formset)
    elif (
        submitted(request, form)
        and formset.is_valid()
        and saved(
            form,
            lambda: services.review_costs_save(
                review=review,
                loaded_version=form.loaded_version if form.has_changed() else None,
                **formset.changes(),
            ),
        )
    ):
        messages.success(request, "Costs saved.")
        return redirect(f"{review.get_absolute_url()}#costs")
    return render(
        request, "reviews/costs_form.html", {"form": form, "formset": formset, "review": review}
    )
