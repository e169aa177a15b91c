from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "scraip.followup"
    label = "followup"
    verbose_name = "Follow-up of accepted recommendations"

    def ready(self):
        from scraip.common.navigation import Link, register
        from scraip.common.softdelete import cascade_to
        from scraip.plans.models import RecommendationPart, ReportBack

        from . import registry, services
        from .models import FollowedPart, records_about

        register(
            Link("Meetings", "followup:meeting_list", order=40, permission="councils.list_meetings")
        )
        registry.register(FollowedPart, slug="items")
        # The plans app does not know its parts are followed up: what was recorded about a
        # part goes, and comes back, with it.
        cascade_to(RecommendationPart, records_about)
        # Nor that a report-back is completed once the committee has judged every item due.
        if services.verdicts_missing not in ReportBack.completion_rules:
            ReportBack.completion_rules.append(services.verdicts_missing)
