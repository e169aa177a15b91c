"""Lists of related rows that a page reads once for all its rows.

Django's prefetch_related, left to fill the relation itself, builds a filtered query object on
every row for every relation it prefetches (a related manager and its query, which is never
run): on a list of fifty reviews with three relations, a hundred and fifty of them, a tenth of
the page's time. Read into a plain list instead (`to_attr`), a row costs nothing more.

    Review.objects.prefetch_related(read_into_list("supporting_officers"))
    related_rows(review, "supporting_officers")   # the list read; else the relation

A model's method that prints a relation reads it through `related_rows`, so it works on a row read
either way, and on a row read on its own (one query, as before).
"""

from django.db.models import Prefetch


def read_into_list(relation: str, queryset=None) -> Prefetch:
    """Prefetch `relation` (a path: "parts", "response__supporting_officers") into a list on
    each row of its last step, named for that step: `related_rows` finds it there."""
    name = relation.rpartition("__")[2]
    return Prefetch(relation, queryset=queryset, to_attr=f"{name}_read")


def related_rows(instance, relation: str) -> list:
    """The rows of `relation` of `instance`: the list read_into_list read, else through the
    relation (from a prefetch when there was one, or one query)."""
    read = instance.__dict__.get(f"{relation}_read")
    return read if read is not None else list(getattr(instance, relation).all())
