"""Demonstration reviews, loaded by `manage.py load_demo` after the councils and action plans.

- The joint review of three Mid Kent councils (seed 002, `mid_kent`).
- Oxfordshire's partnership review (seed 004) and Maidstone's Review of Partnerships, whose
  recommendations are the demo's 2007 SCRAIP (`oxfordshire`).

As in load_demo, every row is found by its natural key first, so loading again changes nothing,
and a demo row deleted in the app is restored through the soft-delete mechanism. Each row meets
its model's rules (`core_demo.upsert` checks it), and the rules across rows are the reviews
services', as on the pages. Councillors' names are invented and every sentence is our own
paraphrase of the seeds.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import escape

from reviews import services
from reviews.models import (
    Activity,
    ActivityPart,
    CostItem,
    Review,
    ReviewActionPlan,
    ReviewDocument,
    ReviewMember,
    ReviewStatusChange,
    Witness,
    report_deadline_of,
)
from scraip.councils.models import Authority, Committee, Person
from scraip.demo import councils as core_demo
from scraip.plans.models import ActionPlan

from .mid_kent import MID_KENT
from .oxfordshire import MAIDSTONE_PARTNERSHIPS, OXFORDSHIRE_PEOPLE, OXFORDSHIRE_REVIEW
from .specs import (
    OXFORDSHIRE,
    OXFORDSHIRE_COMMITTEE,
    SWALE,
    SWALE_LOGIN,
    SWALE_OFFICER,
    ActivitySpec,
    Cost,
    Councillor,
    Document,
    ReviewSpec,
    WitnessSpec,
)

REVIEWS = (MID_KENT, OXFORDSHIRE_REVIEW, MAIDSTONE_PARTNERSHIPS)

upsert = core_demo.upsert


def load(stdout=None) -> None:
    """Load (or restore) the demo reviews. Call inside load_demo's transaction."""
    oxfordshire = upsert(Authority, {"short_name": "Oxfordshire"}, name=OXFORDSHIRE)
    upsert(Committee, {}, authority=oxfordshire, name=OXFORDSHIRE_COMMITTEE)
    for name, kind, job_title, in_team in OXFORDSHIRE_PEOPLE:
        upsert(
            Person,
            {"kind": kind, "job_title": job_title, "in_scrutiny_team": in_team},
            authority=oxfordshire,
            name=name,
        )
    load_swale_officer()
    for spec in REVIEWS:
        load_review(spec)
    if stdout is not None:
        stdout.write(
            f"Demo reviews loaded. {SWALE_OFFICER}, a scrutiny officer at {SWALE} supporting "
            f"the joint Mid Kent review, signs in as {SWALE_LOGIN} / {core_demo.PASSWORD}."
        )


def load_swale_officer() -> Person:
    user, _ = get_user_model().objects.get_or_create(username=SWALE_LOGIN)
    if not user.check_password(core_demo.PASSWORD) or not user.is_active:
        user.set_password(core_demo.PASSWORD)
        user.is_active = True
        user.email = f"{SWALE_LOGIN}@example.gov.uk"
        user.save()
    return upsert(
        Person,
        {
            "kind": Person.Kind.OFFICER,
            "job_title": "Democratic Services Officer (Scrutiny)",
            "in_scrutiny_team": True,
            "user": user,
        },
        authority=authority(SWALE),
        name=SWALE_OFFICER,
    )


def authority(name: str) -> Authority:
    return Authority.objects.get(name=name)


def person(authority_name: str, name: str) -> Person:
    return Person.objects.get(authority=authority(authority_name), name=name)


def user_named(username: str | None):
    return get_user_model().objects.get(username=username) if username else None


