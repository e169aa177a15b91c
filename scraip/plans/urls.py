from django.urls import path

from .views import plans, recommendations

app_name = "plans"

urlpatterns = [
    path("", plans.home, name="home"),
    path("plans/", plans.ActionPlanListView.as_view(), name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/send/", plans.plan_send, name="plan_send"),
    path("plans/<int:pk>/publication/", plans.plan_publication, name="plan_publication"),
    path("plans/<int:pk>/pdf/", plans.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/word/", plans.plan_docx, name="plan_docx"),
    # A long plan's PDF, made in the background: its progress page and its download.
    path("plans/<int:pk>/pdf/<uuid:job>/", plans.plan_pdf, name="plan_pdf_job"),
    path(
        "plans/<int:pk>/pdf/<uuid:job>/download/",
        plans.plan_pdf,
        {"download": True},
        name="plan_pdf_download",
    ),
    path("plans/<int:pk>/delete/", plans.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/restore/", plans.plan_restore, name="plan_restore"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan_history"),
    path("plans/deleted/", plans.deleted_items, name="deleted_items"),
    path("plans/<int:pk>/report-backs/", plans.report_backs_edit, name="report_backs_edit"),
    path(
        "plans/<int:pk>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/",
        recommendations.RecommendationListView.as_view(),
        name="recommendation_list",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<int:pk>/delete/",
        recommendations.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "recommendations/<int:pk>/move/",
        recommendations.recommendation_move,
        name="recommendation_move",
    ),
    path(
        "recommendations/<int:pk>/restore/",
        recommendations.recommendation_restore,
        name="recommendation_restore",
    ),
    path(
        "recommendations/<int:pk>/history/",
        recommendations.recommendation_history,
        name="recommendation_history",
    ),
    path(
        "responses/<int:pk>/history/",
        recommendations.response_history,
        name="response_history",
    ),
    path("responses/awaiting/", recommendations.awaiting_response, name="awaiting_response"),
    path("parts/<int:pk>/respond/", recommendations.respond, name="respond"),
]
