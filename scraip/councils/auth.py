"""Signing in, choosing and changing a password: Django's own views, with GOV.UK forms, and
"forgot your password" links rationed (services.password_link_asked)."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils import timezone

from scraip.common.forms import gds_helper
from scraip.common.security import client_address

from . import services
from .forms import SignInForm


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self, submit="Change password")


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self, submit="Save password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, client: str | None = None, **kwargs):
        self.client = client
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.gov.uk"
        )
        self.helper = gds_helper(self, submit="Send me a link")

    def clean(self):
        cleaned_data = super().clean()
        if refusal := services.password_link_refusal(client=self.client, now=timezone.now()):
            raise ValidationError(refusal)
        return cleaned_data

    def save(self, *args, **kwargs):
        """Email the link unless this address has had its share this hour; the page that
        follows says the same either way."""
        if services.password_link_asked(
            email=self.cleaned_data["email"], client=self.client, now=timezone.now()
        ):
            super().save(*args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": client_address(self.request)}


urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "account/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
