"""The administrators' pages for councils, committees, meetings and people. Nothing is deleted
here (NoHardDeleteAdmin): a person who left is deactivated, a term ended by its end date."""

from django.contrib import admin

from scraip.common.admin import NoHardDeleteAdmin

from .models import Authority, Committee, Meeting, Person, Portfolio, PortfolioTerm


@admin.register(Authority)
class AuthorityAdmin(NoHardDeleteAdmin):
    list_display = ["name", "short_name", "response_period_days"]
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(NoHardDeleteAdmin):
    list_display = ["name", "short_name", "authority", "abolished_on"]
    list_filter = ["authority"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["successor"]


@admin.register(Meeting)
class MeetingAdmin(NoHardDeleteAdmin):
    list_display = ["committee", "date", "place"]
    list_filter = ["committee__authority"]
    date_hierarchy = "date"


@admin.register(Person)
class PersonAdmin(NoHardDeleteAdmin):
    list_display = ["name", "kind", "authority", "political_group", "job_title", "in_scrutiny_team"]
    list_filter = ["kind", "authority", "in_scrutiny_team", "is_council_admin"]
    search_fields = ["name", "job_title", "organisation"]
    raw_id_fields = ["user"]


class PortfolioTermInline(admin.TabularInline):
    model = PortfolioTerm
    extra = 0
    autocomplete_fields = ["holder"]
    can_delete = False  # a term is ended with its end date, never destroyed


@admin.register(Portfolio)
class PortfolioAdmin(NoHardDeleteAdmin):
    list_display = ["title", "authority"]
    list_filter = ["authority"]
    search_fields = ["title"]
    inlines = [PortfolioTermInline]
