"""Published action plans: no sign-in. (Being written.)"""

from django.http import Http404
from django.views.generic import View


def public_councils(request):
    """Permission: none (public)."""
    raise Http404


class PublicPlanListView(View):
    """Permission: none (public)."""


def public_plan(request, pk):
    """Permission: none (public)."""
    raise Http404
