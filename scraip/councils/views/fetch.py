"""Every setup page's record is fetched through these helpers: a council the user does not
belong to answers 404 (its records are not theirs to know of), one they belong to without
being its administrator answers 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Authority
from ..rules import authorities_for

PERMISSION = "councils.administer_authority"


def get_authority_for_setup(request, pk) -> Authority:
    authority = get_object_or_404(authorities_for(request.user), pk=pk)
    if not request.user.has_perm(PERMISSION, authority):
        raise PermissionDenied
    return authority


def get_for_setup(request, queryset, pk, authority_path: str = "authority"):
    """A row of one of the user's councils (`authority_path` leads from the row to its
    council), which they must administer."""
    row = get_object_or_404(
        queryset, pk=pk, **{f"{authority_path}__in": authorities_for(request.user)}
    )
    authority = row
    for step in authority_path.split("__"):
        authority = getattr(authority, step)
    if not request.user.has_perm(PERMISSION, authority):
        raise PermissionDenied
    return row
