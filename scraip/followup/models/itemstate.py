"""Each tracked item's latest progress update and the committee's latest verdict on it, kept in
one row per item by the database itself.

Why a table kept by triggers: with ten years of history, working out every item's latest update
and verdict again on each page (a sorted subquery per item and per column) cost the dashboards
most of their time. Triggers on the updates, the verdicts and the meetings' dates rewrite an
item's row in the same statement as the change, whichever path made it: the services, the
admin, bulk loaders (the tracker import, the demo and the data generator), soft delete and
restore (which save the row), and a hard delete. Nothing in Python has to remember it, so the
row cannot disagree with the records it sums up. `manage.py rebuild_item_state` writes every row
again from the records (after restoring a database from a dump taken without the triggers, say).

state.with_state reads these rows; what the state means is documented there.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

TABLE = "followup_itemstate"
COLUMNS = (
    "latest_update_pk",
    "latest_status",
    "latest_reported_on",
    "latest_verdict_pk",
    "latest_verdict_kind",
)


class ItemState(models.Model):
    """The latest live progress update of one item (by the day it was reported, then the latest
    entered) and the committee's latest live verdict on it (by meeting date, then the latest
    entered). Null (a blank status or kind) where there is none. Written only by the database's
    triggers."""

    # No constraint in the database: a trigger may write a row while a test database is being
    # emptied, content types included; a row is only ever read through its item.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    latest_update_pk = models.BigIntegerField(null=True)
    latest_status = models.CharField(max_length=20, blank=True)
    latest_reported_on = models.DateField(null=True)
    latest_verdict_pk = models.BigIntegerField(null=True)
    latest_verdict_kind = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="followup_itemstate_one_per_item"
            )
        ]

    def __str__(self):
        return f"State of {self.content_type_id}/{self.object_id}"


_UPDATE = (
    "FROM followup_progressupdate u WHERE u.content_type_id = k.ct AND u.object_id = k.obj "
    "AND u.deleted_at IS NULL ORDER BY u.reported_on DESC, u.id DESC LIMIT 1"
)
_VERDICT = (
    "FROM followup_verdict v INNER JOIN councils_meeting m ON m.id = v.meeting_id "
    "WHERE v.content_type_id = k.ct AND v.object_id = k.obj AND v.deleted_at IS NULL "
    "ORDER BY m.date DESC, v.id DESC LIMIT 1"
)


def refresh_sql(keys: str) -> str:
    """One statement writing the rows of the items that the query `keys` names (columns `ct`
    and `obj`, each item once) from their live updates and verdicts."""
    columns = ", ".join(("content_type_id", "object_id", *COLUMNS))
    updated = ", ".join(f"{column} = excluded.{column}" for column in COLUMNS)
    return (
        f"INSERT INTO {TABLE} ({columns}) "
        f"SELECT k.ct, k.obj, (SELECT u.id {_UPDATE}), COALESCE((SELECT u.status {_UPDATE}), ''), "
        f"(SELECT u.reported_on {_UPDATE}), (SELECT v.id {_VERDICT}), "
        f"COALESCE((SELECT v.verdict {_VERDICT}), '') "
        # SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.
        f"FROM ({keys}) k WHERE true "
        f"ON CONFLICT (content_type_id, object_id) DO UPDATE SET {updated}"
    )


def _item(row: str) -> str:
    return f"SELECT {row}.content_type_id AS ct, {row}.object_id AS obj"


# (name, table, event, condition or "", the items whose rows it rewrites)
TRIGGERS = [
    (f"{name}_{event.split()[0].lower()}", table, event, "", keys)
    for name, table in (("itemstate_update", "followup_progressupdate"),)
    + (("itemstate_verdict", "followup_verdict"),)
    for event, keys in (
        ("INSERT", _item("NEW")),
        ("UPDATE", f"{_item('NEW')} UNION {_item('OLD')}"),
        ("DELETE", _item("OLD")),
    )
] + [
    (
        "itemstate_meeting_date",
        "councils_meeting",
        "UPDATE OF date",
        "OLD.date IS DISTINCT FROM NEW.date",
        "SELECT DISTINCT content_type_id AS ct, object_id AS obj FROM followup_verdict "
        "WHERE meeting_id = NEW.id",
    )
]


def create_triggers_sql(vendor: str) -> list[str]:
    """The statements creating the triggers, for SQLite or PostgreSQL."""
    statements = []
    for name, table, event, condition, keys in TRIGGERS:
        if vendor == "postgresql":
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {refresh_sql(keys)}; RETURN NULL; END $$"
            )
            when = f"WHEN ({condition}) " if condition else ""
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}"
                f"EXECUTE FUNCTION {name}()"
            )
        else:
            when = f"WHEN {condition.replace('IS DISTINCT FROM', 'IS NOT')} " if condition else ""
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}"
                f"BEGIN {refresh_sql(keys)}; END"
            )
    return statements


def drop_triggers_sql(vendor: str) -> list[str]:
    statements = []
    for name, table, *_ in TRIGGERS:
        if vendor == "postgresql":
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            statements.append(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
    return statements


EVERY_ITEM = (
    "SELECT content_type_id AS ct, object_id AS obj FROM followup_progressupdate "
    "UNION SELECT content_type_id, object_id FROM followup_verdict"
)


@transaction.atomic
def rebuild_item_state() -> int:
    """Write every item's row again from its records; returns how many rows there are."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(refresh_sql(EVERY_ITEM))
    return ItemState.objects.count()
