from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from scraip.common.forms import gds_helper

from .models import Committee


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been deactivated.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = gds_helper(self, submit="Sign in")

    def clean_username(self):
        """No account has a longer username, so one is refused before any lookup: the sign-in
        records (django-axes) could not store it."""
        username = self.cleaned_data["username"]
        if len(username) > self.username_field.max_length:
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


def committees_for(authorities):
    return Committee.objects.filter(authority__in=authorities)
