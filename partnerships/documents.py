"""The partnership register's PDF documents (scraip.common.pdf): a partnership's profile and the
council's register. Their views check who may read them; these build the documents from the
record's id, in the request or in the background (scraip.common.pdfjobs)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from scraip.common.pdf import PdfDocument, pdf_filename
from scraip.councils.models import Authority

from .models import Partnership, RegisterSettings, financial_year_label
from .profile import build_profile, profile_queryset
from .totals import register_given


def profile(partnership_id: int) -> PdfDocument:
    """A partnership's profile for committee papers; its size is its outcomes and risks."""
    partnership = get_object_or_404(
        profile_queryset(Partnership.objects.with_details()), pk=partnership_id
    )
    return PdfDocument(
        template="partnerships/pdf/profile.html",
        context=lambda: {"profile": build_profile(partnership), "partnership": partnership},
        filename=pdf_filename("partnership", partnership.name),
        title=f"Partnership profile: {partnership.name}",
        items=partnership.outcomes.count() + partnership.risks.count(),
    )


def register(authority_id: int) -> PdfDocument:
    """The council's register in priority order; its size is its partnerships."""
    authority = get_object_or_404(Authority, pk=authority_id)
    partnerships = Partnership.objects.register_for(authority).prefetch_related("partners")

    def context() -> dict:
        register_settings = RegisterSettings.for_authority(authority)
        given = register_given(list(partnerships), register_settings.hours_per_day)
        return {
            "authority": authority,
            "register_settings": register_settings,
            "rows": given.rows,
            "by_year": given.by_year,
            "latest_label": financial_year_label(given.year),
            "today": timezone.localdate(),
        }

    return PdfDocument(
        template="partnerships/pdf/register.html",
        context=context,
        filename=pdf_filename("partnership-register", authority.name),
        title=f"Partnership register: {authority.name}",
        items=partnerships.count(),
    )
