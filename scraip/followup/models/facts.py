"""What the impact report counts of each answerable item of a sent plan, in one narrow row kept
by the database (followup_partfacts): its council, committee, portfolio and municipal year, its
answer and when it came, the plan's deadline and the day the cabinet received it, its target's
last day, and the latest update and verdict (from itemstate.ItemState).

Why a table kept by triggers: the impact report counts every item of a council over ten years,
several ways. Read through the records, each item costs four joins (its recommendation, plan,
response and kept state), which PostgreSQL answers by an index seek each, about 22,000 seeks a
query for the generated network's largest council, most of the report's time. From this table
the report reads one index range of narrow rows and joins nothing. Triggers rewrite an item's
row in the same statement as any change to what it copies, whichever path made it (services,
admin, imports, soft delete and restore, hard delete, bulk loaders):

- a part added, changed or deleted (soft deletion is a change of `deleted_at`);
- its recommendation moved to another plan or portfolio;
- its plan's council, committee, municipal year, status, deadline or day received changed;
- its response added, changed or deleted;
- its kept state (itemstate.ItemState) written, which its own triggers do on every update,
  verdict and meeting date.

How the triggers write, so that bulk loads stay linear on both databases:

- a change to a part, recommendation, plan or response rewrites the rows of the parts it
  concerns: their rows are removed, then written again from the records, starting from the
  parts' keys. On PostgreSQL this is a trigger for each statement, reading the statement's
  transition tables and planned afresh each time (EXECUTE), so a bulk insert of thousands of
  parts or responses rewrites their rows in one set-based statement. (An earlier trigger for each
  row, running that five-table insert once per row, let a bulk load of the demo history run past
  the test suite's five-minute limit in the full PostgreSQL suite, though it took 17 s alone.)
  SQLite has only triggers for each row, and plans each statement as it runs;
- a change to an item's kept state copies its three columns into the item's row, found by its
  primary key: one indexed update for each update and verdict, however large the tables.

A row exists for each live part of a plan that has left draft; its response is read as the
pages read it, through the part (deleted with it). `manage.py rebuild_item_state` writes every
row again. The columns the state conditions read (`target_by`, `latest_status`,
`latest_verdict_kind`) have the names state.with_state annotates, so the same conditions
(state.past_target_q, state.is_open) apply to both.
"""

from django.db import connection, models, transaction
from django.db.models import Q

from scraip.plans.models import Response

from .itemstate import TABLE as ITEM_STATE
from .state import count_standings, standing_case

TABLE = "followup_partfacts"
_PART_TYPE = (
    "(SELECT c.id FROM django_content_type c "
    "WHERE c.app_label = 'plans' AND c.model = 'recommendationpart')"
)
# Each column, and the SQL that works it out (p: the part, r: its recommendation, a: its plan,
# s: its response, i: its kept state).
COLUMNS = {
    "part_id": "p.id",
    "authority_id": "a.authority_id",
    "committee_id": "a.committee_id",
    "portfolio_id": "r.portfolio_id",
    "municipal_year": "a.municipal_year",
    "decision": "COALESCE(s.decision, '')",
    "responded_on": "s.responded_on",
    "response_deadline": "a.response_deadline",
    "received_on": "a.received_on",
    "target_by": "COALESCE(s.timetable_end, s.timetable)",
    "latest_status": "COALESCE(i.latest_status, '')",
    "latest_verdict_kind": "COALESCE(i.latest_verdict_kind, '')",
    "latest_verdict_on": "i.latest_verdict_on",
}
_ALL_EVENTS = ("INSERT", "UPDATE", "DELETE")
# From a part (p) to what its row copies, and which parts have one.
_JOINS = (
    "INNER JOIN plans_recommendation r ON r.id = p.recommendation_id "
    "INNER JOIN plans_actionplan a ON a.id = r.action_plan_id "
    "LEFT OUTER JOIN plans_response s ON s.part_id = p.id "
    f"LEFT OUTER JOIN {ITEM_STATE} i ON i.content_type_id = {_PART_TYPE} AND i.object_id = p.id "
    "WHERE p.deleted_at IS NULL AND a.status <> 'draft'"
)


class PartFactsQuerySet(models.QuerySet):
    def following(self):
        """The items the committee follows (FollowedPartQuerySet.following): accepted wholly
        or in part (every row is of a sent plan)."""
        return self.filter(decision__in=Response.FOLLOWED_UP)

    def of_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def for_portfolios(self, portfolios):
        return self.filter(portfolio__in=portfolios)

    def counts(self, **lists: Q) -> tuple[dict[str, int], dict[str, int]]:
        """How many of these items stand where, and how many each of `lists` picks, in one
        pass (state.count_standings)."""
        return count_standings(self.annotate(standing=standing_case()), **lists)

    def standing_counts(self) -> dict[str, int]:
        return self.counts()[0]


