"""The follow-up engine's pages for one kind of tracked item, under its own app's URLs.

    app_name = "partnerships"
    urlpatterns = [
        ...,
        *tracked_item_urls(Outcome, namespace=app_name, paths={...}, names={...}),
    ]

Six pages: the item's progress, a new update, a moved target date, the committee's verdict at a
meeting, and correcting an update or downloading its evidence. Paths default to the kind's
registered slug (`items/<pk>/`, `items/<pk>/update/`…, `updates/<pk>/edit/`); names to
`progress_item`, `progress_add`, `target_date_change`, `verdict_record`, `progress_edit` and
`progress_evidence`. An app keeping older paths or names passes them.
"""

from dataclasses import dataclass

from django.urls import path

from . import registry
from .views import items

PAGES = ("item", "add", "target", "verdict", "edit", "evidence")
NAMES = {
    "item": "progress_item",
    "add": "progress_add",
    "target": "target_date_change",
    "verdict": "verdict_record",
    "edit": "progress_edit",
    "evidence": "progress_evidence",
}


@dataclass(frozen=True)
class Pages:
    """The route names (namespaced) of one kind's engine pages, for reverse() and {% url %}.
    Every engine view gets it as its `pages` argument."""

    model: type
    item: str
    add: str
    target: str
    verdict: str
    edit: str
    evidence: str


def default_paths(slug: str) -> dict[str, str]:
    return {
        "item": f"{slug}/<int:pk>/",
        "add": f"{slug}/<int:pk>/update/",
        "target": f"{slug}/<int:pk>/target-date/",
        "verdict": f"{slug}/<int:pk>/meetings/<int:meeting_pk>/verdict/",
        "edit": "updates/<int:pk>/edit/",
        "evidence": "updates/<int:pk>/evidence/",
    }


def tracked_item_urls(
    model: type,
    *,
    namespace: str,
    paths: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
) -> list:
    """The URL patterns of the engine's pages for `model`, a registered kind."""
    paths = {**default_paths(registry.kind_of(model).slug), **(paths or {})}
    names = {**NAMES, **(names or {})}
    pages = Pages(model, **{page: f"{namespace}:{names[page]}" for page in PAGES})
    views = {
        "item": items.progress_item,
        "add": items.progress_add,
        "target": items.target_date_change,
        "verdict": items.verdict_record,
        "edit": items.progress_edit,
        "evidence": items.progress_evidence,
    }
    return [path(paths[page], views[page], {"pages": pages}, name=names[page]) for page in PAGES]
