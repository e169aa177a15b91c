"""The public register: no sign-in. It shows only partnerships that are published and meet their
council's definition, never anything in draft or deleted, and of people only their names and
roles: never an email address or telephone number."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from scraip.common.uploads import safe_download_response
from scraip.councils.models import Authority

from ..filters import PublicRegisterFilter
from ..models import AnnualReport, Partnership
from ..profile import build_profile, profile_queryset


class PublicRegisterView(FilterView):
    """Permission: none (public). Every published partnership meeting its council's definition."""

    filterset_class = PublicRegisterFilter
    paginate_by = 25
    template_name = "partnerships/public/register.html"

    def get_queryset(self):
        return Partnership.objects.public_register()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = Authority.objects.filter(
            pk__in=Partnership.objects.published().values("authority")
        )
        return kwargs


@require_safe
def public_detail(request, slug):
    """Permission: none (public). One published partnership: partners, representatives (names
    and roles), contributions, benefits, outcomes, risks, exit strategy and annual reports."""
    partnership = get_object_or_404(
        profile_queryset(Partnership.objects.published_with_details(), public=True), slug=slug
    )
    return render(
        request,
        "partnerships/public/detail.html",
        {"profile": build_profile(partnership, public=True), "partnership": partnership},
    )


@require_safe
def public_report(request, slug, pk):
    """Permission: none (public). An annual report of a published partnership, as a download."""
    report = get_object_or_404(
        AnnualReport.objects.select_related("partnership"), pk=pk, partnership__slug=slug
    )
    if not Partnership.objects.published().filter(pk=report.partnership_id).exists():
        raise Http404("No such report")
    return safe_download_response(report.file, report.original_name or report.title)
