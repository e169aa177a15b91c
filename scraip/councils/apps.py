from django.apps import AppConfig


def _has_a_password(user) -> bool:
    return user.has_usable_password()


class CouncilsConfig(AppConfig):
    name = "scraip.councils"
    label = "councils"
    verbose_name = "Councils, committees, meetings, people and portfolios"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(
            Link("Set up", "councils:setup_home", order=70, permission="councils.setup"),
            Link("Your password", "password_change", order=80, visible=_has_a_password),
        )
