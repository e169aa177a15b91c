from django.urls import path

from .models import FollowedPart
from .routes import tracked_item_urls
from .views import (
    calendar,
    dashboards,
    impact,
    meetings,
    opendata,
    public,
    statuses,
    tracker,
    tracker_import,
)

app_name = "followup"

urlpatterns = [
    # Published action plans and open data: no sign-in (the rule: ActionPlan.objects.published).
    path("public/", public.public_councils, name="public_councils"),
    path("public/<int:authority>/", public.PublicPlanListView.as_view(), name="public_plans"),
    path("public/plans/<int:pk>/", public.public_plan, name="public_plan"),
    path("public/data/", opendata.open_data, name="open_data"),
    path("public/data/schema.json", opendata.open_data_schema, name="open_data_schema"),
    path(
        "public/data/recommendations.<str:fmt>",
        opendata.open_data_download,
        name="open_data_all",
    ),
    path(
        "public/<int:authority>/data/recommendations.<str:fmt>",
        opendata.open_data_download,
        name="open_data_council",
    ),
    path("public/feed.atom", opendata.public_feed, name="public_feed"),
    path("public/<int:authority>/feed.atom", opendata.public_feed, name="public_council_feed"),
    # The impact report of a council, for a municipal year (?year=2025) or every year.
    path("councils/impact/", impact.impact_network, name="impact_network"),
    path("councils/<int:pk>/impact/", impact.impact, name="impact"),
    path("councils/<int:pk>/impact/pdf/", impact.impact_pdf, name="impact_pdf"),
    path("councils/<int:pk>/impact/word/", impact.impact_docx, name="impact_docx"),
    path("councils/<int:pk>/impact/csv/", impact.impact_csv, name="impact_csv"),
    # A council's own progress statuses, among its setup pages.
    path("setup/<int:authority>/statuses/", statuses.status_list, name="status_list"),
    path("setup/<int:authority>/statuses/add/", statuses.status_add, name="status_add"),
    path("setup/statuses/<int:pk>/", statuses.status_edit, name="status_edit"),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/pack/", meetings.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/pack/pdf/", meetings.meeting_pack_pdf, name="meeting_pack_pdf"),
    path("meetings/<int:pk>/pack/word/", meetings.meeting_pack_docx, name="meeting_pack_docx"),
    # A long pack, made in the background: its progress page and its download.
    path(
        "meetings/<int:pk>/pack/pdf/<uuid:job>/",
        meetings.meeting_pack_pdf,
        name="meeting_pack_pdf_job",
    ),
    path(
        "meetings/<int:pk>/pack/pdf/<uuid:job>/download/",
        meetings.meeting_pack_pdf,
        {"download": True},
        name="meeting_pack_pdf_download",
    ),
    path(
        "meetings/<int:pk>/request-updates/",
        meetings.meeting_request_updates,
        name="meeting_request_updates",
    ),
    path(
        "report-backs/<int:pk>/complete/",
        meetings.report_back_complete,
        name="report_back_complete",
    ),
    # The follow-up engine's pages for a recommendation part: /items/<pk>/… and /updates/<pk>/….
    *tracked_item_urls(FollowedPart, namespace=app_name),
    path("updates/owed/", dashboards.updates_owed, name="updates_owed"),
    path("plans/<int:pk>/progress/", tracker.plan_tracker, name="plan_tracker"),
    # A council's existing tracker brought in: upload, match, check, import.
    path("plans/import/", tracker_import.tracker_upload, name="tracker_upload"),
    path("plans/import/columns/", tracker_import.tracker_map, name="tracker_map"),
    path(
        "plans/import/template.<str:fmt>",
        tracker_import.tracker_template,
        name="tracker_template",
    ),
    path("plans/import/confirm/", tracker_import.tracker_confirm, name="tracker_confirm"),
    path(
        "plans/<int:pk>/progress/export/<str:fmt>/",
        tracker.plan_tracker_export,
        name="plan_tracker_export",
    ),
    path(
        "plans/<int:pk>/progress/import/",
        tracker.plan_tracker_import,
        name="plan_tracker_import",
    ),
    path(
        "councils/<int:pk>/progress/export/<str:fmt>/",
        tracker.council_tracker_export,
        name="council_tracker_export",
    ),
    path(
        "committees/<int:pk>/progress/export/<str:fmt>/",
        tracker.committee_tracker_export,
        name="committee_tracker_export",
    ),
    path(
        "committees/<int:pk>/progress/import/",
        tracker.committee_tracker_import,
        name="committee_tracker_import",
    ),
    path("dashboards/officer/", dashboards.dashboard_officer, name="dashboard_officer"),
    path("dashboards/cabinet/", dashboards.dashboard_cabinet, name="dashboard_cabinet"),
    path("dashboards/lead-officer/", dashboards.dashboard_lead, name="dashboard_lead"),
    path("calendar/", calendar.calendar_feeds, name="calendar_feeds"),
    path("calendar/<int:pk>/revoke/", calendar.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
