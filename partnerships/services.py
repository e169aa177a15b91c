"""Workflows of the partnership register that touch several rows. Each takes plain data, runs in
one transaction, and is what the pages, the admin and the demo loader all call.

Answers to the definition test and the protocol checklist, and the links to recommendations and
reviews, are saved as part of the partnership: each save moves the partnership's version on, so
two people editing the same partnership at once cannot overwrite each other unseen.

A rule about one row is the model's `clean()`; the services check that each row they write
passes it, and add the rules across rows: the criteria and items are the council's own, only a
partnership meeting the definition goes on the public register, the ranks are of the council's
register, links go to the council's own recommendations and reviews.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from scraip.common.softdelete import restore, soft_delete
from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.plans.models import Recommendation

from .models import (
    AnnualReport,
    ChecklistAnswer,
    ChecklistItem,
    CommitteeReview,
    DefinitionAnswer,
    DefinitionCriterion,
    DefinitionState,
    Partnership,
    RegisterSettings,
    Representative,
)


def _validated(row, *, exclude: Iterable[str] = ()):
    """The row, once it passes its model's rules (ValidationError otherwise). Uniqueness is the
    caller's: each service finds the row it updates."""
    row.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    return row


def _lock(partnership: Partnership, loaded_version: int | None) -> None:
    """Claim the partnership at the version the form was loaded at (StaleEdit if it moved)."""
    save_versioned(partnership, loaded_version=loaded_version)


# The partnership itself.


def unique_slug(name: str) -> str:
    """The public register's address for a partnership: its name, made unique with a number.
    Deleted partnerships keep theirs, so a restored one comes back at the same address."""
    base = slugify(name)[:200].strip("-") or "partnership"
    slug, number = base, 1
    while Partnership.all_objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def partnership_create(*, partnership: Partnership) -> Partnership:
    """Add a partnership (validated by its form or caller) at an address of its own."""
    partnership.slug = unique_slug(partnership.name)
    partnership.save()
    return partnership


def definition_state_of(partnership: Partnership) -> DefinitionState:
    state = Partnership.objects.with_definition().get(pk=partnership.pk).definition_state
    return DefinitionState(state)


@transaction.atomic
def partnership_publish(*, partnership: Partnership, published: bool) -> None:
    """Put a partnership on the public register, or take it off. Only a partnership meeting
    the council's definition may go on."""
    if published:
        if definition_state_of(partnership) != DefinitionState.MEETS:
            raise WorkflowError(
                f"{partnership} does not meet the council's definition of a partnership, so it "
                "cannot go on the public register. Answer the definition test first."
            )
        if not partnership.is_published:
            partnership.published_at = timezone.now()
    else:
        partnership.published_at = None
    partnership.save(update_fields=["published_at", "updated_at"])


# Its answers to the definition test and the checklist.


def _council_rows(model, partnership: Partnership, pks: Iterable[int], what: str) -> dict:
    """The council's own criteria or checklist items with these pks (WorkflowError if any is
    not, or is no longer, one of them)."""
    pks = set(pks)
    rows = {row.pk: row for row in model.objects.filter(authority=partnership.authority_id)}
    if not pks <= set(rows):
        raise WorkflowError(
            f"One of the {what} answered is no longer part of the council's {what}s. "
            "Reload the page and answer again."
        )
    return rows


@transaction.atomic
def definition_answers_save(
    *,
    partnership: Partnership,
    answers: dict[int, tuple[str, str]],
    loaded_version: int | None,
) -> DefinitionState:
    """Answer the council's definition test: {criterion pk: (answer, note)}; an empty answer
    withdraws the earlier one. Gives where the partnership now stands: only a partnership
    meeting the definition enters the register."""
    _lock(partnership, loaded_version)
    criteria = _council_rows(DefinitionCriterion, partnership, answers, "definition question")
    current = {answer.criterion_id: answer for answer in partnership.definition_answers.all()}
    for pk, (answer, note) in answers.items():
        row = current.get(pk)
        if not answer:
            if row:
                soft_delete(record=row)
            continue
        row = row or DefinitionAnswer(partnership=partnership, criterion=criteria[pk])
        row.answer, row.note = answer, note
        _validated(row, exclude=["partnership", "criterion"]).save()
    return definition_state_of(partnership)


