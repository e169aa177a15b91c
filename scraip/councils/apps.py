from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "scraip.councils"
    label = "councils"
    verbose_name = "Councils, committees, meetings, people and portfolios"
