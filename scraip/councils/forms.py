from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from scraip.common.forms import RealDateInputField, gds_helper
from scraip.common.spreadsheets import SpreadsheetField

from .models import Authority, Committee, Person, Portfolio


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


# Setting up a council.


class AuthoritySettingsForm(forms.ModelForm):
    """How the council works: its short name, the cabinet's response period and what an
    acceptance must say."""

    class Meta:
        model = Authority
        fields = [
            "short_name",
            "response_period_days",
            "acceptance_needs_details",
            "compares_impact",
            "publishes_plans",
        ]
        labels = {
            "short_name": "Short name (optional)",
            "response_period_days": "Days the cabinet has to respond (optional)",
            "acceptance_needs_details": "An accepted recommendation needs an action, a timetable "
            "and a lead officer",
            "compares_impact": "Share our impact report with the other councils of the network",
            "publishes_plans": "When our action plans become public",
        }
        widgets = {"publishes_plans": forms.RadioSelect}
        error_messages = {
            "response_period_days": {
                "invalid": "Enter the number of days as a whole number, such as 28",
                "min_value": "Enter a number of days from 1 to 366",
                "max_value": "Enter a number of days from 1 to 366",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_period_days"].widget.attrs["class"] = "govuk-input--width-4"
        self.helper = gds_helper(self, submit="Save settings")


class CommitteeForm(forms.ModelForm):
    abolished_on = RealDateInputField(
        label="Abolished on",
        required=False,
        require_all_fields=False,
        help_text="Only for a committee that no longer meets. For example, 21 5 2025",
    )

    class Meta:
        model = Committee
        fields = ["name", "short_name", "abolished_on", "successor"]
        error_messages = {"name": {"required": "Enter the committee’s name"}}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.authority = authority
        others = Committee.objects.filter(authority=authority).exclude(pk=self.instance.pk)
        self.fields["successor"].queryset = others
        self.fields["successor"].empty_label = "None"
        self.helper = gds_helper(self, submit="Save committee")


class PortfolioForm(forms.ModelForm):
    class Meta:
        model = Portfolio
        fields = ["title"]
        labels = {"title": "Title of the portfolio"}
        help_texts = {"title": "For example, Cabinet Member for Housing"}
        error_messages = {"title": {"required": "Enter the portfolio’s title"}}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.authority = authority
        self.helper = gds_helper(self, submit="Save portfolio")


class TermForm(forms.Form):
    holder = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Who holds it",
        empty_label="Choose a councillor",
        error_messages={"required": "Choose the councillor who holds the portfolio"},
    )
    starts_on = RealDateInputField(
        label="From", require_all_fields=False, help_text="For example, 21 5 2025"
    )
    ends_on = RealDateInputField(
        label="To",
        required=False,
        require_all_fields=False,
        help_text="Leave blank while the term runs",
    )

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = Person.objects.councillors().filter(authority=authority)
        self.fields["starts_on"].error_messages["required"] = "Enter the day the term began"
        self.helper = gds_helper(self, submit="Add term")


class TermEndForm(forms.Form):
    ends_on = RealDateInputField(
        label="Last day of the term", require_all_fields=False, help_text="For example, 20 5 2026"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].error_messages["required"] = "Enter the last day of the term"
        self.helper = gds_helper(self, submit="End term")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "kind",
            "political_group",
            "job_title",
            "directorate",
            "email",
            "in_scrutiny_team",
            "is_council_admin",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "kind": "Role",
            "political_group": "Political group or party",
            "in_scrutiny_team": "In the scrutiny team",
        }
        help_texts = {
            "political_group": "Councillors only",
            "in_scrutiny_team": "Officers who run scrutiny: they create and edit action plans",
        }
        error_messages = {
            "name": {"required": "Enter the person’s name"},
            "kind": {"required": "Choose councillor, officer or outside witness"},
        }

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.authority = authority
        self.helper = gds_helper(
            self,
            "name",
            Field.radios("kind", legend_size=Size.SMALL),
            "political_group",
            "job_title",
            "directorate",
            "email",
            Field.checkboxes("in_scrutiny_team", small=True),
            Field.checkboxes("is_council_admin", small=True),
            submit="Save person",
        )


class BulkUploadForm(forms.Form):
    spreadsheet = SpreadsheetField(
        label="Spreadsheet",
        help_text="An Excel spreadsheet (.xlsx) or a CSV file, up to 10 MB and 2,000 rows.",
        error_messages={"required": "Choose the spreadsheet to check"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self, submit="Check the spreadsheet")
        self.helper.attrs = {"enctype": "multipart/form-data"}
