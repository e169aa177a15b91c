"""Each tracked item's latest progress update and the committee's latest verdict on it, and each
plan's next report-back, kept by the database itself (one row per item, one per plan).

Why a table kept by triggers: with ten years of history, working out every item's latest update
and verdict again on each page (a sorted subquery per item and per column) cost the dashboards
most of their time, in the database and in Django building the SQL. Triggers on the updates,
the verdicts, the meetings' dates and the report-backs rewrite the rows concerned in the same
statement as the change, whichever path made it: the services, the
admin, bulk loaders (the tracker import, the demo and the data generator), soft delete and
restore (which save the row), and a hard delete. Nothing in Python has to remember it, so the
row cannot disagree with the records it sums up. `manage.py rebuild_item_state` writes every row
again from the records (after restoring a database from a dump taken without the triggers, say).
A row is only ever read through its item or plan, and an item or plan with no row reads as
having no update, verdict or report-back to come.

state.with_state reads these rows; what the state means is documented there.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

TABLE = "followup_itemstate"
# Each kept column, and how a trigger works it out from the item's records (`k.ct`, `k.obj`).
_UPDATE = (
    "FROM followup_progressupdate u WHERE u.content_type_id = k.ct AND u.object_id = k.obj "
    "AND u.deleted_at IS NULL ORDER BY u.reported_on DESC, u.id DESC LIMIT 1"
)
_VERDICT = (
    "FROM followup_verdict v INNER JOIN councils_meeting m ON m.id = v.meeting_id "
    "WHERE v.content_type_id = k.ct AND v.object_id = k.obj AND v.deleted_at IS NULL "
    "ORDER BY m.date DESC, v.id DESC LIMIT 1"
)
KEPT_COLUMNS = {
    "latest_update_pk": f"(SELECT u.id {_UPDATE})",
    "latest_status": f"COALESCE((SELECT u.status {_UPDATE}), '')",
    "latest_reported_on": f"(SELECT u.reported_on {_UPDATE})",
    "latest_verdict_pk": f"(SELECT v.id {_VERDICT})",
    "latest_verdict_kind": f"COALESCE((SELECT v.verdict {_VERDICT}), '')",
    "latest_verdict_on": f"(SELECT m.date {_VERDICT})",
}
COLUMNS = tuple(KEPT_COLUMNS)


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
    latest_update_pk = models.BigIntegerField(null=True, blank=True)
    latest_status = models.CharField(max_length=20, blank=True)
    latest_reported_on = models.DateField(null=True, blank=True)
    latest_verdict_pk = models.BigIntegerField(null=True, blank=True)
    latest_verdict_kind = models.CharField(max_length=20, blank=True)
    latest_verdict_on = models.DateField(null=True, blank=True)  # the day of its meeting

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="followup_itemstate_one_per_item"
            )
        ]

    def __str__(self):
        return f"State of {self.content_type_id}/{self.object_id}"


def _upsert(table: str, key: dict[str, str], values: dict[str, str], keys: str) -> str:
    """One statement writing the rows of `table` for what the query `keys` names (each once):
    `key` maps the table's key columns to the columns of `keys`, `values` each other column to
    the SQL that works it out (naming the row of `keys` as `k`)."""
    columns = ", ".join((*key, *values))
    chosen = ", ".join((*(f"k.{name}" for name in key.values()), *values.values()))
    updated = ", ".join(f"{column} = excluded.{column}" for column in values)
    return (
        f"INSERT INTO {table} ({columns}) SELECT {chosen} "
        # SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.
        f"FROM ({keys}) k WHERE true "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updated}"
    )


def refresh_sql(keys: str) -> str:
    """One statement writing the rows of the items that the query `keys` names (columns `ct`
    and `obj`, each item once) from their live updates and verdicts."""
    return _upsert(TABLE, {"content_type_id": "ct", "object_id": "obj"}, KEPT_COLUMNS, keys)


class NextReportBack(models.Model):
    """A plan's next report-back: its first, by number, that is neither completed, cancelled nor
    deleted; null when none is to come. Written only by the database's triggers."""

    # No constraint in the database, as ItemState.content_type.
    action_plan = models.OneToOneField(
        "plans.ActionPlan",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="kept_next_report_back",
    )
    report_back_pk = models.BigIntegerField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    due_precision = models.CharField(max_length=10, blank=True)

    def __str__(self):
        return f"Next report-back of plan {self.action_plan_id}"


NEXT_TABLE = "followup_nextreportback"
_NEXT = (
    "FROM plans_reportback r WHERE r.action_plan_id = k.plan AND r.deleted_at IS NULL "
    "AND NOT r.completed AND NOT r.cancelled ORDER BY r.sequence, r.id LIMIT 1"
)


def next_refresh_sql(keys: str) -> str:
    """One statement writing the rows of the plans that the query `keys` names (column `plan`,
    each plan once) from their report-backs."""
    values = {
        "report_back_pk": f"(SELECT r.id {_NEXT})",
        "due_on": f"(SELECT r.due_on {_NEXT})",
        "due_precision": f"COALESCE((SELECT r.due_precision {_NEXT}), '')",
    }
    return _upsert(NEXT_TABLE, {"action_plan_id": "plan"}, values, keys)


def _item(row: str) -> str:
    return f"SELECT {row}.content_type_id AS ct, {row}.object_id AS obj"


def _plan(row: str) -> str:
    return f"SELECT {row}.action_plan_id AS plan"


def _on_every_change(name: str, table: str, keys, refresh) -> list[tuple]:
    """Triggers after a row of `table` is inserted, changed or deleted: `keys(row)` names what
    the row concerns, as NEW or OLD."""
    return [
        (f"{name}_{event.lower()}", table, event, "", refresh(keys))
        for event, keys in (
            ("INSERT", keys("NEW")),
            ("UPDATE", f"{keys('NEW')} UNION {keys('OLD')}"),
            ("DELETE", keys("OLD")),
        )
    ]


# (name, table, event, condition or "", the statement it runs)
TRIGGERS = [
    *_on_every_change("itemstate_update", "followup_progressupdate", _item, refresh_sql),
    *_on_every_change("itemstate_verdict", "followup_verdict", _item, refresh_sql),
    (
        "itemstate_meeting_date",
        "councils_meeting",
        "UPDATE OF date",
        "OLD.date IS DISTINCT FROM NEW.date",
        refresh_sql(
            "SELECT DISTINCT content_type_id AS ct, object_id AS obj FROM followup_verdict "
            "WHERE meeting_id = NEW.id"
        ),
    ),
    *_on_every_change("nextreportback", "plans_reportback", _plan, next_refresh_sql),
]


def create_triggers_sql(vendor: str) -> list[str]:
    """The statements creating the triggers, for SQLite or PostgreSQL."""
    statements = []
    for name, table, event, condition, statement in TRIGGERS:
        if vendor == "postgresql":
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {statement}; RETURN NULL; END $$"
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
                f"BEGIN {statement}; END"
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
    """Write every item's and every plan's row again from the records; returns how many item
    rows there are."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(refresh_sql(EVERY_ITEM))
        cursor.execute(f"DELETE FROM {NEXT_TABLE}")
        cursor.execute(
            next_refresh_sql("SELECT DISTINCT action_plan_id AS plan FROM plans_reportback")
        )
    return ItemState.objects.count()
