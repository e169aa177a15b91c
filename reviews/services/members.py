"""Who sits on the task-and-finish group: councillors of the councils taking part, one chair and
one vice-chair, and substitutes standing in for a member of their own council."""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from scraip.common.softdelete import soft_delete
from scraip.councils.rules import person_of

from ..models import Review, ReviewMember

Errors = dict[int, dict[str, list[str]]]


def _authority_label(authority) -> str:
    return authority.short_name or authority.name


def review_members_errors(*, participant_ids: set[int], members: list[ReviewMember]) -> Errors:
    """What is wrong with the group as it would be (removed members left out): by the index of
    each member in `members`, then by field."""
    errors: Errors = defaultdict(lambda: defaultdict(list))
    seen = set()
    for index, member in enumerate(members):
        if member.councillor.authority_id not in participant_ids:
            errors[index]["councillor"].append(
                "Choose a councillor of one of the councils taking part"
            )
        if member.councillor_id in seen:
            errors[index]["councillor"].append(f"{member.councillor} is listed twice")
        seen.add(member.councillor_id)
    for role in (ReviewMember.Role.CHAIR, ReviewMember.Role.VICE_CHAIR):
        holders = [index for index, member in enumerate(members) if member.role == role]
        for index in holders[1:]:
            errors[index]["role"].append(f"The group has only one {role.label.lower()}")
    _check_substitutes(members, errors)
    return {index: dict(fields) for index, fields in errors.items()}


def _check_substitutes(members: list[ReviewMember], errors: Errors) -> None:
    """A substitute needs a full member of their own council, not being removed, to stand in
    for: the one chosen, or any of that council's members."""
    full_members = [member for member in members if not member.is_substitute]
    full_member_ids = {member.pk for member in full_members if member.pk}
    councils_with_members = {member.councillor.authority_id for member in full_members}
    for index, member in enumerate(members):
        stands_in_for = member.substitute_for
        if not member.is_substitute:
            continue
        councillor = member.councillor
        council = _authority_label(councillor.authority)
        if councillor.authority_id not in councils_with_members:
            errors[index]["role"].append(
                f"{councillor} is a substitute, but no {council} member is on the group for "
                "them to stand in for. Add that member first, or make this councillor a member"
            )
        elif stands_in_for and (
            stands_in_for.pk not in full_member_ids
            or stands_in_for.councillor.authority_id != councillor.authority_id
        ):
            errors[index]["substitute_for"].append(
                f"A substitute stands in for a {council} member of the group who is not being "
                "removed"
            )


def review_members_remit_problem(
    *, review: Review, by, changed: Iterable[ReviewMember], removed: Iterable[ReviewMember]
) -> str | None:
    """Why `by` may not make these changes, if they may not: only the lead council's officers
    add or remove members from other councils (a councillor replaced on a row counts as both).
    Nobody given (a script, the demo loader) is not asked."""
    if by is None or by.has_perm("reviews.change_other_councils_members", review):
        return None
    changed, removed = list(changed), list(removed)
    stored = dict(
        ReviewMember._base_manager.filter(
            pk__in=[member.pk for member in [*changed, *removed] if member.pk]
        ).values_list("pk", "councillor__authority_id")
    )
    touched = {stored.get(member.pk) for member in removed}
    for member in changed:
        now = member.councillor.authority_id
        if member.pk is None:
            touched.add(now)
        elif stored.get(member.pk) != now:
            touched |= {stored.get(member.pk), now}
    person = person_of(by)
    if touched - {None, person.authority_id if person else None}:
        return (
            f"Only officers of the lead council, {review.lead_authority}, may add or remove "
            "members from other councils"
        )
    return None


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(
            [
                message
                for fields in errors.values()
                for found in fields.values()
                for message in found
            ]
        )


@transaction.atomic
def review_members_save(
    *,
    review: Review,
    members: list[ReviewMember],
    changed: Iterable[ReviewMember] | None = None,
    removed: Iterable[ReviewMember] = (),
    changed_by=None,
) -> None:
    """Make the group `members` (each checked on its own already): save those `changed` (all,
    if not given) and remove those `removed`, refusing a group that breaks the rules above or
    changes `changed_by` may not make."""
    _raise(
        review_members_errors(participant_ids=review.participating_authority_ids, members=members)
    )
    to_save = list(members if changed is None else changed)
    removed = list(removed)
    problem = review_members_remit_problem(
        review=review, by=changed_by, changed=to_save, removed=removed
    )
    if problem:
        raise ValidationError(problem)
    # Substitutes move to their new member before anyone leaves; newcomers join after, so a
    # councillor removed and added again in one go is not listed twice for a moment.
    for member in to_save:
        if member.pk:
            member.save()
    for member in removed:
        soft_delete(record=member)
    for member in to_save:
        if not member.pk:
            member.review = review
            member.save()
