from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scraip.common.admin import NoHardDeleteAdmin

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
)


class ReviewMemberInline(admin.TabularInline):
    model = ReviewMember
    fk_name = "review"
    extra = 0
    autocomplete_fields = ["councillor"]


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
    extra = 0


class ReviewActionPlanInline(admin.TabularInline):
    model = ReviewActionPlan
    extra = 0
    raw_id_fields = ["action_plan", "created_by"]


@admin.register(Review)
class ReviewAdmin(NoHardDeleteAdmin):
    list_display = ["title", "lead_authority", "programme_year", "status"]
    list_filter = ["status", "lead_authority", "programme_year"]
    search_fields = ["title", "aim"]
    filter_horizontal = ["participating_authorities", "commissioning_committees"]
    raw_id_fields = ["lead_officer", "supporting_officers", "reports_to"]
    readonly_fields = ["status", "deleted_at", "version"]
    inlines = [
        ReviewStatusChangeInline,
        ReviewMemberInline,
        CostItemInline,
        ReviewActionPlanInline,
    ]


class ActivityPartInline(admin.StackedInline):
    model = ActivityPart
    extra = 0


@admin.register(Activity)
class ActivityAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "review", "kind", "planned_on", "held"]
    list_filter = ["kind", "held"]
    inlines = [ActivityPartInline]


@admin.register(Witness)
class WitnessAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "role", "organisation", "part"]
    search_fields = ["person__name", "organisation", "role", "topics"]
    raw_id_fields = ["person", "part"]


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(NoHardDeleteAdmin):
    list_display = ["title", "review", "kind", "uploaded_at"]
    list_filter = ["kind"]
    readonly_fields = ["file", "original_name", "size", "uploaded_by", "deleted_at"]
