"""Workflows of the partnership register that touch several rows. Each runs in one transaction.

Answers to the definition test and the protocol checklist, and the links to recommendations and
reviews, are saved as part of the partnership: each save moves the partnership's version on, so
two people editing the same partnership at once cannot overwrite each other unseen.
"""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from scraip.common.softdelete import restore, soft_delete
from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.plans.models import Recommendation

from .models import (
    AnnualReport,
    ChecklistAnswer,
    CommitteeReview,
    DefinitionAnswer,
    Partnership,
    RegisterSettings,
    Representative,
)


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
    partnership.slug = unique_slug(partnership.name)
    partnership.save()
    return partnership


def _lock(partnership: Partnership, loaded_version: int | None) -> None:
    """Claim the partnership at the version the form was loaded at (StaleEdit if it moved)."""
    save_versioned(partnership, loaded_version=loaded_version)


@transaction.atomic
def definition_answers_save(
    *,
    partnership: Partnership,
    answers: Iterable[tuple],
    loaded_version: int | None,
) -> None:
    """Save (criterion, answer, note) triples; an empty answer withdraws the earlier one."""
    _lock(partnership, loaded_version)
    for criterion, answer, note in answers:
        if not answer:
            DefinitionAnswer.objects.filter(partnership=partnership, criterion=criterion).delete()
            continue
        DefinitionAnswer.objects.update_or_create(
            partnership=partnership,
            criterion=criterion,
            defaults={"answer": answer, "note": note},
        )


@transaction.atomic
def checklist_answers_save(
    *,
    partnership: Partnership,
    answers: Iterable[tuple],
    loaded_version: int | None,
) -> None:
    """Save (item, status, answered_on, evidence) rows; an empty status withdraws the answer."""
    _lock(partnership, loaded_version)
    for item, status, answered_on, evidence in answers:
        if not status:
            ChecklistAnswer.objects.filter(partnership=partnership, item=item).delete()
            continue
        ChecklistAnswer.objects.update_or_create(
            partnership=partnership,
            item=item,
            defaults={"status": status, "answered_on": answered_on, "evidence": evidence},
        )


@transaction.atomic
def links_save(
    *, partnership: Partnership, recommendations, reviews, loaded_version: int | None
) -> None:
    _lock(partnership, loaded_version)
    partnership.recommendations.set(recommendations)
    partnership.reviews.set(reviews)


@transaction.atomic
def recommendation_links_change(
    *, recommendation: Recommendation, added: Iterable[Partnership], removed: Iterable[Partnership]
) -> None:
    """Link and unlink partnerships from the recommendation's side. Only what the officer
    changed is applied, so links someone else made meanwhile are kept."""
    recommendation.partnerships.add(*added)
    recommendation.partnerships.remove(*removed)


@transaction.atomic
def publish(*, partnership: Partnership, published: bool) -> None:
    """Put a partnership on the public register, or take it off. Only a partnership meeting
    the council's definition may go on."""
    if published:
        state = Partnership.objects.with_definition().get(pk=partnership.pk).definition_state
        if state != "meets":
            raise WorkflowError(
                f"{partnership} does not meet the council's definition of a partnership, so it "
                "cannot go on the public register. Answer the definition test first."
            )
        if not partnership.is_published:
            partnership.published_at = timezone.now()
    else:
        partnership.published_at = None
    partnership.save(update_fields=["published_at", "updated_at"])


@transaction.atomic
def register_settings_save(*, register_settings: RegisterSettings, loaded_version: int | None):
    """Save the council's settings; the defaults are only written the first time."""
    if register_settings.pk is None:
        existing = RegisterSettings.objects.filter(authority=register_settings.authority_id)
        if existing.exists():  # another officer saved the council's first settings meanwhile
            raise StaleEdit(existing.get())
        register_settings.save()
    else:
        save_versioned(register_settings, loaded_version=loaded_version)
    return register_settings


@transaction.atomic
def configuration_save(
    *, register_settings: RegisterSettings, formset, loaded_version: int | None
) -> None:
    """Save the definition's criteria or the checklist's items, in the order shown. Removing
    one soft-deletes it: its answers stay for the record, but it no longer counts."""
    register_settings_save(register_settings=register_settings, loaded_version=loaded_version)
    rows = formset.save(commit=False)
    for position, form in enumerate(formset.forms, start=1):
        if form.instance in rows:
            form.instance.authority = register_settings.authority
            form.instance.position = position
    for row in rows:
        row.save()
    for row in formset.deleted_objects:
        row.refresh_from_db()  # the form may have blanked the copy it holds
        soft_delete(record=row)


@transaction.atomic
def priority_save(
    *,
    register_settings: RegisterSettings,
    ranks: dict[Partnership, int | None],
    above_the_line: int,
    loaded_version: int | None,
) -> None:
    """Rank the council's partnerships 1, 2, 3… in the order the officer gave (ties by name);
    those left blank are unranked. `above_the_line` says how many of them come first."""
    register_settings.above_the_line = above_the_line
    register_settings_save(register_settings=register_settings, loaded_version=loaded_version)
    ranked = sorted(
        (partnership for partnership, rank in ranks.items() if rank),
        key=lambda partnership: (ranks[partnership], partnership.name.lower(), partnership.pk),
    )
    new_ranks = {partnership.pk: number for number, partnership in enumerate(ranked, start=1)}
    for partnership in ranks:
        rank = new_ranks.get(partnership.pk)
        if partnership.priority_rank != rank:
            partnership.priority_rank = rank
            partnership.save(update_fields=["priority_rank", "updated_at"])


def default_next_review(considered_on: datetime.date, authority) -> datetime.date:
    interval = RegisterSettings.for_authority(authority).review_interval_months
    return considered_on + relativedelta(months=interval)


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
    """Save a row of a partnership (partner, contribution, risk…) at the version it was
    loaded at. A committee review also moves the partnership's next review date."""
    save_versioned(item, loaded_version=loaded_version)
    if isinstance(item, CommitteeReview):
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
