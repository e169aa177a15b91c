from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "scraip.followup"
    label = "followup"
    verbose_name = "Follow-up of accepted recommendations"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(Link("Meetings", "followup:meeting_list", order=40))