@transaction.atomic
def checklist_answers_save(
    *,
    partnership: Partnership,
    answers: dict[int, tuple[str, datetime.date | None, str]],
    loaded_version: int | None,
) -> None:
    """Answer the protocol checklist: {item pk: (status, answered on, evidence)}; an empty
    status withdraws the earlier answer."""
    _lock(partnership, loaded_version)
    items = _council_rows(ChecklistItem, partnership, answers, "checklist item")
    current = {answer.item_id: answer for answer in partnership.checklist_answers.all()}
    for pk, (status, answered_on, evidence) in answers.items():
        row = current.get(pk)
        if not status:
            if row:
                soft_delete(record=row)
            continue
        row = row or ChecklistAnswer(partnership=partnership, item=items[pk])
        row.status, row.answered_on, row.evidence = status, answered_on, evidence
        _validated(row, exclude=["partnership", "item"]).save()


# Links to the recommendations and reviews about it.


def _chosen(queryset, pks: Iterable[int], what: str) -> list:
    pks = set(pks)
    rows = list(queryset.filter(pk__in=pks))
    if len(rows) != len(pks):
        raise WorkflowError(f"One of the {what} chosen is not the council's, or was removed.")
    return rows


def partnership_links_check(
    *, partnership: Partnership, recommendation_ids: Iterable[int], review_ids: Iterable[int]
) -> tuple[list, list]:
    """The recommendations and reviews with these pks, if every one is of the partnership's
    council (WorkflowError otherwise). The admin checks its links with this too."""
    recommendations = _chosen(
        partnership.linkable_recommendations(), recommendation_ids, "recommendations"
    )
    reviews = _chosen(partnership.linkable_reviews(), review_ids, "reviews")
    return recommendations, reviews


@transaction.atomic
def partnership_links_save(
    *,
    partnership: Partnership,
    recommendation_ids: Iterable[int],
    review_ids: Iterable[int],
    loaded_version: int | None,
) -> None:
    """Link the partnership to exactly these recommendations and reviews, of its council."""
    recommendations, reviews = partnership_links_check(
        partnership=partnership, recommendation_ids=recommendation_ids, review_ids=review_ids
    )
    _lock(partnership, loaded_version)
    partnership.recommendations.set(recommendations)
    partnership.reviews.set(reviews)


@transaction.atomic
def recommendation_links_change(
    *, recommendation: Recommendation, added: Iterable[int], removed: Iterable[int]
) -> None:
    """Link and unlink partnerships (by pk) from the recommendation's side. Only what the
    officer changed is applied, so links someone else made meanwhile are kept."""
    council = Partnership.objects.filter(authority=recommendation.action_plan.authority_id)
    recommendation.partnerships.add(*_chosen(council, added, "partnerships"))
    recommendation.partnerships.remove(*Partnership.all_objects.filter(pk__in=set(removed)))


# The council's settings, definition and checklist.


@transaction.atomic
def register_settings_save(
    *, register_settings: RegisterSettings, loaded_version: int | None
) -> RegisterSettings:
    """Save the council's settings; the defaults are only written the first time."""
    _validated(register_settings, exclude=["authority"])
    if register_settings.pk is None:
        existing = RegisterSettings.objects.filter(authority=register_settings.authority_id)
        if existing.exists():  # another officer saved the council's first settings meanwhile
            raise StaleEdit(existing.get())
        register_settings.save()
    else:
        save_versioned(register_settings, loaded_version=loaded_version)
    return register_settings


def _configuration_save(model, register_settings, rows, removed, loaded_version) -> None:
    """Save criteria or checklist items: rows of {"pk" (None for a new one), "position", and
    the fields}, each a change the officer made; soft-delete those `removed`. A removed row's
    answers go with it: it no longer counts, but comes back with them if restored."""
    register_settings_save(register_settings=register_settings, loaded_version=loaded_version)
    authority = register_settings.authority_id
    council = {row.pk: row for row in model.objects.filter(authority=authority)}
    for values in rows:
        values = dict(values)
        pk = values.pop("pk", None)
        if pk is not None and pk not in council:
            raise WorkflowError("One of the rows was removed meanwhile. Reload the page.")
        row = council[pk] if pk is not None else model(authority_id=authority)
        for name, value in values.items():
            setattr(row, name, value)
        _validated(row, exclude=["authority"]).save()
    for pk in removed:
        if pk in council:
            soft_delete(record=council[pk])