class PartFacts(models.Model):
    """One answerable item of a sent plan, as the impact report counts it. Written only by the
    database's triggers."""

    # No constraints in the database, as itemstate.ItemState: a row is only ever read by its
    # council and the tables it names are read through it.
    part = models.OneToOneField(
        "plans.RecommendationPart",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="kept_facts",
    )
    authority = models.ForeignKey(
        "councils.Authority",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # facts_by_year starts with it
        related_name="+",
    )
    committee = models.ForeignKey(
        "councils.Committee",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    portfolio = models.ForeignKey(  # indexed: the cabinet member's chart counts by it
        "councils.Portfolio",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    municipal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    decision = models.CharField(max_length=20, blank=True)  # "" while it awaits an answer
    responded_on = models.DateField(null=True, blank=True)
    response_deadline = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    target_by = models.DateField(null=True, blank=True)  # the last day its target date could mean
    latest_status = models.CharField(max_length=20, blank=True)
    latest_verdict_kind = models.CharField(max_length=20, blank=True)
    latest_verdict_on = models.DateField(null=True, blank=True)

    objects = PartFactsQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["authority", "municipal_year"], name="facts_by_year")]

    def __str__(self):
        return f"Facts of item {self.part_id}"


def refresh_sql(keys: str) -> list[str]:
    """The statements writing the rows of the parts that the query `keys` names (column
    `part`): each row removed, then written again if the part is live and its plan sent. The
    insert starts from the keys, so each part is found by its primary key."""
    chosen = ", ".join(COLUMNS.values())
    return [
        f"DELETE FROM {TABLE} WHERE part_id IN (SELECT k.part FROM ({keys}) k)",
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) SELECT {chosen} "
        f"FROM (SELECT DISTINCT k.part FROM ({keys}) k) k "
        f"INNER JOIN plans_recommendationpart p ON p.id = k.part {_JOINS}",
    ]


class Source:
    """A table the kept rows copy from: `key` is the column its rows lead to their parts by,
    `joins` the joins from its row `x` to the parts it concerns (`part` names their id),
    `changed` the columns whose change concerns them (none named: any change)."""

    def __init__(self, name, table, key, part, joins="", changed=(), events=_ALL_EVENTS):
        self.name, self.table, self.key, self.part = name, table, key, part
        self.joins, self.changed, self.events = joins, changed, events

    def parts(self, rows: str) -> str:
        """The parts that the rows of `rows` (a table or a query, its columns those of this
        source's table) concern, as column `part`."""
        return f"SELECT {self.part} AS part FROM {rows} x {self.joins}"

    def changed_sql(self, old: str, new: str, differs: str) -> str:
        if not self.changed:
            return "true"
        return " OR ".join(f"{old}.{column} {differs} {new}.{column}" for column in self.changed)


SOURCES = [
    Source(
        "partfacts_part",
        "plans_recommendationpart",
        key="id",
        part="x.id",
        changed=("recommendation_id", "deleted_at"),
    ),
    Source(
        "partfacts_recommendation",
        "plans_recommendation",
        key="id",
        part="p.id",
        joins="INNER JOIN plans_recommendationpart p ON p.recommendation_id = x.id",
        changed=("action_plan_id", "portfolio_id"),
        events=("UPDATE",),
    ),
    Source(
        "partfacts_plan",
        "plans_actionplan",
        key="id",
        part="p.id",
        joins=(
            "INNER JOIN plans_recommendation r ON r.action_plan_id = x.id "
            "INNER JOIN plans_recommendationpart p ON p.recommendation_id = r.id"
        ),
        changed=(
            "authority_id",
            "committee_id",
            "municipal_year",
            "status",
            "response_deadline",
            "received_on",
        ),
        events=("UPDATE",),
    ),
    # Any change to a response: what it copies is most of the row.
    Source("partfacts_response", "plans_response", key="part_id", part="x.part_id"),
]


def _row_parts(source: Source, event: str) -> str:
    """SQLite, a trigger for each row: the parts that its row concerns, before and after."""

    def of(row):
        return source.parts(f"(SELECT {row}.{source.key} AS {source.key})")

    if event == "UPDATE":
        return f"{of('NEW')} UNION {of('OLD')}"
    return of("OLD" if event == "DELETE" else "NEW")


