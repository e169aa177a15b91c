from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionPlan,
    Authority,
    Committee,
    Meeting,
    Person,
    Portfolio,
    PortfolioTerm,
    Recommendation,
    RecommendationPart,
    ReportBack,
    Response,
)


class NoHardDeleteAdmin(SimpleHistoryAdmin):
    """Records of accountability are soft-deleted from the site's pages, never destroyed here."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        manager = getattr(self.model, "all_objects", self.model._default_manager)
        return manager.get_queryset()


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "response_period_days"]
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority"]
    list_filter = ["authority"]
    search_fields = ["name"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "date", "place"]
    list_filter = ["committee__authority"]
    date_hierarchy = "date"


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "authority", "political_group", "job_title", "in_scrutiny_team"]
    list_filter = ["kind", "authority", "in_scrutiny_team"]
    search_fields = ["name", "job_title", "organisation"]
    raw_id_fields = ["user"]


class PortfolioTermInline(admin.TabularInline):
    model = PortfolioTerm
    extra = 0
    autocomplete_fields = ["holder"]


@admin.register(Portfolio)
class PortfolioAdmin(SimpleHistoryAdmin):
    list_display = ["title", "authority"]
    list_filter = ["authority"]
    search_fields = ["title"]
    inlines = [PortfolioTermInline]


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
