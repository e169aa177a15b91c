"""Pages for task-and-finish reviews. Each view names the rules permission that guards it.

A review is shown in full (404 to anyone else) to the councillors and officers of the councils
taking part; its summary, in the shared work programmes, to everyone in the network.
"""

import hashlib
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, CharField, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Lower
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from scraip.common.history import history_entries
from scraip.common.pdf import render_pdf
from scraip.common.softdelete import restore, soft_delete
from scraip.common.uploads import safe_download_response
from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.forms import committees_for
from scraip.councils.models import Authority, Person
from scraip.councils.rules import authorities_for, person_of
from scraip.followup.models import FollowedPart
from scraip.followup.progress import prefetch_progress
from scraip.plans.models import ActionPlan, Recommendation

from . import services
from .costs import cost_table
from .filters import NetworkFilter, ProgrammeFilter, WitnessFilter
from .forms import (
    ActivityForm,
    ActivityPartFormSet,
    CostItemFormSet,
    DayRateForm,
    DocumentForm,
    MemberFormSet,
    OfficerSupportForm,
    RecommendationsForm,
    ReviewForm,
    StatusChangeForm,
    WitnessFormSet,
)
from .models import (
    Activity,
    ActivityPart,
    Review,
    ReviewDocument,
    ReviewMember,
    Witness,
    number_steps,
)

VIEW = "reviews.view_review"
CHANGE = "reviews.change_review"


def _review_queryset(manager=None):
    manager = manager if manager is not None else Review.objects
    return manager.select_related(
        "lead_authority", "lead_officer__authority", "reports_to__committee"
    ).prefetch_related(
        Prefetch("participating_authorities", queryset=Authority.objects.order_by("name")),
        Prefetch("supporting_officers", queryset=Person.objects.select_related("authority")),
    )


def _get_review_for_user(request, pk, permission=VIEW) -> Review:
    """A review the user may see (404 otherwise), then 403 if they may not do `permission`."""
    review = get_object_or_404(_review_queryset(), pk=pk)
    if not request.user.has_perm(VIEW, review):
        raise Http404("No review found")
    if permission != VIEW and not request.user.has_perm(permission, review):
        raise PermissionDenied
    return review


def _viewable(user, reviews) -> set[int]:
    """Which of these reviews (authorities prefetched) the user may open in full."""
    if user.is_superuser:
        return {review.pk for review in reviews}
    person = person_of(user)
    if person is None:
        return set()
    return {
        review.pk
        for review in reviews
        if person.authority_id in review.participating_authority_ids
        or person.pk == review.lead_officer_id
        or person.pk in review.supporting_officer_ids
    }


def _evidence_plan(review, *, with_witnesses=True):
    parts = ActivityPart.objects.all()
    if with_witnesses:
        witnesses = Witness.objects.select_related("person__authority")
        parts = parts.prefetch_related(Prefetch("witnesses", queryset=witnesses))
    activities = review.activities.prefetch_related(Prefetch("parts", queryset=parts))
    return number_steps(activities)


def _members(review):
    return (
        review.members.select_related("councillor__authority", "substitute_for__councillor")
        .annotate(
            role_rank=Case(
                *[
                    When(role=role, then=Value(rank))
                    for rank, role in enumerate(ReviewMember.ROLE_ORDER)
                ],
                output_field=IntegerField(),
            )
        )
        .order_by("councillor__authority__name", "role_rank", "councillor__name")
    )


def _members_by_council(members) -> list[tuple[Authority, list, list]]:
    """Each council's members and substitutes, as the scoping report lists them."""
    councils: dict[int, tuple] = {}
    for member in members:
        authority = member.councillor.authority
        entry = councils.setdefault(authority.pk, (authority, [], []))
        entry[2 if member.is_substitute else 1].append(member)
    return list(councils.values())


def _cost_table(review):
    items = list(review.cost_items.select_related("borne_by"))
    return cost_table(
        items,
        authorities=review.participating_authorities.all(),
        default_day_rate=review.day_rate,
    )


