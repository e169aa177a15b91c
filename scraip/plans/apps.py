from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "scraip.plans"
    label = "plans"
    verbose_name = "SCRAIP action plans"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(
            Link("Action plans", "plans:plan_list", 10, permission="plans.list_actionplans"),
            Link(
                "Recommendations",
                "plans:recommendation_list",
                20,
                permission="plans.list_actionplans",
            ),
            Link(
                "Awaiting response",
                "plans:awaiting_response",
                30,
                permission="plans.list_awaiting_response",
            ),
        )
