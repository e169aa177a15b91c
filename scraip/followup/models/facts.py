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
_FROM = (
    "FROM plans_recommendationpart p "
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
        related_name="+",
    )
    municipal_year = models.PositiveSmallIntegerField(null=True)
    decision = models.CharField(max_length=20, blank=True)  # "" while it awaits an answer
    responded_on = models.DateField(null=True)
    response_deadline = models.DateField(null=True)
    received_on = models.DateField(null=True)
    target_by = models.DateField(null=True)  # the last day its target date could mean
    latest_status = models.CharField(max_length=20, blank=True)
    latest_verdict_kind = models.CharField(max_length=20, blank=True)
    latest_verdict_on = models.DateField(null=True)

    objects = PartFactsQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["authority", "municipal_year"], name="facts_by_year")]

    def __str__(self):
        return f"Facts of item {self.part_id}"


def refresh_sql(keys: str) -> list[str]:
    """The statements writing the rows of the parts that the query `keys` names (column
    `part`): each row removed, then written again if the part is live and its plan sent."""
    chosen = ", ".join(COLUMNS.values())
    return [
        f"DELETE FROM {TABLE} WHERE part_id IN (SELECT k.part FROM ({keys}) k)",
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) SELECT {chosen} {_FROM} "
        f"AND p.id IN (SELECT k.part FROM ({keys}) k)",
    ]


def _changed(*columns: str) -> str:
    return " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)


def _on_every_change(name: str, table: str, keys) -> list[tuple]:
    return [
        (f"{name}_{event.lower()}", table, event, "", keys)
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def _is_part(row: str) -> str:
    return f"{row}.content_type_id = {_PART_TYPE}"


# (name, table, event, condition or "", keys(row) naming the parts the row concerns)
TRIGGERS = [
    *_on_every_change(
        "partfacts_part", "plans_recommendationpart", lambda row: f"SELECT {row}.id AS part"
    ),
    (
        "partfacts_recommendation",
        "plans_recommendation",
        "UPDATE",
        _changed("action_plan_id", "portfolio_id"),
        lambda row: (
            f"SELECT id AS part FROM plans_recommendationpart WHERE recommendation_id = {row}.id"
        ),
    ),
    (
        "partfacts_plan",
        "plans_actionplan",
        "UPDATE",
        _changed(
            "authority_id",
            "committee_id",
            "municipal_year",
            "status",
            "response_deadline",
            "received_on",
        ),
        lambda row: (
            "SELECT p.id AS part FROM plans_recommendationpart p "
            "INNER JOIN plans_recommendation r ON r.id = p.recommendation_id "
            f"WHERE r.action_plan_id = {row}.id"
        ),
    ),
    *_on_every_change(
        "partfacts_response", "plans_response", lambda row: f"SELECT {row}.part_id AS part"
    ),
    # The item's kept state, written by its own triggers on updates, verdicts and meetings.
    *_on_every_change(
        "partfacts_state",
        ITEM_STATE,
        lambda row: f"SELECT {row}.object_id AS part WHERE {_is_part(row)}",
    ),
]


def _statements(event: str, keys) -> list[str]:
    """An update concerns the parts of the row before and after it."""
    if event.startswith("UPDATE"):
        return refresh_sql(f"{keys('NEW')} UNION {keys('OLD')}")
    return refresh_sql(keys("OLD" if event == "DELETE" else "NEW"))


def create_triggers_sql(vendor: str) -> list[str]:
    """The statements creating the triggers, for SQLite or PostgreSQL."""
    statements = []
    for name, table, event, condition, keys in TRIGGERS:
        body = "; ".join(_statements(event, keys))
        if vendor == "postgresql":
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body}; RETURN NULL; END $$"
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
                f"BEGIN {body}; END"
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


@transaction.atomic
def rebuild_part_facts() -> int:
    """Write every row again from the records; returns how many there are."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
            f"SELECT {', '.join(COLUMNS.values())} {_FROM}"
        )
    return PartFacts.objects.count()