@transaction.atomic
def definition_criteria_save(
    *,
    register_settings: RegisterSettings,
    rows: list[dict],
    removed: Iterable[int] = (),
    loaded_version: int | None,
) -> None:
    """The criteria of the council's definition: see _configuration_save."""
    _configuration_save(DefinitionCriterion, register_settings, rows, removed, loaded_version)


@transaction.atomic
def checklist_items_save(
    *,
    register_settings: RegisterSettings,
    rows: list[dict],
    removed: Iterable[int] = (),
    loaded_version: int | None,
) -> None:
    """The items of the council's model protocol checklist: see _configuration_save."""
    _configuration_save(ChecklistItem, register_settings, rows, removed, loaded_version)


@transaction.atomic
def priority_save(
    *,
    register_settings: RegisterSettings,
    ranks: dict[int, int | None],
    above_the_line: int,
    loaded_version: int | None,
) -> None:
    """Rank the council's register {partnership pk: number or None}: 1, 2, 3… in the order
    the officer gave (ties by name); those left blank are unranked. `above_the_line` says how
    many of them come first."""
    if any(rank is not None and rank < 1 for rank in ranks.values()):
        raise WorkflowError("Ranks start at 1.")
    register = Partnership.objects.filter(authority=register_settings.authority_id).qualifying()
    partnerships = _chosen(register, ranks, "partnerships ranked")
    register_settings.above_the_line = above_the_line
    register_settings_save(register_settings=register_settings, loaded_version=loaded_version)
    ranked = sorted(
        (partnership for partnership in partnerships if ranks[partnership.pk]),
        key=lambda partnership: (ranks[partnership.pk], partnership.name.lower(), partnership.pk),
    )
    new_ranks = {partnership.pk: number for number, partnership in enumerate(ranked, start=1)}
    for partnership in partnerships:
        rank = new_ranks.get(partnership.pk)
        if partnership.priority_rank != rank:
            partnership.priority_rank = rank
            partnership.save(update_fields=["priority_rank", "updated_at"])


# The rows of a partnership.


def _refresh_next_review(partnership: Partnership) -> None:
    """The partnership's next review is the one set at its latest committee review."""
    latest = partnership.committee_reviews.order_by("-considered_on", "-pk").first()
    if latest and partnership.next_review_due != latest.next_review_due:
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        partnership.next_review_due = latest.next_review_due
        # Moves the version on, so an edit form opened before this is told what changed.
        save_versioned(partnership, loaded_version=partnership.version)


@transaction.atomic
def item_save(*, item, loaded_version: int | None) -> None:
    """Save a row of a partnership (partner, contribution, risk…), validated by its form or
    caller, at the version it was loaded at. A committee review left without a next review
    date gets the council's usual interval after it, and moves the partnership's date."""
    reviewed = isinstance(item, CommitteeReview)
    if reviewed and item.next_review_due is None:
        register_settings = RegisterSettings.for_authority(item.partnership.authority_id)
        item.next_review_due = register_settings.next_review_after(item.considered_on)
    save_versioned(item, loaded_version=loaded_version)
    if reviewed:
        _refresh_next_review(item.partnership)


@transaction.atomic
def item_delete(*, item) -> None:
    soft_delete(record=item)
    if isinstance(item, CommitteeReview):
        _refresh_next_review(item.partnership)


@transaction.atomic
def item_restore(*, item) -> None:
    """Bring a deleted row back, unless something now stands in its place."""
    if isinstance(item, AnnualReport):
        taken = AnnualReport.objects.filter(partnership=item.partnership_id, year=item.year)
        if taken.exists():
            raise WorkflowError(
                f"The partnership now has another annual report for {item.year_label}. "
                "Remove that one first."
            )
    if isinstance(item, Representative):
        taken = Representative.objects.filter(
            partnership=item.partnership_id, person=item.person_id
        )
        if taken.exists():
            raise WorkflowError(f"{item.person} is already listed as a representative.")
    restore(record=item)
    if isinstance(item, CommitteeReview):
        _refresh_next_review(item.partnership)
