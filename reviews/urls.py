from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="programme"),
    path("network/", views.NetworkView.as_view(), name="network"),
    path("witnesses/", views.WitnessDirectoryView.as_view(), name="witness_directory"),
    path("new/", views.review_create, name="create"),
    path("deleted/", views.deleted_reviews, name="deleted"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/summary/", views.review_summary, name="summary"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/status/", views.review_status, name="status"),
    path("<int:pk>/members/", views.review_members, name="members"),
    path("<int:pk>/officers/", views.review_officers, name="officers"),
    path("<int:pk>/costs/", views.review_costs, name="costs"),
    path("<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("<int:pk>/scoping-report/", views.scoping_report, name="scoping_report"),
    path("<int:pk>/scoping-report/pdf/", views.scoping_pdf, name="scoping_pdf"),
    path("<int:pk>/scoping-report/word/", views.scoping_docx, name="scoping_docx"),
    # A long report made in the background: its progress page and its download.
    path("<int:pk>/scoping-report/pdf/<uuid:job>/", views.scoping_pdf, name="scoping_pdf_job"),
    path(
        "<int:pk>/scoping-report/pdf/<uuid:job>/download/",
        views.scoping_pdf,
        {"download": True},
        name="scoping_pdf_download",
    ),
    path("<int:pk>/recommendations/", views.review_recommendations, name="recommendations"),
    path("<int:pk>/history/", views.review_history, name="history"),
    path("<int:pk>/delete/", views.review_delete, name="delete"),
    path("<int:pk>/restore/", views.review_restore, name="restore"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/witnesses/", views.activity_witnesses, name="activity_witnesses"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/restore/", views.activity_restore, name="activity_restore"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/restore/", views.document_restore, name="document_restore"),
]
