"""The action plan as a PDF document (scraip.common.pdf): what it prints and how long it is.
Its view checks who may read the plan; this builds the document from the plan's id, in the
request or in the background (scraip.common.pdfjobs)."""

from django.shortcuts import get_object_or_404

from scraip.common.pdf import PdfDocument, pdf_filename

from .models import ActionPlan, RecommendationPart
from .views.fetch import plan_detail_queryset


def action_plan(plan_id: int) -> PdfDocument:
    """The SCRAIP laid out as the committee papers show it; its size is its answerable parts."""
    plans = ActionPlan.objects.select_related("authority", "committee")
    plan = get_object_or_404(plans, pk=plan_id)

    def context() -> dict:
        recommendations, report_backs = plan_detail_queryset(plan)
        return {"plan": plan, "recommendations": recommendations, "report_backs": report_backs}

    return PdfDocument(
        template="plans/pdf/action_plan.html",
        context=context,
        filename=pdf_filename("scraip", plan.title),
        title=f"SCRAIP: {plan.title}",
        items=RecommendationPart.objects.filter(recommendation__action_plan=plan).count(),
    )
