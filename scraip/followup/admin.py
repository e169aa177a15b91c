"""Follow-up records in the Django admin, for the service's administrators. The admin's forms run
each model's clean() and constraints, so they refuse what the pages refuse; nothing is deleted
here (records of accountability are soft-deleted with their item)."""

from django.contrib import admin
from django.db import models

from scraip.common.admin import NoHardDeleteAdmin

from .models import CalendarFeed, ProgressUpdate, TargetDateChange, Verdict


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "content_type", "object_id", "reported_by", "entered_by"]
    list_filter = ["status", "content_type"]
    raw_id_fields = ["report_back", "reported_by", "entered_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Verdict)
class VerdictAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "content_type", "object_id", "meeting", "invited_back"]
    list_filter = ["verdict", "content_type"]
    raw_id_fields = ["meeting", "report_back", "recorded_by"]


@admin.register(TargetDateChange)
class TargetDateChangeAdmin(NoHardDeleteAdmin):
    """Read only: a target date moves through its item's page, which keeps the old date and
    the reason with it (services.target_date_change); a change is never edited afterwards."""

    list_display = ["__str__", "content_type", "object_id", "changed_by", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "owner", "created_at", "revoked_at"]
    raw_id_fields = ["owner", "committee", "person"]
