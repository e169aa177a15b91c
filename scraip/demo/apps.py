from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "scraip.demo"
    label = "demo"
    verbose_name = "Demonstration data"
