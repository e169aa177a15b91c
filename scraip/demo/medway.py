"""The demo's second council, Medway, set up as a council would set itself up: its people,
committees and portfolios from the setup pages' spreadsheets (scraip.councils.bulk), its own
progress statuses through their setup form, its settings, and its existing tracker brought in
through the tracker import (scraip.followup.imports) from the spreadsheet shipped in
scraip/demo/data/medway/. Nothing goes through the admin, so a visitor sees two councils working
differently: Maidstone's seed-001 letters and SCRAIP's statuses, Medway's "SR (24/25) 01"
references and its Complete / Ongoing / Paused.

Loading again changes nothing: each step is skipped once its records are there.
"""

from pathlib import Path

from django.core.files import File

from scraip.councils import bulk, services
from scraip.councils.models import Authority, Person
from scraip.followup import import_rows, imports
from scraip.followup.forms import CouncilStatusForm
from scraip.followup.models import CouncilStatus, ProgressUpdate

from .councils import MEDWAY, user_named

DATA = Path(__file__).parent / "data" / "medway"
SCRUTINY_OFFICER = "Lucy Chatham"
STATUSES = (
    ("Complete", ProgressUpdate.Status.IMPLEMENTED, "green"),
    ("Ongoing", ProgressUpdate.Status.ON_TRACK, "amber"),
    ("Paused", ProgressUpdate.Status.PAUSED, "red"),
)


def _file(name: str) -> File:
    return File((DATA / name).open("rb"), name=name)


def load(stdout) -> None:
    authority = Authority.objects.get(name=MEDWAY)
    user = user_named("medway")
    if not Person.objects.filter(authority=authority, name=SCRUTINY_OFFICER).exists():
        _set_up(authority, user)
    _statuses(authority)
    _import_tracker(authority, user, stdout)


def _set_up(authority: Authority, user) -> None:
    """The three setup spreadsheets, each checked and saved as the setup pages do; then the
    scrutiny officer's sign-in and administrator role, as on the person's page."""
    for kind in ("people", "committees", "portfolios"):
        with _file(f"{kind}.csv") as spreadsheet:
            rows = bulk.read_rows(spreadsheet, bulk.LAYOUTS[kind])
        bulk.bulk_save(authority=authority, kind=kind, rows=rows, by=user)
    officer = Person.objects.get(authority=authority, name=SCRUTINY_OFFICER)
    officer.user, officer.is_council_admin = user, True
    services.person_save(person=officer)


def _statuses(authority: Authority) -> None:
    for position, (name, lifecycle, rag) in enumerate(STATUSES, start=1):
        status = CouncilStatus.objects.filter(authority=authority, name=name).first()
        if status is not None:
            continue
        data = {"name": name, "lifecycle": lifecycle, "rag": rag, "position": position}
        form = CouncilStatusForm(data, authority=authority)
        if not form.is_valid():
            raise ValueError(f"Demo status {name}: {form.errors.as_text()}")
        form.save()


def _import_tracker(authority: Authority, user, stdout) -> None:
    with _file("tracker.csv") as spreadsheet:
        tracker = imports.read_tracker(spreadsheet)
    titles = {row["Scrutiny review"] for row in tracker.rows}
    if authority.action_plans.filter(title__in=titles).exists():
        return
    mapping = imports.guess_mapping(tracker, authority)
    counts = import_rows.import_tracker(
        tracker=tracker, mapping=mapping, authority=authority, by=user
    )
    stdout.write(
        f"Medway's tracker imported: {counts['plans']} plans, {counts['recommendations']} "
        "recommendations."
    )
