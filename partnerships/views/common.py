"""Fetch helpers shared by the register's views: each scopes by permission before anything else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from scraip.councils.models import Authority
from scraip.councils.rules import authorities_for, person_of

from ..models import Partnership

VIEW = "partnerships.view_partnership"
CHANGE = "partnerships.change_partnership"
MANAGE = "partnerships.manage_register"


def register_authority(request) -> Authority:
    """The council whose register the user keeps or reads: their own, or for the service's
    administrators (who belong to no council) the one named by ?authority=, else the first."""
    person = person_of(request.user)
    if person and person.authority_id:
        return person.authority
    authorities = authorities_for(request.user)
    chosen = request.GET.get("authority", "")
    found = (
        authorities.filter(pk=chosen).first()
        if chosen.isascii() and chosen.isdigit() and len(chosen) < 10
        else None
    )
    found = found or authorities.first()
    if found is None:
        raise Http404("No council")
    return found


def get_partnership_for_user(request, pk, permission=VIEW, queryset=None) -> Partnership:
    """A partnership the user may see (404 otherwise), then 403 without `permission`."""
    queryset = queryset if queryset is not None else Partnership.objects.with_details()
    partnership = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm(VIEW, partnership):
        raise Http404("No partnership found")
    if permission != VIEW and not request.user.has_perm(permission, partnership):
        raise PermissionDenied
    return partnership
