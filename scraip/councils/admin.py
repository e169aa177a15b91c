from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Authority, Committee, Meeting, Person, Portfolio, PortfolioTerm


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
