"""A whole network's data, generated: `manage.py generate_data --authorities 14 --years 10`.

The benchmark (scraip.demo.bench) and anyone trying SCRAIP at scale get their data here. Every
row is one of the project's own models, inserted in bulk (with its "created" history row where
the model keeps history), shaped as the real records are: councils with three scrutiny
committees meeting nine times a year, about 29 action plans a council a year, each answered by
the cabinet and followed up at report-backs until the committee closes its items; reviews with
their evidence plans and witnesses; a partnership register per council. The same seed and day
give the same database, on SQLite and on PostgreSQL.

The stages run council by council, so memory stays bounded by one council's records. Rows are
made to meet their models' rules (scraip/demo/tests/test_generate_data.py runs full_clean over a
small generated network) rather than checked one by one here, which would take an hour at full
size.
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction

from .councils import make_council, password_hash
from .followup import make_followup
from .partnerships import make_registers
from .plans import make_plans
from .reviews import make_reviews
from .text import Words


def settle() -> None:
    """Leave the database as a live one stands: with statistics for the query planner (without
    them SQLite picks poor indexes on tables that grew from nothing in one go) and, on
    PostgreSQL, vacuumed, as autovacuum keeps it. Vacuuming sets the visibility map that makes an
    index-only scan cheap; until autovacuum gets round to a freshly filled table, the planner
    reads a table such as the witnesses' whole rather than its index. VACUUM cannot run inside
    a transaction (as in a test), where only ANALYZE does."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


@dataclass(frozen=True)
class Size:
    authorities: int = 14
    years: int = 10
    plans_per_year: int = 29  # per council
    seed: int = 2026

    def describe(self) -> str:
        return (
            f"{self.authorities} councils x {self.years} years, "
            f"{self.plans_per_year} plans a council a year, seed {self.seed}"
        )


def generate(size: Size, *, today: datetime.date, log=print) -> Counter:
    """Generate the network into the current database, in one transaction; return how many
    rows of each kind were made."""
    began = time.monotonic()
    span = (today - relativedelta(years=size.years), today + relativedelta(months=8))
    words = Words(str(size.seed))
    counts: Counter = Counter()
    with transaction.atomic():
        password = password_hash()
        councils = [
            make_council(number, words, span, password, today)
            for number in range(1, size.authorities + 1)
        ]
        log(f"{len(councils)} councils with their committees, meetings and people")
        for council in councils:
            records = make_plans(
                council, words, count=size.years * size.plans_per_year, span=span, today=today
            )
            counts.update(make_followup(council, words, records, today))
            seconds = time.monotonic() - began
            log(f"{council.authority.name}: {len(records)} plans ({seconds:.0f} s)")
        counts.update(make_reviews(councils, words, size.years, today))
        counts.update(make_registers(councils, words, today))
    settle()
    log(f"Generated in {time.monotonic() - began:.0f} s")
    return counts
