"""The administrators' pages. Their forms check the models' rules (clean() and constraints) as
the site's pages do, and they save through the same services, so the admin keeps the schedule
numbered, the whole and its sub-parts apart and the plan's status right."""

from django.contrib import admin

from scraip.common.admin import NoHardDeleteAdmin

from . import services
from .forms import BasePartFormSet, BaseReportBackFormSet, PartForm
from .models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response


class ReportBackInline(admin.TabularInline):
    model = ReportBack
    formset = BaseReportBackFormSet
    extra = 0
    fields = ["sequence", "due_on", "due_precision", "meeting", "completed", "cancelled", "note"]
    # Numbered in date order by the service.
    readonly_fields = ["sequence"]
    # Removed (softly, and only when nothing was recorded for it) on the plan's schedule page.
    can_delete = False


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["letter", "position", "portfolio", "text"]
    show_change_link = True
    # Deleted (softly) from the plan's page, where the plan's status follows.
    can_delete = False


def _saved_by_service(formset) -> None:
    """Tell the admin's change message what a formset saved through a service held: the admin
    reads it from attributes formset.save() would have set."""
    kept = [
        form for form in formset.forms if form.has_changed() and form not in formset.deleted_forms
    ]
    formset.new_objects = [form.instance for form in kept if form.instance._state.adding]
    formset.changed_objects = [
        (form.instance, form.changed_data) for form in kept if not form.instance._state.adding
    ]
    formset.deleted_objects = [form.instance for form in formset.deleted_forms if form.instance.pk]


@admin.register(ActionPlan)
class ActionPlanAdmin(NoHardDeleteAdmin):
    list_display = ["title", "committee", "publication_date", "status", "response_deadline"]
    list_filter = ["authority", "status"]
    search_fields = ["title"]
    # The plan belongs to its committee's council: see services.action_plan_save.
    readonly_fields = ["authority", "response_deadline", "deleted_at", "version"]
    inlines = [ReportBackInline, RecommendationInline]

    def save_model(self, request, obj, form, change):
        services.action_plan_save(plan=obj, loaded_version=obj.version if change else None)

    def save_formset(self, request, form, formset, change):
        plan = form.instance
        _saved_by_service(formset)
        if formset.model is ReportBack:
            services.report_back_schedule_save(plan=plan, **formset.changes())
            return
        for each in formset.forms:
            if each.has_changed():
                recommendation = each.instance
                recommendation.action_plan = plan
                services.recommendation_save(
                    recommendation=recommendation,
                    loaded_version=recommendation.version if recommendation.pk else None,
                )


class PartInline(admin.TabularInline):
    """The sub-parts, as on the recommendation's page: the unnumbered whole is the service's."""

    model = RecommendationPart
    form = PartForm
    formset = BasePartFormSet
    extra = 0
    # Taken off on the recommendation's page, where an answered one is refused.
    can_delete = False


@admin.register(Recommendation)
class RecommendationAdmin(NoHardDeleteAdmin):
    list_display = ["__str__", "action_plan", "portfolio"]
    list_filter = ["action_plan__authority"]
    inlines = [PartInline]

    def save_model(self, request, obj, form, change):
        """Saved with its sub-parts in save_related, in one call of the service."""

    def save_related(self, request, form, formsets, change):
        (parts,) = formsets
        _saved_by_service(parts)
        services.recommendation_save(
            recommendation=form.instance,
            loaded_version=form.instance.version if change else None,
            **parts.changes(),
        )
        form.save_m2m()


@admin.register(Response)
class ResponseAdmin(NoHardDeleteAdmin):
    list_display = ["part", "decision", "responded_by", "entered_by", "responded_on"]
    list_filter = ["decision"]
    raw_id_fields = ["part"]

    def save_model(self, request, obj, form, change):
        services.response_record(
            response=obj, entered_by=obj.entered_by, loaded_version=obj.version if change else None
        )
