"""Demonstration partnership register of Maidstone, loaded by `manage.py load_demo` after the
councils, action plans and reviews.

Seed 001's recommendations asked for this register: a definition of a partnership, a priority
list, the time and money given and the benefits got, action plans and outcomes, risks and exit
strategies, the model protocol checklist and a six-monthly committee review. The content is in
specs.py. The 2007 SCRAIP "Review of Partnerships" and Maidstone's review of the same name are
linked to the partnerships.

Every row passes its model's rules (`core_demo.upsert` runs full_clean) and the rules across rows
go through the register's services, as the pages do: the definition test, the checklist, the
priority list, publishing and the links. Rows are found by their natural key and written only
when something changed, so loading again changes nothing (dates relative to today move with the
day, as the core demo's recent plans do); a demo row someone deleted is restored.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from partnerships import services
from partnerships.models import (
    AnnualReport,
    Benefit,
    ChecklistItem,
    CommitteeReview,
    Contribution,
    DefinitionCriterion,
    Outcome,
    Partner,
    Partnership,
    RegisterSettings,
    Representative,
    Risk,
)
from reviews.models import Review
from scraip.common.softdelete import restore
from scraip.councils.models import Authority, Person
from scraip.demo import councils as core_demo
from scraip.followup import services as followup
from scraip.followup.models import ProgressUpdate
from scraip.plans.models import ActionPlan, Recommendation

from .specs import (
    ABOVE_THE_LINE,
    CHECKLIST,
    CRITERIA,
    MAIDSTONE,
    PLAN_TITLE,
    PUBLISHED_AT,
    REPORT_PDF,
    SPECS,
    Spec,
)

CHECKED_ON = datetime.date(2008, 3, 3)
REPORTED_ON = datetime.date(2008, 10, 1)


def load(stdout) -> None:
    authority = Authority.objects.get(name=MAIDSTONE)
    today = timezone.localdate()
    register_settings = RegisterSettings.for_authority(authority)
    criteria = load_configuration(
        register_settings,
        services.definition_criteria_save,
        DefinitionCriterion,
        [{"question": question, "meets_when": meets_when} for question, meets_when in CRITERIA],
    )
    items = load_configuration(
        register_settings,
        services.checklist_items_save,
        ChecklistItem,
        [{"text": text} for text in CHECKLIST],
    )
    partnerships = [load_partnership(spec, authority, criteria, items, today) for spec in SPECS]
    load_priority(register_settings, dict(zip(partnerships, SPECS, strict=True)))
    stdout.write(f"Partnership register: {len(SPECS)} partnerships of {MAIDSTONE}.")


def person(authority, name) -> Person:
    return Person.objects.get(authority=authority, name=name)


def load_configuration(register_settings, save, model, wanted: list[dict]) -> list:
    """The council's criteria or checklist items, in order, through the service that keeps
    them; the first field of each is its natural key. A deleted one is restored."""
    key = next(iter(wanted[0]))
    council = model.all_objects.filter(authority=register_settings.authority)
    existing = {getattr(row, key): row for row in council}
    rows = []
    for position, values in enumerate(wanted, start=1):
        values = {**values, "position": position}
        row = existing.get(values[key])
        if row and row.is_deleted:
            restore(record=row)
        if row is None or any(getattr(row, name) != value for name, value in values.items()):
            rows.append({"pk": row.pk if row else None, **values})
    if rows:
        version = register_settings.version
        save(register_settings=register_settings, rows=rows, loaded_version=version)
    chosen = {values[key] for values in wanted}
    found = model.objects.filter(authority=register_settings.authority, **{f"{key}__in": chosen})
    by_key = {getattr(row, key): row for row in found}
    return [by_key[values[key]] for values in wanted]


def load_partnership(spec: Spec, authority, criteria, items, today) -> Partnership:
    partnership = core_demo.upsert(
        Partnership,
        {
            "slug": spec.slug,
            "kind": spec.kind,
            "purpose": spec.purpose,
            "lead_officer": person(authority, spec.lead),
            "starts_on": spec.starts,
            "starts_precision": "month",
            "governance": spec.governance,
            "exit_strategy": spec.exit_strategy,
            "next_review_due": today + datetime.timedelta(days=spec.review_in_days),
        },
        authority=authority,
        name=spec.name,
    )
    load_answers(partnership, spec, criteria, items)
    load_rows(partnership, spec, authority)
    for year in spec.reports:
        load_report(partnership, year)
    if partnership.is_published != spec.published:
        services.partnership_publish(partnership=partnership, published=spec.published)
    if spec.published and partnership.published_at != PUBLISHED_AT:
        # The demo's entries went on the public register when the review was reported.
        partnership.published_at = PUBLISHED_AT
        partnership.save(update_fields=["published_at", "updated_at"])
    link(partnership, spec, authority)
    return partnership


def load_answers(partnership: Partnership, spec: Spec, criteria, items) -> None:
    """The definition test and the checklist, through their services, if they differ."""
    pairs = zip(criteria, spec.answers, strict=True)
    answers = {criterion.pk: (answer, "") for criterion, answer in pairs}
    given = {a.criterion_id: (a.answer, a.note) for a in partnership.definition_answers.all()}
    if given != answers:
        services.definition_answers_save(
            partnership=partnership, answers=answers, loaded_version=partnership.version
        )
    evidence = "Seen by the scrutiny officer."
    checked = {
        item.pk: (status, CHECKED_ON, evidence)
        for item, status in zip(items, spec.checklist, strict=False)
        if status
    }
    answered = partnership.checklist_answers.all()
    current = {a.item_id: (a.status, a.answered_on, a.evidence) for a in answered}
    if current != checked:
        services.checklist_answers_save(
            partnership=partnership, answers=checked, loaded_version=partnership.version
        )


def load_rows(partnership: Partnership, spec: Spec, authority) -> None:
    """The partnership's partners, representatives, contributions, benefits, outcomes (with
    their latest progress), risks and committee reviews."""
    for organisation, sector, role in spec.partners:
        core_demo.upsert(
            Partner,
            {"sector": sector, "role": role},
            partnership=partnership,
            organisation=organisation,
        )
    for name, role in spec.representatives:
        core_demo.upsert(
            Representative,
            {"role": role},
            partnership=partnership,
            person=person(authority, name),
        )
    for year, kind, name, amount, unit in spec.contributions:
        core_demo.upsert(
            Contribution,
            {"amount": amount, "unit": unit},
            partnership=partnership,
            year=year,
            kind=kind,
            person=person(authority, name) if name else None,
        )
    for year, description, measure, value, unit in spec.benefits:
        core_demo.upsert(
            Benefit,
            {"measure": measure, "value": value, "unit": unit},
            partnership=partnership,
            year=year,
            description=description,
        )
    for kind, description, measure, target, status, narrative in spec.outcomes:
        outcome = core_demo.upsert(
            Outcome,
            {
                "kind": kind,
                "measure": measure,
                "target_date": target,
                "lead": partnership.lead_officer,
            },
            partnership=partnership,
            description=description,
        )
        if narrative:
            load_update(outcome, status, narrative)
    for description, likelihood, impact, mitigation, reference in spec.risks:
        core_demo.upsert(
            Risk,
            {
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
                "owner": partnership.lead_officer,
                "on_corporate_register": reference is not None,
                "corporate_reference": reference or "",
            },
            partnership=partnership,
            description=description,
        )
    for considered_on, summary in spec.committee_reviews:
        core_demo.upsert(
            CommitteeReview,
            {"summary": summary, "next_review_due": partnership.next_review_due},
            partnership=partnership,
            considered_on=considered_on,
        )


def load_update(outcome: Outcome, status: str, narrative: str) -> None:
    """The outcome's latest progress, through the follow-up engine's one progress store."""
    existing = ProgressUpdate.all_objects.filter(
        content_type=ContentType.objects.get_for_model(Outcome),
        object_id=outcome.pk,
        reported_on=REPORTED_ON,
    ).first()
    if existing and existing.is_deleted:
        restore(record=existing)
    if existing and (existing.status, existing.narrative) == (status, narrative):
        return
    lead = outcome.lead
    followup.progress_record(
        subject=outcome,
        status=status,
        narrative=narrative,
        reported_by=lead,
        entered_by=lead.user or core_demo.user_named("officer"),
        reported_on=REPORTED_ON,
        update=existing,
        loaded_version=existing.version if existing else None,
    )


def load_report(partnership: Partnership, year: int) -> None:
    existing = AnnualReport.all_objects.filter(partnership=partnership, year=year).first()
    if existing:
        if existing.is_deleted:
            services.item_restore(item=existing)
        return
    report = AnnualReport(
        partnership=partnership,
        year=year,
        title=f"{partnership.name} annual report",
        original_name=f"annual-report-{year}.pdf",
        size=len(REPORT_PDF),
        uploaded_by=core_demo.user_named("officer"),
    )
    report.file.save(f"annual-report-{year}.pdf", ContentFile(REPORT_PDF), save=False)
    report.full_clean(exclude=["file"])  # the demo's own minimal PDF, not an upload to check
    services.item_save(item=report, loaded_version=None)


def load_priority(register_settings: RegisterSettings, specs: dict[Partnership, Spec]) -> None:
    """The council's priority list and its line, through the service, if they differ."""
    register = Partnership.objects.qualifying().filter(pk__in=[p.pk for p in specs])
    ranks = {p.pk: specs[p].rank for p in specs if p in set(register)}
    current = {p.pk: p.priority_rank for p in Partnership.objects.filter(pk__in=ranks)}
    if current != ranks or register_settings.above_the_line != ABOVE_THE_LINE:
        services.priority_save(
            register_settings=register_settings,
            ranks=ranks,
            above_the_line=ABOVE_THE_LINE,
            loaded_version=register_settings.version,
        )


def link(partnership: Partnership, spec: Spec, authority) -> None:
    """The 2007 SCRAIP's recommendations about the partnership, and the review behind them."""
    plan = ActionPlan.objects.filter(authority=authority, title=PLAN_TITLE).first()
    recommendations = Recommendation.objects.filter(
        action_plan=plan, letter__in=spec.recommendations
    )
    review = Review.objects.filter(lead_authority=authority, title=PLAN_TITLE).first()
    wanted_recommendations = {r.pk for r in recommendations} if plan else set()
    wanted_reviews = {review.pk} if review and spec.published else set()
    have_recommendations = {r.pk for r in partnership.recommendations.all()}
    have_reviews = {r.pk for r in partnership.reviews.all()}
    # Links only added: any made in the app since are kept.
    if not (wanted_recommendations <= have_recommendations and wanted_reviews <= have_reviews):
        services.partnership_links_save(
            partnership=partnership,
            recommendation_ids=wanted_recommendations | have_recommendations,
            review_ids=wanted_reviews | have_reviews,
            loaded_version=partnership.version,
        )