def prepared(model, values: dict, **keys):
    """The live row with these keys, or a new one, given `values` and checked by its model's
    rules; and whether it needs saving. For rows a service saves, with the rules across rows."""
    row = model._default_manager.filter(**keys).first() or model(**keys)
    changed = row.pk is None or any(getattr(row, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(row, name, value)
    if changed:
        row.full_clean()
    return row, changed


def load_review(spec: ReviewSpec) -> Review:
    lead = authority(spec.lead)
    participants = [authority(name) for name in spec.participants]
    committees = [Committee.objects.get(authority__name=a, name=c) for a, c in spec.committees]
    due_on, due_precision = spec.report_due
    existing = Review.all_objects.filter(lead_authority=lead, title=spec.title).first()
    services.review_scope_check(
        review_pk=existing.pk if existing else None,
        lead_authority=lead,
        participants=participants,
        committees=committees,
        reports_to=None,
        report_deadline=report_deadline_of(reports_to=None, due_on=due_on, precision=due_precision),
    )
    lead_officer = person(*spec.lead_officer)
    supporting_officers = services.review_officers_check(
        participant_ids={authority.pk for authority in participants},
        current_ids=set(),
        lead_officer=lead_officer,
        supporting_officers=[person(*officer) for officer in spec.supporting_officers],
    )
    values = {
        "aim": spec.aim,
        "reason_selected": spec.reason_selected,
        "expected_outputs": spec.expected_outputs,
        "timescale": spec.timescale,
        "cost_implications": spec.cost_implications,
        "community_implications": spec.community_implications,
        "programme_year": spec.programme_year,
        "report_due_on": due_on,
        "report_due_precision": due_precision,
        "reports_to_description": spec.reports_to_description,
        "status": spec.statuses[-1].status,
        "lead_officer": lead_officer,
        "day_rate": Decimal(spec.day_rate) if spec.day_rate else None,
    }
    review = upsert(Review, values, lead_authority=lead, title=spec.title)
    review.participating_authorities.set({*participants, lead})
    review.commissioning_committees.set(committees)
    review.supporting_officers.set(supporting_officers)
    load_statuses(review, spec)
    load_members(review, spec.members)
    for activity in spec.activities:
        load_activity(review, activity)
    load_costs(review, spec.costs)
    for document in spec.documents:
        load_document(review, document)
    if spec.action_plan:
        plan = ActionPlan.all_objects.get(authority=lead, title=spec.action_plan)
        upsert(
            ReviewActionPlan,
            {"review": review, "created_by": user_named("officer")},
            action_plan=plan,
        )
    return review


def load_statuses(review: Review, spec: ReviewSpec) -> None:
    previous, previous_on = "", None
    for step in spec.statuses:
        services.review_status_check(
            from_status=previous,
            to_status=step.status,
            changed_on=step.on,
            note=step.note,
            last_changed_on=previous_on,
        )
        upsert(
            ReviewStatusChange,
            {"from_status": previous, "note": step.note, "changed_by": user_named(spec.changed_by)},
            review=review,
            to_status=step.status,
            changed_on=step.on,
        )
        previous, previous_on = step.status, step.on


def load_members(review: Review, members: tuple[Councillor, ...]) -> None:
    rows, changed = [], []
    for member in members:
        councillor = upsert(
            Person,
            {"kind": Person.Kind.COUNCILLOR, "political_group": member.group},
            authority=authority(member.authority),
            name=member.name,
        )
        row, row_changed = prepared(
            ReviewMember, {"role": member.role}, review=review, councillor=councillor
        )
        rows.append(row)
        if row_changed:
            changed.append(row)
    services.review_members_save(review=review, members=rows, changed=changed)


def load_activity(review: Review, spec: ActivitySpec) -> None:
    services.activity_planned_check(
        review=review, kind=spec.kind, planned_on=spec.planned_on, precision=spec.precision
    )
    services.activity_parts_check(
        parts=[ActivityPart(letter=part.letter) for part in spec.parts], removed=()
    )
    values = {
        "title": spec.title,
        "description": spec.description,
        "planned_precision": spec.precision,
        "held": spec.held_on is not None,
        "held_on": spec.held_on,
        "notes": spec.notes,
    }
    activity = upsert(Activity, values, review=review, kind=spec.kind, planned_on=spec.planned_on)
    for position, part in enumerate(spec.parts, start=1):
        row = upsert(
            ActivityPart,
            {
                "kind": part.kind,
                "heading": part.heading,
                "description": part.description,
                "aim": part.aim,
                "position": position,
            },
            activity=activity,
            letter=part.letter,
        )
        for witness in part.witnesses:
            load_witness(row, witness)


def load_witness(part: ActivityPart, spec: WitnessSpec) -> None:
    values = {"role": spec.role, "topics": spec.topics}
    if not spec.name:
        upsert(Witness, values, part=part, person=None, organisation=spec.organisation)
        return
    if spec.authority:
        witness = person(spec.authority, spec.name)
    else:
        witness = upsert(
            Person,
            {
                "kind": Person.Kind.WITNESS,
                "organisation": spec.organisation,
                "job_title": spec.role,
            },
            authority=None,
            name=spec.name,
        )
    upsert(Witness, {**values, "organisation": ""}, part=part, person=witness)


def load_costs(review: Review, costs: tuple[Cost, ...]) -> None:
    items, changed = [], []
    for cost in costs:
        values = {
            "support_days": Decimal(cost.days),
            "shared": cost.shared,
            "comments": cost.comments,
        }
        item, item_changed = prepared(CostItem, values, review=review, activity=cost.activity)
        items.append(item)
        if item_changed:
            changed.append(item)
    services.review_costs_save(review=review, loaded_version=None, items=items, changed=changed)


def load_document(review: Review, spec: Document) -> None:
    """A short PDF of our own wording stands in for each published paper. Stored under a fixed
    name, so loading again reuses the file instead of writing another."""
    name = f"reviews/demo/{review.pk}-{spec.kind}.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(_pdf(spec)))
    upsert(
        ReviewDocument,
        {
            "kind": spec.kind,
            "file": name,
            "original_name": f"{spec.kind}.pdf",
            "size": default_storage.size(name),
            "uploaded_by": user_named("admin"),
        },
        review=review,
        title=spec.title,
    )


def _pdf(spec: Document) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in spec.paragraphs)
    html = (
        f'<html lang="en-GB"><head><title>{escape(spec.title)}</title></head>'
        f"<body><h1>{escape(spec.title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()
