"""The review's scoping details, its status and its officer support."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from scraip.common.forms import (
    CheckboxesField,
    FuzzyDateField,
    FuzzyDateFormMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
)
from scraip.common.fuzzydates import EXAMPLES
from scraip.common.years import municipal_year_of
from scraip.councils.models import Authority, Committee, Meeting, Person

from .. import services
from ..models import Review, ReviewStatus, report_deadline_of
from ..similarity import similar_reviews
from .common import (
    add_errors,
    committee_choices,
    officer_label,
    programme_year_choices,
)


class ReviewForm(VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    """The review's scoping details. Warns, and asks to confirm, when another council is already
    running or has recently run a review like it."""

    field_order = [
        "confirm_not_duplicate",
        "title",
        "aim",
        "reason_selected",
        "lead_authority",
        "other_authorities",
        "commissioning_committees",
        "programme_year",
        "report_due",
        "reports_to",
        "reports_to_description",
        "expected_outputs",
        "timescale",
        "cost_implications",
        "community_implications",
    ]
    fuzzy_fields = {"report_due": ("report_due_on", "report_due_precision", "report_due_end")}
    confirm_not_duplicate = forms.BooleanField(
        required=False,
        label="I have looked at these reviews and this one is not a duplicate",
    )
    other_authorities = CheckboxesField(
        queryset=Authority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Other councils taking part",
        help_text="For a joint review, tick each council whose councillors join the group.",
    )
    programme_year = forms.TypedChoiceField(
        coerce=int,
        label="Work programme year",
        error_messages={"invalid_choice": "Choose a work programme year from the list"},
    )
    report_due = FuzzyDateField(
        label="When it reports back",
        required=False,
        help_text=f"As the papers give it. For example, {EXAMPLES}.",
    )

    class Meta:
        model = Review
        fields = [
            "title",
            "aim",
            "reason_selected",
            "lead_authority",
            "commissioning_committees",
            "programme_year",
            "reports_to",
            "reports_to_description",
            "expected_outputs",
            "timescale",
            "cost_implications",
            "community_implications",
        ]
        widgets = {"commissioning_committees": forms.CheckboxSelectMultiple}
        field_classes = {"commissioning_committees": CheckboxesField}
        labels = {
            "title": "Title of the review",
            "aim": "Aim of the review",
            "reason_selected": "Why has this review been selected?",
            "lead_authority": "Lead council",
            "commissioning_committees": "Committees that commissioned the review",
            "reports_to": "Meeting it reports back to",
            "reports_to_description": "Who it reports back to (optional)",
            "expected_outputs": "What are the expected outputs?",
            "timescale": "Timescale",
            "cost_implications": "Cost implications",
            "community_implications": "Community implications",
        }
        error_messages = {
            "title": {"required": "Enter the title of the review"},
            "aim": {"required": "Enter the aim of the review"},
            "lead_authority": {"required": "Choose the lead council"},
        }

    def __init__(self, *args, lead_authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fuzzy_dates()
        review = self.instance
        if review.lead_authority_id:
            lead_authorities = lead_authorities | Authority.objects.filter(
                pk=review.lead_authority_id
            )
        authorities = list(Authority.objects.order_by("name"))
        self.fields["lead_authority"].queryset = lead_authorities.distinct()
        if not review.pk and len(self.fields["lead_authority"].queryset) == 1:
            # An officer proposes for their own council: choose it for them.
            self.initial.setdefault("lead_authority", self.fields["lead_authority"].queryset[0].pk)
        self.fields["other_authorities"].queryset = Authority.objects.all()
        self.fields["other_authorities"].choices = [(a.pk, a.name) for a in authorities]
        committees = list(Committee.objects.select_related("authority"))
        self.fields["commissioning_committees"].choices = committee_choices(committees)
        self.fields["commissioning_committees"].error_messages["required"] = (
            "Choose the committee or committees that commissioned the review"
        )
        self.fields["programme_year"].choices = programme_year_choices()
        if review.pk:
            others = review.participating_authority_ids - {review.lead_authority_id}
            self.initial.setdefault("other_authorities", sorted(others))
            meetings = Meeting.objects.filter(
                committee__in=review.commissioning_committees.all()
            ).select_related("committee")
            self.fields["reports_to"].queryset = meetings
            self.fields["reports_to"].empty_label = "No meeting set yet"
            self.fields["reports_to"].help_text = (
                "A meeting of one of the commissioning committees. Leave this and give the date "
                "above while the meeting is not yet arranged."
            )
        else:
            self.initial["programme_year"] = municipal_year_of(timezone.localdate())
            del self.fields["reports_to"]
        for name in ["aim", "reason_selected", "expected_outputs", "timescale"]:
            self.fields[name].widget.attrs["rows"] = 4
        for name in ["cost_implications", "community_implications"]:
            self.fields[name].widget.attrs["rows"] = 3
        self._add_version_field()
        self.similar = []
        self.helper = gds_helper(
            self,
            "title",
            "aim",
            "reason_selected",
            Fieldset(
                "lead_authority",
                Field.checkboxes("other_authorities", legend_size=Size.SMALL, small=True),
                legend="Who carries out the review",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("commissioning_committees", legend_size=Size.SMALL, small=True),
            "programme_year",
            Fieldset(
                Field.text("report_due", field_width=20),
                *(["reports_to"] if "reports_to" in self.fields else []),
                "reports_to_description",
                legend="Reporting back",
                legend_size=Size.MEDIUM,
            ),
            "expected_outputs",
            "timescale",
            "cost_implications",
            "community_implications",
            "loaded_version",
            submit="Save review",
        )

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_authority")
        participants = {*(cleaned.get("other_authorities") or []), *([lead] if lead else [])}
        cleaned["participants"] = participants
        meeting = cleaned.get("reports_to")
        if meeting:
            cleaned["report_due"] = (meeting.date, "day")
        self._apply_fuzzy_dates(cleaned)
        review = self.instance
        deadline = None
        if "report_due" not in self.errors:
            deadline = report_deadline_of(
                reports_to=meeting,
                due_on=review.report_due_on,
                precision=review.report_due_precision,
                end=review.report_due_end,
            )
        try:
            services.review_scope_check(
                review_pk=review.pk,
                lead_authority=lead,
                participants=participants,
                committees=cleaned.get("commissioning_committees") or [],
                reports_to=meeting,
                report_deadline=deadline,
            )
        except ValidationError as error:
            add_errors(self, error, {"report_due_on": "report_due"})
        self._check_similar(cleaned, lead)
        return cleaned

    def _check_similar(self, cleaned, lead):
        title, aim = cleaned.get("title"), cleaned.get("aim")
        unchanged = self.instance.pk and not {"title", "aim"} & set(self.changed_data)
        if not (title and aim and lead) or unchanged:
            return
        self.similar = similar_reviews(
            title=title, aim=aim, lead_authority=lead, exclude_pk=self.instance.pk
        )
        if self.similar and not cleaned.get("confirm_not_duplicate"):
            self.helper.layout.insert(0, "confirm_not_duplicate")
            self.add_error(
                "confirm_not_duplicate",
                "Another council has a review like this one. Look at it, then tick the box "
                "if yours is not a duplicate",
            )
        elif self.similar:
            self.helper.layout.insert(0, "confirm_not_duplicate")


class StatusChangeForm(VersionedFormMixin, forms.Form):
    to_status = forms.ChoiceField(
        label="New status",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the review's new status"},
    )
    changed_on = RealDateInputField(label="Date of the change", require_all_fields=False)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when moving the review back a stage: say why.",
    )

    def __init__(self, *args, review: Review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = review  # the version guarded is the review's
        self.last_changed_on = review.status_changes.last_changed_on()
        self.fields["to_status"].choices = [
            (value, label) for value, label in ReviewStatus.choices if value != review.status
        ]
        self.fields["changed_on"].error_messages["required"] = "Enter the date of the change"
        self.initial.setdefault("changed_on", timezone.localdate())
        self._add_version_field()
        self.helper = gds_helper(
            self,
            Field.radios("to_status", legend_size=Size.SMALL),
            "changed_on",
            "note",
            "loaded_version",
            submit="Change status",
        )

    def clean(self):
        cleaned = super().clean()
        try:
            services.review_status_check(
                from_status=self.instance.status,
                to_status=cleaned.get("to_status"),
                changed_on=cleaned.get("changed_on"),
                note=cleaned.get("note", ""),
                last_changed_on=self.last_changed_on,
            )
        except ValidationError as error:
            add_errors(self, error)
        return cleaned


class OfficerSupportForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Review
        fields = ["lead_officer", "supporting_officers"]
        widgets = {"supporting_officers": forms.CheckboxSelectMultiple}
        field_classes = {"supporting_officers": CheckboxesField}
        labels = {"supporting_officers": "Supporting officers"}
        help_texts = {
            "lead_officer": "Usually the scrutiny officer of the council that chairs the group.",
            "supporting_officers": "Scrutiny officers of the other councils who help when "
            "needed. Supporting officers may edit the review.",
        }

    def __init__(self, *args, officers, suggested_lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(person.pk, officer_label(person)) for person in officers]
        offered = Person.objects.officers().filter(pk__in=[person.pk for person in officers])
        self.fields["lead_officer"].queryset = offered
        self.fields["lead_officer"].choices = [("", "No lead officer yet")] + choices
        self.fields["supporting_officers"].queryset = offered
        self.fields["supporting_officers"].choices = choices
        if suggested_lead and not self.instance.lead_officer_id:
            self.initial["lead_officer"] = suggested_lead.pk
        self._add_version_field()
        self.helper = gds_helper(
            self,
            "lead_officer",
            Field.checkboxes("supporting_officers", legend_size=Size.SMALL, small=True),
            "loaded_version",
            submit="Save officer support",
        )

    def clean(self):
        cleaned = super().clean()
        if "lead_officer" in self.errors or "supporting_officers" in self.errors:
            return cleaned
        review = self.instance
        try:
            cleaned["supporting_officers"] = services.review_officers_check(
                participant_ids=review.participating_authority_ids,
                current_ids={review.lead_officer_id, *review.supporting_officer_ids} - {None},
                lead_officer=cleaned.get("lead_officer"),
                supporting_officers=cleaned.get("supporting_officers") or [],
            )
        except ValidationError as error:
            add_errors(self, error)
        return cleaned
