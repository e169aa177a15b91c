"""Forms for following up a SCRAIP: meetings, progress updates, verdicts, target dates, the
tracker import and calendar feeds. ProgressForm, VerdictForm and TargetDateForm take any
TrackedItem as `subject`, so other apps reuse them."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from scraip.common.forms import (
    FuzzyDateField,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
    preselect_only_choice,
)
from scraip.common.fuzzydates import same_period
from scraip.common.spreadsheets import SpreadsheetField
from scraip.common.text import ordinal
from scraip.common.uploads import CheckedFileField
from scraip.councils.models import Meeting, Person
from scraip.followup import services
from scraip.followup.models import CouncilStatus, ProgressUpdate, Verdict
from scraip.plans.models import ReportBack, Response

from .imports import AWAITING, FIELDS, NO_UPDATE, Mapping

EVIDENCE_TYPES = ["pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg", "txt", "csv"]


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    date = RealDateInputField(label="Date of the meeting", require_all_fields=False)

    class Meta:
        model = Meeting
        fields = ["committee", "date", "place", "status"]
        widgets = {"status": forms.RadioSelect}
        error_messages = {"committee": {"required": "Choose the committee that meets"}}

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees.select_related("authority")
        self.fields["committee"].label_from_instance = lambda c: f"{c.name} ({c.authority})"
        self.fields["date"].error_messages["required"] = "Enter the date of the meeting"
        self.fields["place"].help_text = "For example, Town Hall, Maidstone"
        self._add_version_field()
        self.helper = gds_helper(
            self,
            "committee",
            "date",
            "place",
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            "loaded_version",
            submit="Save meeting",
        )


class ProgressForm(VersionedFormMixin, forms.ModelForm):
    """A progress update on one item. With `on_behalf`, an officer types it for someone in
    `reporters` (the item's lead officer first) and may give the date it was reported."""

    field_order = [
        "report_back",
        "status",
        "narrative",
        "evidence_link",
        "evidence_file",
        "reported_by",
        "reported_on",
    ]
    evidence_file = CheckedFileField(
        label="Evidence file (optional)",
        required=False,
        extensions=EVIDENCE_TYPES,
        help_text="A PDF, Word, Excel, OpenDocument, image, text or CSV file, up to 10 MB.",
    )
    evidence_link = forms.URLField(
        label="Link to evidence (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, the web page or committee report that shows it.",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    reported_by = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Whose update is this?",
        help_text="You are entering it on their behalf: both names are kept.",
        error_messages={"required": "Choose whose update this is"},
    )
    reported_on = RealDateInputField(
        label="Date it was reported", required=False, require_all_fields=False
    )

    class Meta:
        model = ProgressUpdate
        fields = ["report_back", "status", "narrative", "evidence_link"]
        widgets = {"status": forms.RadioSelect}
        labels = {
            "report_back": "For the report-back",
            "status": "Status",
            "narrative": "What has been done",
        }
        help_texts = {
            "narrative": "What has happened since the last update, and what happens next.",
        }
        error_messages = {
            "status": {"required": "Choose the status of the action"},
            "narrative": {"required": "Say what has been done"},
        }

    def __init__(
        self, *args, subject, report_backs=None, on_behalf=False, reporters=None, **kwargs
    ):
        # The model's rules (ProgressUpdate.clean) read the item the update is about.
        kwargs["instance"] = kwargs.get("instance") or ProgressUpdate()
        kwargs["instance"].subject = subject
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.fields["narrative"].widget.attrs["rows"] = 5
        self._init_council_statuses(subject)
        if report_backs is None:
            del self.fields["report_back"]
        else:
            self.fields["report_back"].queryset = report_backs
            self.fields["report_back"].required = False
            self.fields["report_back"].empty_label = "Not for a particular report-back"
            self.fields["report_back"].label_from_instance = report_back_label
        if on_behalf:
            self.fields["reported_by"].queryset = reporters
            lead = subject.progress_lead()
            if lead and not self.instance.pk:
                self.initial.setdefault("reported_by", lead.pk)
            elif self.instance.pk:
                self.initial.setdefault("reported_by", self.instance.reported_by_id)
                self.initial.setdefault("reported_on", self.instance.reported_on)
            self.fields["reported_on"].help_text = "Leave blank for today."
        else:
            del self.fields["reported_by"]
            del self.fields["reported_on"]
        self._add_version_field()
        self.helper = gds_helper(
            self,
            *(["report_back"] if "report_back" in self.fields else []),
            Field.radios("status", legend_size=Size.SMALL),
            "narrative",
            "evidence_link",
            "evidence_file",
            *(["reported_by", "reported_on"] if on_behalf else []),
            "loaded_version",
            submit="Save update",
        )
        self.helper.attrs = {"enctype": "multipart/form-data"}

    def _init_council_statuses(self, subject):
        """A council that names its own statuses offers them, each standing for SCRAIP's
        lifecycle state (CouncilStatus); others offer SCRAIP's."""
        offered = CouncilStatus.objects.offered(subject.tracked_authority_id)
        current = self.instance.council_status_id
        statuses = list(offered | CouncilStatus.objects.filter(pk=current) if current else offered)
        if not statuses:
            return
        self.fields["status"] = forms.TypedChoiceField(
            label="Status",
            widget=forms.RadioSelect,
            coerce=int,
            choices=[(status.pk, status.name) for status in statuses],
            initial=current,
            error_messages={"required": "Choose the status of the action"},
        )
        self.council_statuses = {status.pk: status for status in statuses}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reported_on"):  # for ProgressUpdate.clean to check
            self.instance.reported_on = cleaned["reported_on"]
        return cleaned

    def clean_status(self):
        """A council's own status stands for its lifecycle state, which the update records
        beside it (and the model's rules then read)."""
        status = self.cleaned_data["status"]
        chosen = getattr(self, "council_statuses", {}).get(status)
        if chosen is None:
            return status
        self.cleaned_data["council_status"] = self.instance.council_status = chosen
        return chosen.lifecycle

    def record(self, *, person, entered_by, update=None) -> ProgressUpdate:
        """Saves the valid form through services.progress_record, for any tracked subject.
        Raises StaleEdit and WorkflowError as that does."""
        data = self.cleaned_data
        return services.progress_record(
            subject=self.subject,
            status=data["status"],
            council_status=data.get("council_status"),
            narrative=data["narrative"],
            evidence_link=data["evidence_link"],
            evidence_file=data.get("evidence_file"),
            report_back=data.get("report_back"),
            reported_by=data.get("reported_by") or person,
            reported_on=data.get("reported_on"),
            entered_by=entered_by,
            update=update,
            loaded_version=self.loaded_version,
        )


class CouncilStatusForm(forms.ModelForm):
    class Meta:
        model = CouncilStatus
        fields = ["name", "lifecycle", "rag", "position", "retired"]
        widgets = {"lifecycle": forms.RadioSelect, "rag": forms.RadioSelect}
        labels = {"name": "Status", "rag": "Colour (red, amber or green)"}
        help_texts = {"name": "As your council writes it, for example Ongoing"}
        error_messages = {
            "name": {"required": "Enter the status’s name, such as Ongoing"},
            "lifecycle": {"required": "Choose the state this status stands for"},
            "rag": {"required": "Choose red, amber or green"},
            "position": {"invalid": "Enter the order as a whole number"},
        }

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.authority = authority
        self.fields["position"].widget.attrs["class"] = "govuk-input--width-4"
        self.helper = gds_helper(
            self,
            "name",
            Field.radios("lifecycle", legend_size=Size.SMALL),
            Field.radios("rag", legend_size=Size.SMALL, inline=True),
            "position",
            "retired",
            submit="Save status",
        )


def report_back_label(report_back: ReportBack) -> str:
    return f"{ordinal(report_back.sequence)} update, {report_back.due_display}"


class VerdictForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Verdict
        fields = ["verdict", "invited_back", "note"]
        widgets = {"verdict": forms.RadioSelect, "invited_back": forms.RadioSelect}
        labels = {
            "verdict": "The committee's verdict",
            "invited_back": "Who is invited back to explain?",
            "note": "Note (optional)",
        }
        help_texts = {
            "verdict": "Only a verdict of closed closes the item.",
            "invited_back": "Only when the committee is not satisfied.",
            "note": "What the committee said or asked for.",
        }
        error_messages = {"verdict": {"required": "Choose the committee's verdict"}}

    def __init__(self, *args, subject, meeting, **kwargs):
        # The model's rules (Verdict.clean) read the item and the meeting.
        kwargs["instance"] = kwargs.get("instance") or Verdict(meeting=meeting)
        kwargs["instance"].subject = subject
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.fields["verdict"].choices = Verdict.Kind.choices
        self.fields["invited_back"].choices = Verdict.InvitedBack.choices
        self.fields["invited_back"].required = False
        self.fields["note"].widget.attrs["rows"] = 3
        self._add_version_field()
        self.helper = gds_helper(
            self,
            Field.radios("verdict", legend_size=Size.SMALL),
            Field.radios("invited_back", legend_size=Size.SMALL),
            "note",
            "loaded_version",
            submit="Save verdict",
        )


class TargetDateForm(VersionedFormMixin, forms.Form):
    """A new target date for an item, with the reason; the version is the target record's."""

    new_target = FuzzyDateField(label="New target date")
    reason = forms.CharField(
        label="Why is the target date changing?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The committee sees the old date and this reason in the item's history.",
        error_messages={"required": "Give the reason for changing the target date"},
    )

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.instance = subject.target_record()
        self.fields["new_target"].error_messages["required"] = "Enter the new target date"
        self._add_version_field()
        self.helper = gds_helper(
            self, "new_target", "reason", "loaded_version", submit="Change target date"
        )

    def clean_new_target(self):
        new_target = self.cleaned_data["new_target"]
        current = self.subject.current_target
        if new_target and current[0] and same_period((*new_target, new_target.end), current):
            raise ValidationError(f"The target date is already {new_target}: enter a new one")
        return new_target

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Give the reason for changing the target date")
        return reason


class ReportBackCompleteForm(forms.Form):
    note = forms.CharField(
        label="Note for the record",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, what the committee concluded. It prints in the action plan.",
        error_messages={"required": "Add a note saying what the committee concluded"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self, submit="Mark as completed")


class TrackerImportForm(forms.Form):
    spreadsheet = SpreadsheetField(
        label="Tracker spreadsheet",
        help_text="The tracker as exported from this page, as Excel or CSV, with the “New "
        "status” and “New update” columns filled in for the items that have news. Up to 10 MB "
        "and 5,000 rows.",
        error_messages={"required": "Choose the spreadsheet to import"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self, submit="Check and import")
        self.helper.attrs = {"enctype": "multipart/form-data"}


MY_DATES = "me"


class CalendarFeedForm(forms.Form):
    calendar = forms.ChoiceField(
        label="What should the calendar show?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the calendar should show"},
    )

    def __init__(self, *args, committees, person, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(committee.pk), f"Every date of {committee}") for committee in committees]
        if person:
            choices.insert(0, (MY_DATES, "My own dates: my deadlines and report-backs"))
        self.fields["calendar"].choices = choices
        self.committees = {str(committee.pk): committee for committee in committees}
        self.helper = gds_helper(
            self,
            Field.radios("calendar", legend_size=Size.SMALL),
            submit="Create calendar address",
        )


class ExistingTrackerForm(forms.Form):
    """The first step of bringing a council's own tracker in: which council, which file."""

    authority = forms.ModelChoiceField(
        queryset=None,
        label="Council",
        error_messages={"required": "Choose the council whose tracker this is"},
    )
    spreadsheet = SpreadsheetField(
        label="Your tracker",
        help_text="An Excel (.xlsx) or CSV file with one recommendation a row and the column "
        "names in its first row, up to 10 MB and 2,000 rows.",
        error_messages={"required": "Choose the spreadsheet to import"},
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        preselect_only_choice(self, "authority")
        self.helper = gds_helper(self, submit="Read the spreadsheet")
        self.helper.attrs = {"enctype": "multipart/form-data"}


class TrackerMappingForm(forms.Form):
    """The tracker's columns matched to SCRAIP's fields, and its decision and status words to
    SCRAIP's (or the council's own) meanings; the guesses are filled in."""

    def __init__(self, *args, tracker, mapping, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", "Not in this tracker"), *((title, title) for title in tracker.header)]
        for spec in FIELDS:
            self.fields[f"column_{spec.key}"] = forms.ChoiceField(
                label=spec.label + ("" if spec.required else " (optional)"),
                choices=columns,
                required=spec.required,
                initial=mapping.columns.get(spec.key, ""),
                error_messages={"required": f"Choose the column for {spec.label.lower()}"},
            )
        decisions = [("", "Choose…"), (AWAITING, "Not answered yet"), *Response.Decision.choices]
        self.decision_words = tracker.words(mapping.columns.get("decision"))
        for number, word in enumerate(self.decision_words):
            self.fields[f"decision_{number}"] = forms.ChoiceField(
                label=f"Decision “{word}” means",
                choices=decisions,
                required=False,
                initial=mapping.decisions.get(word.casefold(), ""),
            )
        meanings = [
            ("", "Choose…"),
            (NO_UPDATE, "No progress recorded yet"),
            *((f"council:{status.pk}", f"{status.name} (your council’s)") for status in statuses),
            *((f"lifecycle:{value}", label) for value, label in ProgressUpdate.Status.choices),
        ]
        self.status_words = tracker.words(mapping.columns.get("status"))
        for number, word in enumerate(self.status_words):
            self.fields[f"status_{number}"] = forms.ChoiceField(
                label=f"Status “{word}” means",
                choices=meanings,
                required=False,
                initial=mapping.statuses.get(word.casefold(), ""),
            )
        self.helper = gds_helper(self, submit="Check the tracker")

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            {spec.key: data.get(f"column_{spec.key}", "") for spec in FIELDS},
            {
                word.casefold(): data[f"decision_{number}"]
                for number, word in enumerate(self.decision_words)
                if data.get(f"decision_{number}")
            },
            {
                word.casefold(): data[f"status_{number}"]
                for number, word in enumerate(self.status_words)
                if data.get(f"status_{number}")
            },
        )
