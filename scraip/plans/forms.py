"""The plans pages' forms. The rules they show are the models' (clean() and constraints) and the
services'; a form keeps only what is about the form itself: which boxes it has, what a blank
row means, and tidying what was typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from scraip.common.forms import (
    CheckboxesField,
    FuzzyDateField,
    FuzzyDateFormMixin,
    ModelRulesMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
)
from scraip.common.limits import refuse_line_breaks
from scraip.common.years import municipal_year_choices
from scraip.councils.models import Committee, Meeting, Person, Portfolio

from .models import (
    ActionPlan,
    Addressee,
    Recommendation,
    RecommendationPart,
    ReportBack,
)
from .services import ScheduledReportBack, SubPart


class ActionPlanForm(ModelRulesMixin, VersionedFormMixin, forms.ModelForm):
    publication_date = RealDateInputField(label="Date of publication", require_all_fields=False)
    received_on = RealDateInputField(
        label="Date the cabinet received the report",
        required=False,
        require_all_fields=False,
        help_text="The response deadline runs from this date. For example, 24 5 2007.",
    )

    joint_committees = CheckboxesField(
        queryset=Committee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Jointly with (optional)",
        help_text="Other committees of the council whose report this also is. Its report-backs "
        "may then be heard at their meetings too.",
    )

    class Meta:
        model = ActionPlan
        fields = ["title", "committee", "publication_date", "municipal_year", "received_on"]
        labels = {"committee": "Report of (committee)"}
        error_messages = {
            "title": {"required": "Enter the title of the report"},
            "committee": {"required": "Choose the committee whose report this is"},
        }

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        committees = committees.select_related("authority")
        self.fields["committee"].queryset = committees
        self.fields["committee"].label_from_instance = lambda c: f"{c.name} ({c.authority})"
        self.fields["joint_committees"].queryset = committees
        self.fields["joint_committees"].label_from_instance = self.fields[
            "committee"
        ].label_from_instance
        if self.instance.pk:
            self.initial["joint_committees"] = list(
                self.instance.joint_committees.values_list("pk", flat=True)
            )
        self.fields["publication_date"].error_messages["required"] = (
            "Enter the date the report was published"
        )
        self.fields["municipal_year"] = forms.TypedChoiceField(
            label="Municipal year (optional)",
            choices=[
                ("", "The year of the date of publication"),
                *municipal_year_choices(timezone.localdate(), first=1990),
            ],
            coerce=int,
            empty_value=None,
            required=False,
            initial=self.instance.filed_under_another_year(),
            help_text="The May-to-April year the council files the report under, if not the "
            "one it was published in.",
        )
        self._add_version_field()
        self.helper = gds_helper(self)


class SendForResponseForm(forms.Form):
    received_on = RealDateInputField(
        label="Date the cabinet received the report", require_all_fields=False
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["received_on"].error_messages["required"] = (
            "Enter the date the cabinet received the report"
        )
        self.helper = gds_helper(self, submit="Send to the cabinet for a response")

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        problem = received and self.plan.receipt_problem(received, sent=True)
        if problem:
            raise ValidationError(problem)
        return received


class RecommendationForm(ModelRulesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "letter",
            "position",
            "text",
            "note",
            "addressed_to",
            "portfolio",
            "addressee_officer",
            "addressee_organisation",
        ]
        widgets = {"addressed_to": forms.RadioSelect}
        labels = {
            "letter": "Reference",
            "position": "Order in the plan",
            "text": "Recommendation",
            "note": "Note (optional)",
            "addressed_to": "Addressed to",
            "portfolio": "Cabinet portfolio",
            "addressee_officer": "Officer addressed (for a named officer)",
            "addressee_organisation": "Organisation addressed (for an outside organisation)",
        }
        help_texts = {
            "letter": "As the report gives it: a letter (A, B, C…) or your council's own "
            "reference, such as SR (25/26) 01, up to 40 characters.",
            "text": "If the recommendation has sub-parts, put the text they share here, or leave "
            "it short and give each sub-part below.",
            "addressed_to": "Who is asked to act, and so who answers: the portfolio holder, any "
            "cabinet member for the Cabinet, the named officer, or a scrutiny officer recording "
            "the answer of full Council or an outside organisation.",
            "portfolio": "Needed for a portfolio holder; for the others, the portfolio it "
            "concerns, if any.",
        }
        error_messages = {
            "letter": {
                "required": "Enter the recommendation's reference, such as A",
                "max_length": "Shorten the reference to 40 characters or fewer (it has "
                "%(show_value)d)",
            },
            "text": {"required": "Enter the text of the recommendation"},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.action_plan = plan
        self.fields["portfolio"].queryset = Portfolio.objects.filter(authority=plan.authority_id)
        self.fields["portfolio"].empty_label = "Not yet assigned"
        self.fields["addressee_officer"].queryset = Person.objects.officers().filter(
            authority=plan.authority_id
        )
        self.fields["addressee_officer"].empty_label = "Not a named officer"
        # Left unchosen, it is addressed to a portfolio holder, as seed 001's all are.
        self.fields["addressed_to"].required = False
        self.fields["addressed_to"].choices = Addressee.choices
        # No maxlength: a browser would cut a longer reference off as it is typed or pasted;
        # the form says it is too long instead.
        self.fields["letter"].widget.attrs.pop("maxlength", None)
        self.fields["letter"].widget.attrs["class"] = "govuk-input--width-20"
        self.fields["position"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["position"].error_messages["invalid"] = "Enter the order as a whole number"
        self.wording_locked = bool(self.instance.pk) and self.instance.has_answers()
        if self.wording_locked:
            self.fields["amendment_reason"] = forms.CharField(
                label="Reason for amending the wording (only if you change it)",
                help_text="This recommendation has been answered, so a change to its wording or "
                "to a sub-part's is recorded as an amendment with this reason.",
                required=False,
                # simple-history's history_change_reason column holds 100 characters.
                max_length=100,
                validators=[refuse_line_breaks],
            )
            self.order_fields(["letter", "position", "text", "amendment_reason"])
        self._add_version_field()
        self.helper = gds_helper(self)
        self.helper.form_tag = False

    def clean_addressed_to(self):
        return self.cleaned_data["addressed_to"] or Addressee.PORTFOLIO

    def clean(self):
        # Before the model's own checks run, so an amendment with a reason passes them.
        reason = (self.cleaned_data.get("amendment_reason") or "").strip()
        # The reason covers the sub-parts' wording too (services.recommendation_parts_save).
        if reason:
            self.instance._change_reason = reason
        return super().clean()


class PartForm(ModelRulesMixin, forms.ModelForm):
    """One sub-part: a numbered one, so both boxes are required here (the whole, which has
    neither, is kept by the service and never shown)."""

    class Meta:
        model = RecommendationPart
        fields = ["numeral", "text"]
        labels = {"numeral": "Sub-part", "text": "Text of the sub-part"}
        help_texts = {"numeral": "i, ii, iii…"}
        error_messages = {
            "numeral": {"required": "Enter the sub-part's numeral, such as i or ii"},
            "text": {"required": "Enter the text of the sub-part"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["numeral"].required = self.fields["text"].required = True
        self.fields["numeral"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["text"].widget.attrs["rows"] = 3

    def clean_numeral(self):
        # Tidied here as well as in the model, so the formset compares numerals as saved.
        return RecommendationPart.normalise_numeral(self.cleaned_data["numeral"])


class BasePartFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        # The unnumbered "whole" part is kept by the service, never edited here. Cached, as the
        # formset asks for it once per form.
        if not hasattr(self, "_numbered_parts"):
            self._numbered_parts = super().get_queryset().exclude(numeral="")
        return self._numbered_parts

    def clean(self):
        numerals = [
            form.cleaned_data["numeral"]
            for form in self.forms
            if form.cleaned_data.get("numeral") and not form.cleaned_data.get("DELETE")
        ]
        if len(numerals) != len(set(numerals)):
            raise ValidationError("Each sub-part needs its own numeral")
        # Forms marked for deletion skip their own validation, so the check lives here (the
        # service refuses it too).
        for form in self.deleted_forms:
            problem = form.instance.pk and form.instance.removal_problem()
            if problem:
                raise ValidationError(problem)
        super().clean()

    def changes(self) -> dict:
        """What the page asks of services.recommendation_save: the sub-parts in the page's
        order (a changed one takes its place on the page as its position), and those removed."""
        kept = [form for form in self.forms if form not in self.deleted_forms]
        return {
            "sub_parts": [
                SubPart(
                    numeral=form.instance.numeral,
                    text=form.instance.text,
                    pk=form.instance.pk,
                    position=self.forms.index(form) + 1,
                )
                for form in kept
                if form.has_changed() or form.instance.pk
            ],
            "removed": [form.instance.pk for form in self.deleted_forms if form.instance.pk],
        }


PartFormSet = forms.inlineformset_factory(
    Recommendation,
    RecommendationPart,
    form=PartForm,
    formset=BasePartFormSet,
    extra=2,
    can_delete=True,
    # A hand-made request cannot make the server build thousands of forms.
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class ReportBackForm(ModelRulesMixin, FuzzyDateFormMixin, forms.ModelForm):
    fuzzy_fields = {"due": ("due_on", "due_precision")}
    due = FuzzyDateField(label="Date", required=False)

    class Meta:
        model = ReportBack
        fields = ["meeting", "completed", "cancelled", "note"]
        labels = {
            "completed": "Completed",
            "cancelled": "Cancel this report-back",
            "note": "Note",
        }

    def __init__(self, *args, meetings=None, several_committees=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fuzzy_dates()
        meetings = meetings if meetings is not None else Meeting.objects.none()
        self.fields["meeting"].queryset = meetings
        # Every row offers the same meetings: list them once for the formset, not once a row.
        self.fields["meeting"].choices = [("", "No meeting set yet")] + [
            (meeting.pk, meeting_label(meeting, with_committee=several_committees))
            for meeting in meetings
        ]
        self.fields["meeting"].required = False
        self.fields["note"].widget.attrs["rows"] = 2

    def clean(self):
        cleaned = super().clean()
        self._apply_fuzzy_dates(cleaned)
        return cleaned


def meeting_label(meeting: Meeting, *, with_committee: bool) -> str:
    """A meeting as a report-back row offers it; with its committee's name when the plan
    reports back to several (joint reports, successor committees)."""
    parts = [f"{meeting.date:%-d %B %Y}"]
    if with_committee:
        parts.append(meeting.committee.short_name or meeting.committee.name)
    if meeting.place:
        parts.append(meeting.place)
    return ", ".join(parts)


class BaseReportBackFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """A report-back something was recorded for stays on the schedule (the service refuses
        it too): say so here, on the page, rather than fail the save."""
        super().clean()
        problems = [
            problem
            for form in self.deleted_forms
            if form.instance.pk and (problem := form.instance.removal_problem())
        ]
        if problems:
            raise ValidationError(problems)

    def changes(self) -> dict:
        """What the page asks of services.report_back_schedule_save: the rows typed or changed,
        and those removed."""
        changed = [
            form.instance
            for form in self.forms
            if form not in self.deleted_forms and form.has_changed() and form.instance.due_on
        ]
        return {
            "report_backs": [ScheduledReportBack.of(report_back) for report_back in changed],
            "removed": [form.instance.pk for form in self.deleted_forms if form.instance.pk],
        }


ReportBackFormSet = forms.inlineformset_factory(
    ActionPlan,
    ReportBack,
    form=ReportBackForm,
    formset=BaseReportBackFormSet,
    # Seed 001's three report-backs in one go; "Add another report-back date" gives more.
    extra=3,
    can_delete=True,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class PublicationForm(VersionedFormMixin, forms.ModelForm):
    """Publish a plan by hand, withdraw it with a reason, or leave it to the council's setting
    (the rules: ActionPlan.publication_problem)."""

    class Meta:
        model = ActionPlan
        fields = ["publication", "withdrawal_reason"]
        labels = {
            "publication": "Is this plan public?",
            "withdrawal_reason": "Reason for withdrawing it (if withdrawn)",
        }
        help_texts = {
            "withdrawal_reason": "Kept in the plan's history. Not shown to the public.",
        }
        widgets = {"publication": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].choices = [
            (ActionPlan.Publication.COUNCIL_RULE, "As the council's setting says"),
            (ActionPlan.Publication.PUBLISHED, "Publish it now"),
            (ActionPlan.Publication.WITHDRAWN, "Withdraw it from publication"),
        ]
        self.fields["publication"].error_messages["required"] = "Choose whether the plan is public"
        self.fields["withdrawal_reason"].widget.attrs["rows"] = 3
        self._add_version_field()
        self.helper = gds_helper(self, submit="Save")
