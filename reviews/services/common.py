"""What the services of several concerns share."""

from collections.abc import Iterable


def rows_renumber(rows: list, *, changed: Iterable) -> None:
    """Number the rows 1, 2, 3… in the given order, saving only those that changed (or moved)."""
    changed = list(changed)
    for position, row in enumerate(rows, start=1):
        if row.position != position or row in changed:
            row.position = position
            row.save()
