from django.apps import AppConfig


class ScraipConfig(AppConfig):
    name = "scraip"
    verbose_name = "SCRAIP action plans"