def _statement_parts(source: Source, event: str) -> str:
    """PostgreSQL, a trigger for each statement: the parts that all the rows it wrote concern,
    read from its transition tables (new_rows, old_rows) and, for an update, only the rows whose
    copied columns changed."""
    if event != "UPDATE":
        return source.parts("new_rows" if event == "INSERT" else "old_rows")
    pairs = (
        "new_rows n INNER JOIN old_rows o ON o.id = n.id "
        f"WHERE {source.changed_sql('o', 'n', 'IS DISTINCT FROM')}"
    )
    return (
        f"{source.parts(f'(SELECT n.* FROM {pairs})')} "
        f"UNION {source.parts(f'(SELECT o.* FROM {pairs})')}"
    )


# The kept state's columns a row copies (itemstate.ItemState), and what they are when it has none.
_STATE = {"latest_status": "''", "latest_verdict_kind": "''", "latest_verdict_on": "NULL"}


def _state_sql(row: str) -> str:
    """One item's kept state written (row NEW) or deleted (row OLD): its row, if it has one,
    takes the state's columns. A single row found by its primary key, however large the tables:
    the kept state is written once for each update and verdict, in bulk loads too."""
    values = ", ".join(
        f"{column} = {f'{row}.{column}' if row == 'NEW' else blank}"
        for column, blank in _STATE.items()
    )
    return (
        f"UPDATE {TABLE} SET {values} WHERE part_id = {row}.object_id "
        f"AND {row}.content_type_id = {_PART_TYPE}"
    )


def _state_changed(differs: str) -> str:
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in _STATE)


def create_triggers_sql(vendor: str) -> list[str]:
    """The statements creating the triggers, for SQLite or PostgreSQL."""
    postgresql = vendor == "postgresql"
    differs = "IS DISTINCT FROM" if postgresql else "IS NOT"
    statements = []
    for source in SOURCES:
        for event in source.events:
            name = f"{source.name}_{event.lower()}"
            if postgresql:
                # EXECUTE: planned afresh on every call, for the rows this statement wrote (a
                # cached plan made for one row could read whole tables for a bulk insert).
                body = " ".join(
                    f"EXECUTE $sql${statement}$sql$;"
                    for statement in refresh_sql(_statement_parts(source, event))
                )
                referencing = {
                    "INSERT": "NEW TABLE AS new_rows",
                    "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
                    "DELETE": "OLD TABLE AS old_rows",
                }[event]
                statements += [
                    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $$ BEGIN {body} RETURN NULL; END $$",
                    f"CREATE TRIGGER {name} AFTER {event} ON {source.table} "
                    f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
                ]
            else:
                when = ""
                if event == "UPDATE" and source.changed:
                    when = f"WHEN {source.changed_sql('OLD', 'NEW', differs)} "
                body = "; ".join(refresh_sql(_row_parts(source, event)))
                statements.append(
                    f"CREATE TRIGGER {name} AFTER {event} ON {source.table} FOR EACH ROW {when}"
                    f"BEGIN {body}; END"
                )
    # The kept state: a trigger for each row on both databases, each a primary-key update.
    for event, row, when in (
        ("INSERT", "NEW", ""),
        ("UPDATE", "NEW", _state_changed(differs)),
        ("DELETE", "OLD", ""),
    ):
        name = f"partfacts_state_{event.lower()}"
        if postgresql:
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {_state_sql(row)}; RETURN NULL; END $$",
                f"CREATE TRIGGER {name} AFTER {event} ON {ITEM_STATE} FOR EACH ROW "
                f"{f'WHEN ({when}) ' if when else ''}EXECUTE FUNCTION {name}()",
            ]
        else:
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {ITEM_STATE} FOR EACH ROW "
                f"{f'WHEN {when} ' if when else ''}BEGIN {_state_sql(row)}; END"
            )
    return statements


def _trigger_names() -> list[tuple[str, str]]:
    names = [
        (f"{source.name}_{event.lower()}", source.table)
        for source in SOURCES
        for event in source.events
    ]
    return names + [
        (f"partfacts_state_{event}", ITEM_STATE) for event in ("insert", "update", "delete")
    ]


def drop_triggers_sql(vendor: str) -> list[str]:
    statements = []
    for name, table in _trigger_names():
        if vendor == "postgresql":
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            statements.append(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
    return statements


@transaction.atomic
def rebuild_part_facts() -> int:
    """Write every row again from the records; returns how many there are."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
            f"SELECT {', '.join(COLUMNS.values())} FROM plans_recommendationpart p {_JOINS}"
        )
    return PartFacts.objects.count()
