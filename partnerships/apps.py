from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(Link("Partnerships", "partnerships:list", order=60))
