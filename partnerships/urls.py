from django.urls import path, register_converter

from scraip.followup.routes import tracked_item_urls

from .converters import ItemKindConverter
from .models import Outcome
from .views import config, items, lists, public, recommendations, register

register_converter(ItemKindConverter, "itemkind")

app_name = "partnerships"


urlpatterns = [
    # The public register: no sign-in.
    path("register/", public.PublicRegisterView.as_view(), name="register"),
    path("register/<slug:slug>/", public.public_detail, name="register_detail"),
    path("register/<slug:slug>/reports/<int:pk>/", public.public_report, name="register_report"),
    # The council's own register.
    path("", register.PartnershipListView.as_view(), name="list"),
    path("new/", register.partnership_create, name="create"),
    path("<int:pk>/", register.partnership_detail, name="detail"),
    path("<int:pk>/edit/", register.partnership_edit, name="edit"),
    path("<int:pk>/definition/", register.definition_test, name="definition"),
    path("<int:pk>/checklist/", register.checklist, name="checklist"),
    path("<int:pk>/links/", register.links, name="links"),
    path("<int:pk>/publish/", register.publish, name="publish"),
    path("<int:pk>/delete/", register.partnership_delete, name="delete"),
    path("<int:pk>/restore/", register.partnership_restore, name="restore"),
    path("<int:pk>/history/", register.partnership_history, name="history"),
    path("<int:pk>/pdf/", register.partnership_pdf, name="pdf"),
    # A long PDF made in the background: its progress page and its download.
    path("<int:pk>/pdf/<uuid:job>/", register.partnership_pdf, name="pdf_job"),
    path(
        "<int:pk>/pdf/<uuid:job>/download/",
        register.partnership_pdf,
        {"download": True},
        name="pdf_download",
    ),
    path("<int:pk>/<itemkind:kind>/new/", items.item_add, name="item_add"),
    path("<itemkind:kind>/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("<itemkind:kind>/<int:pk>/delete/", items.item_delete, name="item_delete"),
    path("<itemkind:kind>/<int:pk>/restore/", items.item_restore, name="item_restore"),
    path("<itemkind:kind>/<int:pk>/history/", items.item_history, name="item_history"),
    path("report/<int:pk>/download/", items.report_download, name="report_download"),
    # An outcome's progress, through the follow-up engine (scraip.followup.routes).
    *tracked_item_urls(
        Outcome,
        namespace=app_name,
        paths={"item": "outcome/<int:pk>/progress/", "add": "outcome/<int:pk>/progress/new/"},
        names={
            "item": "outcome_progress",
            "target": "outcome_target",
            "verdict": "outcome_verdict",
        },
    ),
    # Across the register.
    path("priority/", lists.priority, name="priority"),
    path("priority/edit/", lists.priority_edit, name="priority_edit"),
    path("due-for-review/", lists.due_for_review, name="due_for_review"),
    path("corporate-risks/", lists.corporate_risks, name="corporate_risks"),
    path("compliance/", lists.compliance, name="compliance"),
    path("contributions/", lists.totals, name="totals"),
    path("pdf/", lists.register_pdf, name="register_pdf"),
    path("pdf/<uuid:job>/", lists.register_pdf, name="register_pdf_job"),
    path(
        "pdf/<uuid:job>/download/",
        lists.register_pdf,
        {"download": True},
        name="register_pdf_download",
    ),
    path("deleted/", lists.deleted, name="deleted"),
    path("settings/", config.register_settings, name="settings"),
    path("settings/definition/", config.settings_definition, name="settings_definition"),
    path("settings/checklist/", config.settings_checklist, name="settings_checklist"),
    path(
        "recommendations/<int:pk>/",
        recommendations.recommendation_partnerships,
        name="recommendation",
    ),
]
