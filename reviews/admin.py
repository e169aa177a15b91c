"""The reviews in the Django admin. The admin meets the same rules as the pages: one row's rules
through the models' clean(), the rules across rows through the services (the members, parts and
cost lines inlines use the pages' own formsets, which ask them)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from scraip.common.admin import NoHardDeleteAdmin

from . import services
from .forms import (
    ActivityPartForm,
    BaseActivityPartFormSet,
    BaseCostItemFormSet,
    BaseMemberFormSet,
)
from .forms.common import add_errors
from .models import (
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


class ReviewMemberInline(admin.TabularInline):
    model = ReviewMember
    formset = BaseMemberFormSet
    fk_name = "review"
    extra = 0
    autocomplete_fields = ["councillor"]
    can_delete = False  # no hard delete from the admin: members are changed on the review's pages


class ReviewStatusChangeInline(admin.TabularInline):
    """The dated, attributed status changes: evidence, so read-only here."""

    model = ReviewStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_on", "changed_by", "note"]

    def has_add_permission(self, request, obj=None):
        return False


class CostItemInline(admin.TabularInline):
    model = CostItem
    formset = BaseCostItemFormSet
    extra = 0
    can_delete = False  # no hard delete from the admin: cost lines are changed on the review's page


class ReviewActionPlanInline(admin.TabularInline):
    model = ReviewActionPlan
    extra = 0
    can_delete = False  # no hard delete from the admin
    raw_id_fields = ["action_plan", "created_by"]


class ReviewAdminForm(forms.ModelForm):
    """The review's fields as the admin lists them, checked by the services."""

    def clean(self):
        cleaned = super().clean()
        review = self.instance
        participants = cleaned.get("participating_authorities") or []
        reports_to = cleaned.get("reports_to")
        try:
            services.review_scope_check(
                review_pk=review.pk,
                lead_authority=cleaned.get("lead_authority"),
                participants=participants,
                committees=cleaned.get("commissioning_committees") or [],
                reports_to=reports_to,
                report_deadline=report_deadline_of(
                    reports_to=reports_to,
                    due_on=cleaned.get("report_due_on"),
                    precision=cleaned.get("report_due_precision") or review.report_due_precision,
                ),
            )
        except ValidationError as error:
            add_errors(self, error)
        if "lead_officer" in cleaned and "supporting_officers" in cleaned:
            try:
                cleaned["supporting_officers"] = services.review_officers_check(
                    participant_ids={authority.pk for authority in participants}
                    | ({cleaned["lead_authority"].pk} if cleaned.get("lead_authority") else set()),
                    current_ids=(
                        {review.lead_officer_id, *review.supporting_officer_ids} - {None}
                        if review.pk
                        else set()
                    ),
                    lead_officer=cleaned["lead_officer"],
                    supporting_officers=cleaned["supporting_officers"],
                )
            except ValidationError as error:
                add_errors(self, error)
        return cleaned


@admin.register(Review)
class ReviewAdmin(NoHardDeleteAdmin):
    form = ReviewAdminForm
    list_display = ["title", "lead_authority", "programme_year", "status"]
    list_filter = ["status", "lead_authority", "programme_year"]
    search_fields = ["title", "aim"]
    filter_horizontal = ["participating_authorities", "commissioning_committees"]
    raw_id_fields = ["lead_officer", "supporting_officers", "reports_to"]
    # The status moves only on the review's page, dated and attributed, with its rules.
    readonly_fields = ["status", "deleted_at", "version"]
    inlines = [
        ReviewStatusChangeInline,
        ReviewMemberInline,
        CostItemInline,
        ReviewActionPlanInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The lead council always takes part, as when the review is saved on its page.
        form.instance.participating_authorities.add(form.instance.lead_authority)


class ActivityPartInline(admin.StackedInline):
    model = ActivityPart
    form = ActivityPartForm
    formset = BaseActivityPartFormSet
    extra = 0
    can_delete = False  # no hard delete from the admin: parts are changed on the activity's page


class ActivityAdminForm(forms.ModelForm):
    """The activity's fields as the admin lists them, checked by the services."""

    def clean(self):
        cleaned = super().clean()
        review = cleaned.get("review")
        if review:
            try:
                services.activity_planned_check(
                    review=review,
                    kind=cleaned.get("kind"),
                    planned_on=cleaned.get("planned_on"),
                    precision=cleaned.get("planned_precision"),
                )
            except ValidationError as error:
                add_errors(self, error)
        return cleaned


@admin.register(Activity)
class ActivityAdmin(NoHardDeleteAdmin):
    form = ActivityAdminForm
    list_display = ["__str__", "review", "kind", "planned_on", "held"]
    list_filter = ["kind", "held"]
    inlines = [ActivityPartInline]


@admin.register(Witness)
class WitnessAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "role", "organisation", "part"]
    search_fields = ["person__name", "organisation", "role", "topics"]
    raw_id_fields = ["person", "part"]


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(NoHardDeleteAdmin):
    list_display = ["title", "review", "kind", "uploaded_at"]
    list_filter = ["kind"]
    readonly_fields = ["file", "original_name", "size", "uploaded_by", "deleted_at"]