def _action_plans(review) -> list[ActionPlan]:
    """The review's SCRAIPs with every answer and the latest progress on each, in a fixed number
    of queries; each plan carries `answer_counts` for its summary line."""
    parts = prefetch_progress(FollowedPart.objects.select_related("response__lead_officer"))
    recommendations = Recommendation.objects.prefetch_related(Prefetch("parts", queryset=parts))
    plans = list(
        review.action_plans.select_related("committee", "authority").prefetch_related(
            Prefetch("recommendations", queryset=recommendations), "report_backs"
        )
    )
    for plan in plans:
        answers = Counter(
            part.current_response.get_decision_display() if part.current_response else None
            for recommendation in plan.recommendations.all()
            for part in recommendation.parts.all()
        )
        awaiting = answers.pop(None, 0)
        plan.answer_counts = {"answers": sorted(answers.items()), "awaiting": awaiting}
    return plans


def _scoping_context(review):
    members = list(_members(review))
    return {
        "review": review,
        "councils": _members_by_council(members),
        "chair": next((m for m in members if m.role == ReviewMember.Role.CHAIR), None),
        "activities": _evidence_plan(review),
        "costs": _cost_table(review),
        "committees": review.commissioning_committees.select_related("authority"),
    }


@login_required
def review_detail(request, pk):
    """Permission: reviews.view_review (councillors and officers of the councils taking part,
    and the review's officers); 404 for anyone else."""
    review = _get_review_for_user(request, pk)
    can_edit = request.user.has_perm(CHANGE, review)
    members = list(_members(review))
    context = {
        "review": review,
        "can_edit": can_edit,
        "members": members,
        "councils": _members_by_council(members),
        "status_changes": review.status_changes.select_related("changed_by__person"),
        "activities": _evidence_plan(review),
        "costs": _cost_table(review),
        "documents": review.documents.select_related("uploaded_by__person"),
        "committees": review.commissioning_committees.select_related("authority"),
        "action_plans": _action_plans(review),
        "can_create_plan": can_edit and request.user.has_perm("plans.add_actionplan"),
    }
    if can_edit:
        context["removed_activities"] = Activity.deleted_objects.all().filter(review=review)
        context["removed_documents"] = ReviewDocument.deleted_objects.all().filter(review=review)
    return render(request, "reviews/review_detail.html", context)


@login_required
@permission_required("reviews.view_programmes", raise_exception=True)
def review_summary(request, pk):
    """Permission: reviews.view_programmes (anyone in the network): a review's entry in its
    councils' work programmes. The full review stays with the councils taking part."""
    review = get_object_or_404(_review_queryset(), pk=pk)
    return render(
        request,
        "reviews/review_summary.html",
        {
            "review": review,
            "can_view": request.user.has_perm(VIEW, review),
            "committees": review.commissioning_committees.select_related("authority"),
        },
    )


@login_required
@permission_required("reviews.add_review", raise_exception=True)
def review_create(request):
    """Permission: reviews.add_review (scrutiny officers), led by their own council."""
    form = ReviewForm(request.POST or None, lead_authorities=authorities_for(request.user))
    if request.method == "POST" and form.is_valid():
        review = services.review_create(
            review=form.save(commit=False),
            participants=form.cleaned_data["participants"],
            committees=form.cleaned_data["commissioning_committees"],
            created_by=request.user,
        )
        messages.success(request, "Review proposed. Now add its members and evidence plan.")
        return redirect(review)
    return render(request, "reviews/review_form.html", {"form": form})


@login_required
def review_edit(request, pk):
    """Permission: reviews.change_review (the review's officers, and the lead council's
    scrutiny officers)."""
    review = _get_review_for_user(request, pk, CHANGE)
    form = ReviewForm(
        request.POST or None, instance=review, lead_authorities=authorities_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                review=form.save(commit=False),
                participants=form.cleaned_data["participants"],
                committees=form.cleaned_data["commissioning_committees"],
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, "Review saved.")
            return redirect(review)
    return render(request, "reviews/review_form.html", {"form": form, "review": review})


