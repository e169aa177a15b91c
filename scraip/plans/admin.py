from django.contrib import admin

from scraip.common.admin import NoHardDeleteAdmin

from .models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response


class ReportBackInline(admin.TabularInline):
    model = ReportBack
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["letter", "position", "portfolio", "text"]
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(NoHardDeleteAdmin):
    list_display = ["title", "committee", "publication_date", "status", "response_deadline"]
    list_filter = ["authority", "status"]
    search_fields = ["title"]
    readonly_fields = ["response_deadline", "deleted_at", "version"]
    inlines = [ReportBackInline, RecommendationInline]


class PartInline(admin.TabularInline):
    model = RecommendationPart
    extra = 0


@admin.register(Recommendation)
class RecommendationAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "action_plan", "portfolio"]
    list_filter = ["action_plan__authority"]
    inlines = [PartInline]


@admin.register(Response)
class ResponseAdmin(NoHardDeleteAdmin):
    list_display = ["part", "decision", "responded_by", "entered_by", "responded_on"]
    list_filter = ["decision"]
    raw_id_fields = ["part"]
