from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from scraip.common.navigation import Link, register
        from scraip.followup import registry

        from .models import Outcome

        register(
            Link(
                "Partnerships",
                "partnerships:list",
                order=60,
                permission="partnerships.view_register",
            )
        )
        # An agreed outcome's progress is followed like an accepted recommendation's.
        registry.register(Outcome, slug="outcome")