@login_required
def review_status(request, pk):
    """Permission: reviews.change_review. Each change is dated and attributed."""
    review = _get_review_for_user(request, pk, CHANGE)
    last_change = review.status_changes.order_by("-changed_on", "-recorded_at").first()
    form = StatusChangeForm(
        request.POST or None,
        review=review,
        last_change_on=last_change.changed_on if last_change else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_change_status(
                review=review,
                to_status=form.cleaned_data["to_status"],
                changed_on=form.cleaned_data["changed_on"],
                note=form.cleaned_data["note"],
                changed_by=request.user,
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The review is now “{review.get_status_display()}”.")
            return redirect(f"{review.get_absolute_url()}#status")
    return render(request, "reviews/status_form.html", {"form": form, "review": review})


@login_required
def review_members(request, pk):
    """Permission: reviews.change_review. Councillors of the councils taking part."""
    review = _get_review_for_user(request, pk, CHANGE)
    councillors = list(
        Person.objects.councillors()
        .filter(authority__in=review.participating_authority_ids)
        .select_related("authority")
        .order_by("authority__name", "name")
    )
    formset = MemberFormSet(request.POST or None, instance=review, prefix="members")
    # The forms are built on first use, so their shared choices can be given now.
    members = [member for member in formset.get_queryset() if not member.is_substitute]
    formset.form_kwargs = {"councillors": councillors, "members": members}
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Members saved.")
        return redirect(f"{review.get_absolute_url()}#members")
    return render(request, "reviews/members_form.html", {"formset": formset, "review": review})


def _suggested_lead_officer(review, officers):
    """The scrutiny officer of the chair's council, as seed 002 arranges officer support."""
    chair = review.members.filter(role=ReviewMember.Role.CHAIR).select_related("councillor")
    chair = chair.first()
    if chair is None:
        return None
    return next(
        (
            officer
            for officer in officers
            if officer.authority_id == chair.councillor.authority_id and officer.in_scrutiny_team
        ),
        None,
    )


@login_required
def review_officers(request, pk):
    """Permission: reviews.change_review. The lead scrutiny officer and supporting officers."""
    review = _get_review_for_user(request, pk, CHANGE)
    current = {review.lead_officer_id, *review.supporting_officer_ids}
    officers = list(
        Person.objects.officers()
        .filter(
            Q(authority__in=review.participating_authority_ids, in_scrutiny_team=True)
            | Q(pk__in=current - {None})
        )
        .select_related("authority")
        .order_by("authority__name", "name")
    )
    form = OfficerSupportForm(
        request.POST or None,
        instance=review,
        officers=officers,
        suggested_lead=_suggested_lead_officer(review, officers),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                save_versioned(form.save(commit=False), loaded_version=form.loaded_version)
                form.save_m2m()
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, "Officer support saved.")
            return redirect(f"{review.get_absolute_url()}#officers")
    return render(request, "reviews/officers_form.html", {"form": form, "review": review})


def _activity_form(request, review, activity):
    form = ActivityForm(request.POST or None, instance=activity, review=review)
    formset = ActivityPartFormSet(request.POST or None, instance=activity, prefix="parts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                save_versioned(form.save(commit=False), loaded_version=form.loaded_version)
                formset.instance = form.instance
                formset.save()
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, f"{form.instance.get_kind_display()} saved.")
            return redirect(f"{review.get_absolute_url()}#activity-{form.instance.pk}")
    return render(
        request,
        "reviews/activity_form.html",
        {"form": form, "formset": formset, "review": review, "activity": activity},
    )


@login_required
def activity_create(request, pk):
    """Permission: reviews.change_review."""
    review = _get_review_for_user(request, pk, CHANGE)
    return _activity_form(request, review, Activity(review=review))


def _get_activity_for_user(request, pk, manager=None) -> Activity:
    activity = get_object_or_404(manager or Activity.objects, pk=pk)
    review = _get_review_for_user(request, activity.review_id, CHANGE)
    activity.review = review
    return activity


@login_required
def activity_edit(request, pk):
    """Permission: reviews.change_review on the activity's review."""
    activity = _get_activity_for_user(request, pk)
    return _activity_form(request, activity.review, activity)


@login_required
def activity_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the activity can be restored."""
    activity = _get_activity_for_user(request, pk)
    review = activity.review
    number_steps(review.activities.all())  # for the session's number in the question
    if request.method == "POST":
        soft_delete(record=activity)
        messages.success(request, f"{activity} removed. You can restore it from the review page.")
        return redirect(f"{review.get_absolute_url()}#evidence-plan")
    return render(request, "reviews/confirm_remove.html", {"record": activity, "review": review})


@login_required
@require_POST
def activity_restore(request, pk):
    """Permission: reviews.change_review on the removed activity's review."""
    activity = _get_activity_for_user(request, pk, Activity.deleted_objects.all())
    restore(record=activity)
    messages.success(request, f"{activity} restored.")
    return redirect(f"{activity.review.get_absolute_url()}#activity-{activity.pk}")


@login_required
def activity_witnesses(request, pk):
    """Permission: reviews.change_review. Who gives evidence to each part of the activity."""
    activity = _get_activity_for_user(request, pk)
    review = activity.review
    parts = list(activity.parts.all())
    if not parts:
        messages.error(request, "Give the activity its lettered parts before adding witnesses.")
        return redirect("reviews:activity_edit", activity.pk)
    people = list(Person.objects.select_related("authority").order_by("name"))
    formset = WitnessFormSet(
        request.POST or None,
        queryset=Witness.objects.filter(part__activity=activity).select_related("part"),
        prefix="witnesses",
        form_kwargs={"parts": parts, "people": people},
    )
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Witnesses saved.")
        return redirect(f"{review.get_absolute_url()}#activity-{activity.pk}")
    return render(
        request,
        "reviews/witnesses_form.html",
        {"formset": formset, "review": review, "activity": activity},
    )


@login_required
def review_costs(request, pk):
    """Permission: reviews.change_review. Support days, day rates and who pays."""
    review = _get_review_for_user(request, pk, CHANGE)
    form = DayRateForm(request.POST or None, instance=review, prefix="review")
    day_rate = review.day_rate
    if form.is_bound and form.is_valid():
        day_rate = form.cleaned_data["day_rate"]
    formset = CostItemFormSet(
        request.POST or None,
        instance=review,
        prefix="costs",
        default_day_rate=day_rate,
        form_kwargs={"authorities": list(review.participating_authorities.all())},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                if form.has_changed():
                    save_versioned(form.save(commit=False), loaded_version=form.loaded_version)
                formset.save()
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
            messages.success(request, "Costs saved.")
            return redirect(f"{review.get_absolute_url()}#costs")
    return render(
        request, "reviews/costs_form.html", {"form": form, "formset": formset, "review": review}
    )


@login_required
def document_upload(request, pk):
    """Permission: reviews.change_review. Size and type are checked by the file's content."""
    review = _get_review_for_user(request, pk, CHANGE)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        upload = form.cleaned_data["file"]
        document.review = review
        document.original_name = upload.name[:255]
        document.size = upload.size
        document.uploaded_by = request.user
        document.save()
        messages.success(request, f"“{document.title}” uploaded.")
        return redirect(f"{review.get_absolute_url()}#documents")
    return render(request, "reviews/document_form.html", {"form": form, "review": review})


def _get_document_for_user(request, pk, permission=VIEW, manager=None) -> ReviewDocument:
    document = get_object_or_404(manager or ReviewDocument.objects, pk=pk)
    document.review = _get_review_for_user(request, document.review_id, permission)
    return document


@login_required
@require_safe
def document_download(request, pk):
    """Permission: reviews.view_review on the document's review; never a public media URL."""
    document = _get_document_for_user(request, pk)
    return safe_download_response(document.file, document.title)


@login_required
def document_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the file is kept and can be restored."""
    document = _get_document_for_user(request, pk, CHANGE)
    review = document.review
    if request.method == "POST":
        soft_delete(record=document)
        messages.success(request, f"“{document}” removed. You can restore it from the review page.")
        return redirect(f"{review.get_absolute_url()}#documents")
    return render(request, "reviews/confirm_remove.html", {"record": document, "review": review})


@login_required
@require_POST
def document_restore(request, pk):
    """Permission: reviews.change_review on the removed document's review."""
    document = _get_document_for_user(request, pk, CHANGE, ReviewDocument.deleted_objects.all())
    restore(record=document)
    messages.success(request, f"“{document}” restored.")
    return redirect(f"{document.review.get_absolute_url()}#documents")


@login_required
@require_safe
def scoping_report(request, pk):
    """Permission: reviews.view_review. The scoping report laid out like seed 002's."""
    review = _get_review_for_user(request, pk)
    return render(request, "reviews/scoping_report.html", _scoping_context(review))


@login_required
@require_safe
def scoping_pdf(request, pk):
    """Permission: reviews.view_review. The scoping report as an A4, tagged PDF."""
    review = _get_review_for_user(request, pk)
    return render_pdf(
        request,
        "reviews/pdf/scoping_report.html",
        _scoping_context(review),
        filename=f"scoping-report-{slugify(review.title)[:60]}.pdf",
    )


@login_required
def review_recommendations(request, pk):
    """Permission: reviews.change_review and plans.add_actionplan: the final report's
    recommendations, pasted once, become a draft action plan for one of the user's committees."""
    review = _get_review_for_user(request, pk, CHANGE)
    if not request.user.has_perm("plans.add_actionplan"):
        raise PermissionDenied
    committees = review.commissioning_committees.filter(
        pk__in=committees_for(authorities_for(request.user))
    ).select_related("authority")
    form = RecommendationsForm(
        request.POST or None,
        committees=committees,
        initial={"title": review.title, "publication_date": timezone.localdate()},
    )
    preview = digest = None
    changed_since_preview = False
    if request.method == "POST" and form.is_valid():
        preview = form.parsed
        digest = hashlib.sha256(form.cleaned_data["text"].encode()).hexdigest()
        # Create only what the officer has seen: text changed after its preview is shown again.
        changed_since_preview = request.POST.get("previewed") not in (None, digest)
        if request.POST.get("action") == "create" and request.POST.get("previewed") == digest:
            try:
                plan = services.review_create_action_plan(
                    review=review,
                    committee=form.cleaned_data["committee"],
                    title=form.cleaned_data["title"],
                    publication_date=form.cleaned_data["publication_date"],
                    recommendations=preview.recommendations,
                    created_by=request.user,
                )
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                count = len(preview.recommendations)
                messages.success(
                    request,
                    f"Draft action plan created with {count} recommendation"
                    f"{'s' if count != 1 else ''}. Give each a cabinet portfolio, then send it "
                    "to the cabinet.",
                )
                return redirect(plan)
    return render(
        request,
        "reviews/recommendations_form.html",
        {
            "form": form,
            "review": review,
            "preview": preview,
            "preview_digest": digest,
            "changed_since_preview": changed_since_preview,
        },
    )


@login_required
@require_safe
def review_history(request, pk):
    """Permission: reviews.view_review. Read-only: no page edits or deletes history."""
    review = _get_review_for_user(request, pk)
    return render(
        request,
        "common/history.html",
        {
            "record": review,
            "title": f"History of “{review.title}”",
            "caption": review.title,
            "back_url": review.get_absolute_url(),
            "back_text": "Back to the review",
            "entries": history_entries(review),
        },
    )


@login_required
def review_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the review can be restored."""
    review = _get_review_for_user(request, pk, CHANGE)
    if request.method == "POST":
        soft_delete(record=review)
        messages.success(request, f"“{review}” deleted. You can restore it from Deleted reviews.")
        return redirect("reviews:deleted")
    return render(request, "reviews/confirm_remove.html", {"record": review, "review": review})


@login_required
@permission_required("reviews.add_review", raise_exception=True)
def deleted_reviews(request):
    """Permission: reviews.add_review (scrutiny officers): deleted reviews they could change."""
    reviews = _review_queryset(Review.deleted_objects.all()).order_by("-deleted_at")
    reviews = [review for review in reviews if request.user.has_perm(CHANGE, review)]
    return render(request, "reviews/deleted_reviews.html", {"reviews": reviews})


@login_required
@require_POST
def review_restore(request, pk):
    """Permission: reviews.change_review on the deleted review."""
    review = get_object_or_404(_review_queryset(Review.deleted_objects.all()), pk=pk)
    if not request.user.has_perm(CHANGE, review):
        raise Http404("Nothing deleted here")
    restore(record=review)
    messages.success(request, f"“{review}” restored.")
    return redirect(review)


STAGE_ORDER = Case(
    *[
        When(status__in=statuses, then=Value(rank))
        for rank, statuses in enumerate(Review.STAGES.values())
    ],
    output_field=IntegerField(),
)


class ProgrammeView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. One council's work programme (the user's own
    unless they choose another), by committee and year: planned, in progress, reported."""

    permission_required = "reviews.view_programmes"
    filterset_class = ProgrammeFilter
    paginate_by = 50
    template_name = "reviews/programme.html"

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        person = person_of(self.request.user)
        data = kwargs["data"] or QueryDict()
        if "authority" not in data and person and person.authority_id:
            data = data.copy()
            data["authority"] = str(person.authority_id)
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return (
            _review_queryset()
            .prefetch_related("commissioning_committees")
            .annotate(stage_rank=STAGE_ORDER)
            .order_by("stage_rank", "-programme_year", "title", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        viewable = _viewable(self.request.user, page)
        context["stages"] = [
            (name, [review for review in page if review.stage == stage])
            for stage, name in Review.STAGE_NAMES.items()
        ]
        context["viewable"] = viewable
        return context


class NetworkView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. Every council's reviews side by side, so no two
    councils review the same thing unawares (seed 000)."""

    permission_required = "reviews.view_programmes"
    filterset_class = NetworkFilter
    template_name = "reviews/network.html"

    def get_queryset(self):
        return _review_queryset().order_by("-programme_year", "title", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = list(context["object_list"])
        rows = {}
        for authority in Authority.objects.order_by("name"):
            rows[authority.pk] = (authority, {stage: [] for stage in Review.STAGES})
        for review in reviews:
            for authority in review.participating_authorities.all():
                rows[authority.pk][1][review.stage].append(review)
        context["rows"] = [
            (authority, [stages[stage] for stage in Review.STAGES])
            for authority, stages in rows.values()
        ]
        context["stage_names"] = list(Review.STAGE_NAMES.values())
        context["viewable"] = _viewable(self.request.user, reviews)
        return context


class WitnessDirectoryView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. The network's pool of witnesses and experts: each
    person or organisation once, with every review they gave evidence to."""

    permission_required = "reviews.view_programmes"
    filterset_class = WitnessFilter
    paginate_by = 25
    template_name = "reviews/witness_directory.html"

    def get_queryset(self):
        return Witness.objects.alive()

    def get_context_data(self, **kwargs):
        # One row a witness, not one an appearance: paginate their distinct keys.
        keys = (
            kwargs["object_list"]
            .annotate(
                sort_name=Lower(Coalesce("person__name", "organisation")),
                key_organisation=Case(
                    When(person__isnull=True, then=F("organisation")),
                    default=Value(""),
                    output_field=CharField(),
                ),
            )
            .values("person_id", "key_organisation", "sort_name")
            .distinct()
            .order_by("sort_name", "person_id", "key_organisation")
        )
        self.object_list = kwargs["object_list"] = keys
        context = super().get_context_data(**kwargs)
        context.update(self._entries(list(context["object_list"])))
        return context

    def _entries(self, keys):
        person_ids = [key["person_id"] for key in keys if key["person_id"]]
        organisations = [key["key_organisation"] for key in keys if not key["person_id"]]
        reviews = Review.objects.prefetch_related("participating_authorities")
        appearances = list(
            Witness.objects.alive()
            .filter(
                Q(person_id__in=person_ids) | Q(person__isnull=True, organisation__in=organisations)
            )
            .select_related("person__authority", "part__activity")
            .prefetch_related(Prefetch("part__activity__review", queryset=reviews))
            .order_by("part__activity__planned_on", "pk")
        )
        viewable = _viewable(self.request.user, {a.part.activity.review for a in appearances})
        entries = []
        for key in keys:
            mine = [
                appearance
                for appearance in appearances
                if (key["person_id"] and appearance.person_id == key["person_id"])
                or (
                    not key["person_id"]
                    and appearance.person_id is None
                    and appearance.organisation == key["key_organisation"]
                )
            ]
            if mine:
                entries.append({"witness": mine[0], "appearances": mine})
        return {"entries": entries, "viewable": viewable}
