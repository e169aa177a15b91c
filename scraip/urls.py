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
    path("plans/<int:pk>/report-backs/", views.report_backs_edit, name="report_backs_edit"),
    path(
        "plans/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("responses/awaiting/", views.awaiting_response, name="awaiting_response"),
    path("parts/<int:pk>/respond/", views.respond, name="respond"),
]
