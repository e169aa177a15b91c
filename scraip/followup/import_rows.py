"""Checking and writing an imported tracker (scraip.followup.imports): each row built into the
records it would create, checked by the models' own rules against the council's records read
once, then everything written with bulk inserts, or nothing."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from scraip.common.fuzzydates import FuzzyDateError, parse_fuzzy_period
from scraip.councils.bulk import model_problems, parse_day
from scraip.councils.models import Authority, Committee, Person, Portfolio, PortfolioTerm
from scraip.councils.rules import person_of
from scraip.plans.models import (
    ActionPlan,
    Addressee,
    Recommendation,
    RecommendationPart,
    Response,
)

from .imports import (
    AWAITING,
    FIELD_LABELS,
    FIELDS,
    LEAD_SEPARATORS,
    NO_UPDATE,
    Checked,
    Mapping,
    RowsRefused,
    Tracker,
)
from .models import CouncilStatus, FollowedPart, ProgressUpdate


@dataclass
class Council:
    """What the rows are matched against, read once for the whole file."""

    authority: Authority
    committees: dict[str, Committee]
    portfolios: dict[str, Portfolio]  # with their terms, for Portfolio.holder_on
    officers: dict[str, Person]
    statuses: dict[int, CouncilStatus]
    titles: set[str]
    importer: Person

    @classmethod
    def read(cls, authority: Authority, by) -> "Council":
        committees = {}
        for committee in Committee.objects.filter(authority=authority):
            committees[committee.name.casefold()] = committee
            if committee.short_name:
                committees.setdefault(committee.short_name.casefold(), committee)
        terms = PortfolioTerm.objects.select_related("holder")
        portfolios = Portfolio.objects.filter(authority=authority).prefetch_related(
            Prefetch("terms", queryset=terms)
        )
        return cls(
            authority,
            committees,
            {portfolio.title.casefold(): portfolio for portfolio in portfolios},
            {
                officer.name.casefold(): officer
                for officer in Person.objects.officers().filter(authority=authority)
            },
            {status.pk: status for status in CouncilStatus.objects.filter(authority=authority)},
            {
                title.casefold()
                for title in ActionPlan.objects.filter(authority=authority).values_list(
                    "title", flat=True
                )
            },
            person_of(by),
        )


class _Row:
    """One row of the file, read through the mapping."""

    def __init__(self, row: dict, mapping: Mapping):
        self.number = row["row"]
        self._row, self._columns = row, mapping.columns

    def text(self, key: str) -> str:
        column = self._columns.get(key)
        return self._row.get(column, "") if column else ""

    def column(self, key: str) -> str:
        return self._columns.get(key) or FIELD_LABELS[key]


def check(tracker: Tracker, mapping: Mapping, *, authority: Authority, by) -> Checked:
    """Every row built into the records it would create and checked; `checked.problems`
    lists every bad row with its column and reason."""
    checked = Checked()
    missing = [spec.label for spec in FIELDS if spec.required and not mapping.columns.get(spec.key)]
    if missing:
        checked.add(0, "", f"Choose the column for: {', '.join(missing)}")
        return checked
    council = Council.read(authority, by)
    plans: dict[str, tuple] = {}
    references: dict[tuple, int] = {}  # (report, reference) -> the first row giving it
    for raw in tracker.rows:
        row = _Row(raw, mapping)
        plan = _plan_of(checked, council, row, plans)
        if plan is None:
            continue
        siblings = plans[plan.title.casefold()][1]
        reference = Recommendation.normalise_letter(row.text("reference"))
        earlier = references.setdefault((plan.title.casefold(), reference.casefold()), row.number)
        if earlier != row.number:
            checked.add(
                row.number,
                row.column("reference"),
                f"“{reference[:40]}” is also the reference of row {earlier} in this report",
            )
        built = _recommendation_of(checked, council, row, plan, siblings, mapping, tracker.filename)
        if built and earlier == row.number:
            siblings.append(built)
    checked.plans = list(plans.values())
    for plan, rows in checked.plans:
        answered = all(response is not None for _, _, response, _, _ in rows)
        plan.status = (
            ActionPlan.Status.RESPONDED if answered else ActionPlan.Status.AWAITING_RESPONSE
        )
    return checked


def _not_a_committee(row) -> str:
    return (
        f"“{row.text('committee')[:60]}” is not one of the council’s committees: add it on the "
        "setup pages first"
    )


def _plan_of(checked: Checked, council: Council, row: _Row, plans: dict):
    title = " ".join(row.text("plan").split())
    if not title:
        checked.add(row.number, row.column("plan"), "The report title is empty")
        return None
    if title.casefold() in plans:
        plan = plans[title.casefold()][0]
        named = council.committees.get(row.text("committee").casefold())
        if named is None:
            checked.add(row.number, row.column("committee"), _not_a_committee(row))
            return None
        if named != plan.committee:
            checked.add(
                row.number,
                row.column("committee"),
                f"“{row.text('committee')[:60]}” is not the committee of “{title[:60]}” on its "
                f"first row ({plan.committee.name})",
            )
            return None
        return plan
    if title.casefold() in council.titles:
        checked.add(row.number, row.column("plan"), f"“{title[:60]}” is already in SCRAIP")
        return None
    committee = council.committees.get(row.text("committee").casefold())
    if committee is None:
        checked.add(row.number, row.column("committee"), _not_a_committee(row))
        return None
    days = {}
    for key in ("published", "received"):
        if row.text(key) or key == "published":
            try:
                days[key] = parse_day(row.text(key))
            except ValueError as error:
                checked.add(row.number, row.column(key), str(error))
    if len(days) < (2 if row.text("received") else 1):
        return None
    plan = ActionPlan(
        authority=council.authority,
        committee=committee,
        title=title,
        publication_date=days["published"],
    )
    if "received" in days:
        plan.set_received_on(days["received"])
        # A historical plan: its deadline passed before SCRAIP knew of it, so whatever the
        # tracker left unanswered is not shown as overdue.
        if plan.response_deadline < timezone.localdate():
            plan.response_deadline = None
    if not model_problems(
        checked,
        row.number,
        plan,
        {"title": row.column("plan"), "received_on": row.column("received")},
    ):
        return None
    plans[title.casefold()] = (plan, [])
    return plan


def _recommendation_of(checked, council, row, plan, built, mapping, filename):
    """(recommendation, part, response or None, update or None, supporting officers), or None
    with the row's problems added. `built`: the plan's rows so far."""
    number = row.number
    siblings = [each[0] for each in built]
    reference = Recommendation.normalise_letter(row.text("reference"))
    recommendation = Recommendation(
        action_plan=plan,
        letter=reference,
        position=len(siblings) + 1,
        text=row.text("text"),
        addressed_to=Addressee.CABINET,
    )
    problems = len(checked.problems)
    portfolio_name = row.text("portfolio")
    if portfolio_name:
        portfolio = council.portfolios.get(portfolio_name.casefold())
        if portfolio is None:
            checked.add(
                number,
                row.column("portfolio"),
                f"“{portfolio_name[:60]}” is not one of the council’s portfolios",
            )
        else:
            recommendation.portfolio, recommendation.addressed_to = portfolio, Addressee.PORTFOLIO
    model_problems(
        checked,
        number,
        recommendation,
        {"letter": row.column("reference"), "text": row.column("text")},
    )
    part = RecommendationPart(recommendation=recommendation, numeral="", position=0)
    response, supporting = _response_of(
        checked, council, row, recommendation, part, mapping, filename
    )
    update = _update_of(checked, council, row, response, mapping, filename)
    if len(checked.problems) != problems:
        return None
    return recommendation, part, response, update, supporting


def _leads(checked, council, row) -> list[Person]:
    names = [name for name in LEAD_SEPARATORS.split(row.text("leads")) if name.strip()]
    found = []
    for name in names:
        # SCRAIP's own export writes "Liam Lead, supported by Sam Support".
        name = re.sub(r"^supported by\s+", "", name.strip(), flags=re.IGNORECASE)
        officer = council.officers.get(" ".join(name.split()).casefold())
        if officer is None:
            checked.add(
                row.number,
                row.column("leads"),
                f"“{name[:60]}” is not one of the council’s officers: add them on the setup "
                "pages first",
            )
        elif officer not in found:
            found.append(officer)
    return found


def _response_of(checked, council, row, recommendation, part, mapping, filename):
    word = row.text("decision")
    if not word:
        return None, []
    decision = mapping.decisions.get(word.casefold())
    if decision is None:
        checked.add(
            row.number, row.column("decision"), f"Choose what the decision “{word[:40]}” means"
        )
        return None, []
    if decision == AWAITING:
        return None, []
    plan = recommendation.action_plan
    leads = _leads(checked, council, row)
    response = Response(
        part=part,
        decision=decision,
        explanation=row.text("explanation")
        or f"{Response.Decision(decision).label} (imported from {filename}, which gave no "
        "explanation)",
        action=row.text("action"),
        lead_officer=leads[0] if leads else None,
        responded_by=(
            recommendation.portfolio.holder_on(plan.received_on or plan.publication_date)
            if recommendation.portfolio
            else None
        )
        or council.importer,
        entered_by=None,
        responded_on=plan.received_on or plan.publication_date,
    )
    if row.text("timetable"):
        try:
            period = parse_fuzzy_period(row.text("timetable"))
        except FuzzyDateError as error:
            checked.add(row.number, row.column("timetable"), str(error))
        else:
            response.timetable, response.timetable_precision = period.start, period.precision
            response.timetable_end = period.end
    model_problems(
        checked,
        row.number,
        response,
        {
            "explanation": row.column("explanation"),
            "action": row.column("action"),
            "timetable": row.column("timetable"),
            "lead_officer": row.column("leads"),
            "responded_on": row.column("published"),
        },
    )
    return response, leads[1:]


def _update_of(checked, council, row, response, mapping, filename):
    word, narrative = row.text("status"), row.text("update")
    no_update = bool(word) and mapping.statuses.get(word.casefold()) == NO_UPDATE
    if not (word or narrative) or (no_update and not narrative):
        return None
    if response is None or response.is_rejected:
        checked.add(
            row.number,
            row.column("status" if word else "update"),
            "Progress is recorded only on an accepted recommendation: give its decision",
        )
        return None
    meaning = mapping.statuses.get(word.casefold(), "") if word else "lifecycle:not_started"
    if meaning == NO_UPDATE:  # words without a status: reported as not started
        meaning = "lifecycle:not_started"
    if not meaning:
        checked.add(row.number, row.column("status"), f"Choose what the status “{word[:40]}” means")
        return None
    kind, _, value = meaning.partition(":")
    council_status = council.statuses.get(int(value)) if kind == "council" else None
    update = ProgressUpdate(
        status=council_status.lifecycle if council_status else value,
        council_status=council_status,
        narrative=narrative or f"Status imported from {filename}: {word}",
        reported_by=response.lead_officer or council.importer,
        reported_on=timezone.localdate(),
    )
    try:
        update.clean_fields(
            exclude=[
                "content_type",
                "object_id",
                "reported_by",
                "entered_by",
                "council_status",
                "report_back",
                "evidence_file",
            ]
        )
    except ValidationError as error:
        for message in error.messages:
            checked.add(row.number, row.column("update"), message)
        return None
    return update


@transaction.atomic
def import_tracker(*, tracker: Tracker, mapping: Mapping, authority: Authority, by) -> dict:
    """Check the rows again (the council's records may have changed since the preview) and
    write every plan, recommendation, answer and update with its history, or nothing.
    RowsRefused with every problem. The counts written."""
    Authority.objects.select_for_update().filter(pk=authority.pk).first()
    checked = check(tracker, mapping, authority=authority, by=by)
    if checked.problems:
        raise RowsRefused(checked.problems)
    reason = f"Imported from {tracker.filename}"[:100]
    history = {"default_user": by, "default_change_reason": reason}
    plans = [plan for plan, _ in checked.plans]
    bulk_create_with_history(plans, ActionPlan, **history)
    rows = [row for _, rows in checked.plans for row in rows]
    for recommendation, *_ in rows:
        recommendation.action_plan_id = recommendation.action_plan.pk
    bulk_create_with_history([row[0] for row in rows], Recommendation, **history)
    for recommendation, part, *_ in rows:
        part.recommendation_id = recommendation.pk
    bulk_create_with_history([row[1] for row in rows], RecommendationPart, **history)
    responses = []
    for _, part, response, _, _ in rows:
        if response is not None:
            response.part_id, response.entered_by = part.pk, by
            responses.append(response)
    bulk_create_with_history(responses, Response, **history)
    through = Response.supporting_officers.through
    through.objects.bulk_create(
        through(response_id=response.pk, person_id=person.pk)
        for _, _, response, _, supporting in rows
        for person in supporting
    )
    updates = []
    for _, part, _, update, _ in rows:
        if update is not None:
            update.subject = FollowedPart(pk=part.pk)
            update.entered_by = by
            updates.append(update)
    bulk_create_with_history(updates, ProgressUpdate, **history)
    return checked.counts
