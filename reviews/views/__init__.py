"""Pages for task-and-finish reviews, by concern. Each view names the rules permission that
guards it.

A review is shown in full (404 to anyone else) to the councillors and officers of the councils
taking part; its summary, in the shared work programmes, to everyone in the network.
"""

from .activities import (
    activity_create,
    activity_delete,
    activity_edit,
    activity_restore,
    activity_witnesses,
)
from .costs import review_costs
from .documents import document_delete, document_download, document_restore, document_upload
from .members import review_members, review_officers
from .programmes import NetworkView, ProgrammeView, WitnessDirectoryView
from .reviews import (
    deleted_reviews,
    review_create,
    review_delete,
    review_detail,
    review_edit,
    review_history,
    review_restore,
    review_status,
    review_summary,
)
from .scoping import review_recommendations, scoping_docx, scoping_pdf, scoping_report

__all__ = [
    "NetworkView",
    "ProgrammeView",
    "WitnessDirectoryView",
    "activity_create",
    "activity_delete",
    "activity_edit",
    "activity_restore",
    "activity_witnesses",
    "deleted_reviews",
    "document_delete",
    "document_download",
    "document_restore",
    "document_upload",
    "review_costs",
    "review_create",
    "review_delete",
    "review_detail",
    "review_edit",
    "review_history",
    "review_members",
    "review_officers",
    "review_recommendations",
    "review_restore",
    "review_status",
    "review_summary",
    "scoping_docx",
    "scoping_pdf",
    "scoping_report",
]
