from django.urls import path

from . import views

app_name = "scraip"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.ActionPlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/send/", views.plan_send, name="plan_send"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/restore/", views.plan_restore, name="plan_restore"),
    path("plans/<int:pk>/history/", views.plan_history, name="plan_history"),
    path("plans/deleted/", views.deleted_items, name="deleted_items"),
    path("plans/<int:pk>/report-backs/", views.report_backs_edit, name="report_backs_edit"),
    path(
        "plans/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:pk>/delete/",
        views.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "recommendations/<int:pk>/restore/",
        views.recommendation_restore,
        name="recommendation_restore",
    ),
    path(
        "recommendations/<int:pk>/history/",
        views.recommendation_history,
        name="recommendation_history",
    ),
    path("responses/<int:pk>/history/", views.response_history, name="response_history"),
    path("responses/awaiting/", views.awaiting_response, name="awaiting_response"),
    path("parts/<int:pk>/respond/", views.respond, name="respond"),
]
