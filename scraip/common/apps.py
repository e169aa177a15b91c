from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "scraip.common"
    label = "common"
    verbose_name = "Shared kernel"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import limits, security

        limits.apply_limits()

        user_logged_in.connect(security.record_sign_in, dispatch_uid="scraip-sign-in")
        user_login_failed.connect(security.record_failed_sign_in, dispatch_uid="scraip-failed")
        user_locked_out.connect(security.record_lockout, dispatch_uid="scraip-locked-out")
