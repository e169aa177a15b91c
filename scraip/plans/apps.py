from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "scraip.plans"
    label = "plans"
    verbose_name = "SCRAIP action plans"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(
            Link("Action plans", "plans:plan_list", order=10),
            Link("Recommendations", "plans:recommendation_list", order=20),
            Link("Awaiting response", "plans:awaiting_response", order=30),
        )
