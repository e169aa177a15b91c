"""The partnership register in the Django admin, for the service's operators. Nothing is
destroyed here (NoHardDeleteAdmin: soft-deleted rows stay visible, nothing is hard-deleted), and
what the admin saves passes the same rules as the pages: each model's `clean()` (which the
admin's forms call) and the services for the rules across rows."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from scraip.common.admin import NoHardDeleteAdmin
from scraip.common.versioning import WorkflowError

from . import services
from .models import (
    AnnualReport,
    Benefit,
    ChecklistAnswer,
    ChecklistItem,
    CommitteeReview,
    Contribution,
    DefinitionAnswer,
    DefinitionCriterion,
    Outcome,
    Partner,
    Partnership,
    RegisterSettings,
    Representative,
    Risk,
)


class AnswerInline(admin.TabularInline):
    extra = 0
    can_delete = False  # an answer is withdrawn on the partnership's pages, kept in history


class DefinitionAnswerInline(AnswerInline):
    model = DefinitionAnswer
    fields = ["criterion", "answer", "note"]


class ChecklistAnswerInline(AnswerInline):
    model = ChecklistAnswer
    fields = ["item", "status", "answered_on", "evidence"]


class PartnershipAdminForm(forms.ModelForm):
    website = forms.URLField(
        label="Partnership's website", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Partnership
        fields = [
            "authority",
            "name",
            "purpose",
            "kind",
            "status",
            "lead_officer",
            "starts_on",
            "starts_precision",
            "ends_on",
            "ends_precision",
            "governance",
            "exit_strategy",
            "website",
            "next_review_due",
            "recommendations",
            "reviews",
        ]

    def clean(self):
        """Links only to the council's own recommendations and reviews, as on the links page."""
        cleaned = super().clean()
        authority = cleaned.get("authority") or getattr(self.instance, "authority", None)
        if authority is None:
            return cleaned
        try:
            services.partnership_links_check(
                partnership=Partnership(authority=authority),
                recommendation_ids=[r.pk for r in cleaned.get("recommendations") or []],
                review_ids=[r.pk for r in cleaned.get("reviews") or []],
            )
        except WorkflowError as error:
            raise ValidationError(str(error)) from error
        return cleaned


@admin.register(Partnership)
class PartnershipAdmin(NoHardDeleteAdmin):
    form = PartnershipAdminForm
    list_display = ["name", "authority", "status", "priority_rank", "published_at", "deleted_at"]
    list_filter = ["authority", "status"]
    search_fields = ["name"]
    # Ranking, publishing and deleting are the register's own pages (services.priority_save,
    # partnership_publish, soft delete), with their rules.
    readonly_fields = ["slug", "priority_rank", "published_at", "version", "deleted_at"]
    filter_horizontal = ["recommendations", "reviews"]
    inlines = [DefinitionAnswerInline, ChecklistAnswerInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            services.partnership_create(partnership=obj)


@admin.register(RegisterSettings)
class RegisterSettingsAdmin(NoHardDeleteAdmin):
    list_display = ["authority", "above_the_line", "review_interval_months", "hours_per_day"]
    readonly_fields = ["version"]


@admin.register(DefinitionCriterion, ChecklistItem)
class ConfigurationAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "authority", "position", "deleted_at"]
    list_filter = ["authority"]
    readonly_fields = ["version", "deleted_at"]


class ItemAdmin(NoHardDeleteAdmin):
    """A row of a partnership, saved as its page saves it (services.item_save)."""

    list_display = ["__str__", "partnership", "deleted_at"]
    list_filter = ["partnership__authority"]
    readonly_fields = ["version", "deleted_at"]
    raw_id_fields = ["partnership"]

    def save_model(self, request, obj, form, change):
        services.item_save(item=obj, loaded_version=obj.version)


admin.site.register([Partner, Representative, Contribution, Benefit, Risk], ItemAdmin)


@admin.register(CommitteeReview)
class CommitteeReviewAdmin(ItemAdmin):
    list_display = ["__str__", "partnership", "next_review_due", "deleted_at"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ItemAdmin):
    readonly_fields = ["original_name", "size", "uploaded_by", "version", "deleted_at"]

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("file")
        if upload and hasattr(upload, "size") and "file" in form.changed_data:
            obj.original_name = upload.name[:255]
            obj.size = upload.size
        if obj.pk is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Outcome)
class OutcomeAdmin(ItemAdmin):
    def get_readonly_fields(self, request, obj=None):
        """Once set, a target date moves only with a reason, through the progress pages."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.target_date:
            fields += ["target_date", "target_precision"]
        return fields
