"""The kinds of tracked item the follow-up engine serves.

    registry.register(FollowedPart, slug="items")   # in the owning app's AppConfig.ready()

A kind is a model inheriting scraip.followup.models.TrackedItem; registering it checks that it
provides the whole interface. The engine's pages for it are then added by its app's urls.py
with scraip.followup.routes.tracked_item_urls(Model, namespace=app_name).
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Kind:
    model: type
    slug: str  # the first part of its pages' paths: /<slug>/<pk>/


_kinds: dict[type, Kind] = {}


def register(model: type, *, slug: str) -> Kind:
    """Follow up `model`'s rows. Refused if it leaves out part of the interface."""
    from .models.tracked import TrackedItem, missing_members

    if not issubclass(model, TrackedItem):
        raise ImproperlyConfigured(f"{model.__name__} is not a TrackedItem.")
    missing = missing_members(model)
    if missing:
        raise ImproperlyConfigured(
            f"{model.__name__} does not provide the tracked-item interface: {', '.join(missing)}"
        )
    kind = Kind(model, slug)
    if _kinds.get(model, kind) != kind:
        raise ImproperlyConfigured(f"{model.__name__} is already registered differently.")
    _kinds[model] = kind
    return kind


def kinds() -> list[Kind]:
    return list(_kinds.values())


def kind_of(model: type) -> Kind:
    try:
        return _kinds[model]
    except KeyError:
        raise ImproperlyConfigured(f"{model.__name__} is not a registered tracked item.") from None


def model_for(concrete_model: type) -> type | None:
    """The registered kind stored in `concrete_model`'s table (a proxy's concrete model maps
    to the proxy), or None."""
    for model in _kinds:
        if model._meta.concrete_model is concrete_model._meta.concrete_model:
            return model
    return None
