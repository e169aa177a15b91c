"""What the reviews pages share: fetching a review the user may see, and the parts of a review
that several pages show (members by council, the evidence plan, the cost table)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from scraip.councils.models import Authority

from ..costs import cost_table
from ..models import Review, ReviewMember, number_steps
from ..rules import can_view_review

VIEW = "reviews.view_review"
CHANGE = "reviews.change_review"


def get_review_for_user(request, pk, permission=VIEW) -> Review:
    """A review the user may see (404 otherwise), then 403 if they may not do `permission`."""
    review = get_object_or_404(Review.objects.visible_to(request.user).with_people(), pk=pk)
    if permission != VIEW and not request.user.has_perm(permission, review):
        raise PermissionDenied
    return review


def viewable(user, reviews) -> set[int]:
    """Which of these reviews (authorities prefetched) the user may open in full."""
    return {review.pk for review in reviews if can_view_review.test(user, review)}


def evidence_plan(review, *, with_witnesses=True):
    return number_steps(review.activities.with_parts(witnesses=with_witnesses))


def members_by_council(members) -> list[tuple[Authority, list, list]]:
    """Each council's members and substitutes, as the scoping report lists them."""
    councils: dict[int, tuple] = {}
    for member in members:
        authority = member.councillor.authority
        entry = councils.setdefault(authority.pk, (authority, [], []))
        entry[2 if member.is_substitute else 1].append(member)
    return list(councils.values())


def review_cost_table(review):
    return cost_table(
        list(review.cost_items.select_related("borne_by")),
        authorities=review.councils_taking_part(),
        default_day_rate=review.day_rate,
    )


def scoping_context(review) -> dict:
    members = list(review.members.by_council())
    return {
        "review": review,
        "councils": members_by_council(members),
        "chair": next((m for m in members if m.role == ReviewMember.Role.CHAIR), None),
        "activities": evidence_plan(review),
        "costs": review_cost_table(review),
        "committees": review.committees_with_councils(),
    }
