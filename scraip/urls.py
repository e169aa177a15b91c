from django.urls import path

from . import dashboard_views, meeting_views, progress_views, views

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
    # Follow-up: meetings, progress, verdicts, dashboards, calendar feeds.
    path("meetings/", meeting_views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meeting_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/pack/", meeting_views.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/pack/pdf/", meeting_views.meeting_pack_pdf, name="meeting_pack_pdf"),
    path(
        "meetings/<int:pk>/request-updates/",
        meeting_views.meeting_request_updates,
        name="meeting_request_updates",
    ),
    path(
        "report-backs/<int:pk>/complete/",
        meeting_views.report_back_complete,
        name="report_back_complete",
    ),
    path("items/<int:pk>/", progress_views.progress_item, name="progress_item"),
    path("items/<int:pk>/update/", progress_views.progress_add, name="progress_add"),
    path(
        "items/<int:pk>/target-date/",
        progress_views.target_date_change,
        name="target_date_change",
    ),
    path(
        "items/<int:pk>/meetings/<int:meeting_pk>/verdict/",
        progress_views.verdict_record,
        name="verdict_record",
    ),
    path("updates/<int:pk>/edit/", progress_views.progress_edit, name="progress_edit"),
    path("updates/<int:pk>/evidence/", progress_views.progress_evidence, name="progress_evidence"),
    path("updates/owed/", progress_views.updates_owed, name="updates_owed"),
    path("plans/<int:pk>/progress/", progress_views.plan_tracker, name="plan_tracker"),
    path(
        "plans/<int:pk>/progress/export/<str:fmt>/",
        progress_views.plan_tracker_export,
        name="plan_tracker_export",
    ),
    path(
        "plans/<int:pk>/progress/import/",
        progress_views.plan_tracker_import,
        name="plan_tracker_import",
    ),
    path(
        "committees/<int:pk>/progress/export/<str:fmt>/",
        progress_views.committee_tracker_export,
        name="committee_tracker_export",
    ),
    path(
        "committees/<int:pk>/progress/import/",
        progress_views.committee_tracker_import,
        name="committee_tracker_import",
    ),
    path("dashboards/officer/", dashboard_views.dashboard_officer, name="dashboard_officer"),
    path("dashboards/cabinet/", dashboard_views.dashboard_cabinet, name="dashboard_cabinet"),
    path("dashboards/lead-officer/", dashboard_views.dashboard_lead, name="dashboard_lead"),
    path("calendar/", dashboard_views.calendar_feeds, name="calendar_feeds"),
    path(
        "calendar/<int:pk>/revoke/",
        dashboard_views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("calendar/<str:token>.ics", dashboard_views.calendar_feed, name="calendar_feed"),
]
