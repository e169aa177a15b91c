from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scraip.common.forms import (
    FuzzyDateField,
    FuzzyDateFormMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
)
from scraip.common.fuzzydates import EXAMPLES
from scraip.councils.models import Meeting, Person, Portfolio

from .models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response


class ActionPlanForm(VersionedFormMixin, forms.ModelForm):
    publication_date = RealDateInputField(label="Date of publication", require_all_fields=False)
    received_on = RealDateInputField(
        label="Date the cabinet received the report",
        required=False,
        require_all_fields=False,
        help_text="The response deadline runs from this date. For example, 24 5 2007.",
    )

    class Meta:
        model = ActionPlan
        fields = ["title", "committee", "publication_date", "received_on"]
        labels = {"committee": "Report of (committee)"}
        error_messages = {
            "title": {"required": "Enter the title of the report"},
            "committee": {"required": "Choose the committee whose report this is"},
        }

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees.select_related("authority")
        self.fields["committee"].label_from_instance = lambda c: f"{c.name} ({c.authority})"
        self.fields["publication_date"].error_messages["required"] = (
            "Enter the date the report was published"
        )
        self._add_version_field()
        self.helper = gds_helper(self)

    def clean(self):
        cleaned = super().clean()
        published, received = cleaned.get("publication_date"), cleaned.get("received_on")
        if published and received and received < published:
            self.add_error(
                "received_on", "The cabinet cannot have received the report before it was published"
            )
        return cleaned

    def save(self, commit=False):
        """Returns the unsaved plan: save_versioned writes it."""
        plan = super().save(commit=False)
        plan.authority = plan.committee.authority
        plan.set_received_on(self.cleaned_data.get("received_on"))
        return plan


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
        if received and received < self.plan.publication_date:
            raise ValidationError(
                "The cabinet cannot have received the report before it was published"
            )
        if received and received > timezone.localdate():
            raise ValidationError(
                "The date the cabinet received the report must be today or earlier"
            )
        return received


class RecommendationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["letter", "position", "text", "note", "portfolio"]
        labels = {
            "letter": "Letter",
            "position": "Order in the plan",
            "text": "Recommendation",
            "note": "Note (optional)",
        }
        help_texts = {
            "letter": "As the report gives it: A, B, C…",
            "text": "If the recommendation has sub-parts, put the text they share here, or leave "
            "it short and give each sub-part below.",
        }
        error_messages = {
            "letter": {"required": "Enter the recommendation's letter"},
            "text": {"required": "Enter the text of the recommendation"},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.action_plan = plan
        self.fields["portfolio"].queryset = Portfolio.objects.filter(authority=plan.authority_id)
        self.fields["portfolio"].empty_label = "Not yet assigned"
        self.fields["letter"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["position"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["position"].error_messages["invalid"] = "Enter the order as a whole number"
        self._add_version_field()
        self.helper = gds_helper(self)
        self.helper.form_tag = False

    def clean_letter(self):
        letter = self.cleaned_data["letter"].strip().upper()
        if not letter.isalnum():
            raise ValidationError("Use letters or numbers only, such as A or G")
        taken = Recommendation.objects.filter(action_plan=self.plan, letter=letter)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"This plan already has a recommendation {letter}")
        return letter


class PartForm(forms.ModelForm):
    class Meta:
        model = RecommendationPart
        fields = ["numeral", "text"]
        labels = {"numeral": "Sub-part", "text": "Text of the sub-part"}
        help_texts = {"numeral": "i, ii, iii…"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["numeral"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["text"].widget.attrs["rows"] = 3

    def clean_numeral(self):
        numeral = self.cleaned_data["numeral"].strip().strip("()").lower()
        if numeral and not numeral.isalnum():
            raise ValidationError("Use a numeral such as i, ii or iii")
        return numeral

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("DELETE"):
            if not cleaned.get("numeral"):
                self.add_error("numeral", "Enter the sub-part's numeral, such as i or ii")
            if not cleaned.get("text"):
                self.add_error("text", "Enter the text of the sub-part")
        return cleaned


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
        # Forms marked for deletion skip their own validation, so the check lives here.
        for form in self.deleted_forms:
            if form.instance.pk and hasattr(form.instance, "response"):
                raise ValidationError(
                    f"Sub-part ({form.instance.numeral}) has a response, so it cannot be removed"
                )
        super().clean()

    def save(self, commit=True):
        parts = super().save(commit=False)
        for position, form in enumerate(self.ordered_forms if self.can_order else self.forms):
            if form.instance in parts:
                form.instance.position = position + 1
        for part in parts:
            part.save()
        for part in self.deleted_objects:
            part.refresh_from_db()  # the form may have blanked the copy it holds
            part.delete()
        return parts


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


class ReportBackForm(FuzzyDateFormMixin, forms.ModelForm):
    fuzzy_fields = {"due": ("due_on", "due_precision")}
    due = FuzzyDateField(label="Date", required=False)

    class Meta:
        model = ReportBack
        fields = ["meeting", "completed", "note"]
        labels = {"completed": "Completed", "note": "Note"}

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fuzzy_dates()
        meetings = meetings if meetings is not None else Meeting.objects.none()
        self.fields["meeting"].queryset = meetings
        # Every row offers the same meetings: list them once for the formset, not once a row.
        self.fields["meeting"].choices = [("", "No meeting set yet")] + [
            (meeting.pk, f"{meeting.date:%-d %B %Y}{', ' + meeting.place if meeting.place else ''}")
            for meeting in meetings
        ]
        self.fields["meeting"].required = False
        self.fields["note"].widget.attrs["rows"] = 2

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("DELETE"):
            meeting = cleaned.get("meeting")
            if not cleaned.get("due") and meeting:
                cleaned["due"] = (meeting.date, "day")
            if not cleaned.get("due") and "due" not in self.errors:
                self.add_error("due", "Enter the date of the report-back, or choose its meeting")
        self._apply_fuzzy_dates(cleaned)
        return cleaned


class BaseReportBackFormSet(forms.BaseInlineFormSet):
    @transaction.atomic
    def save(self, commit=True):
        """Number the plan's report-backs 1st, 2nd, 3rd… in date order, counting any the page
        did not send (a hand-made request can leave rows out)."""
        saved = super().save(commit=False)
        for report_back in self.deleted_objects:
            # Deleted as saved: the form may have blanked a field of the copy it holds, and the
            # history row written on delete needs the saved values.
            report_back.refresh_from_db()
            report_back.delete()
        plan = self.instance
        changed = [
            form.instance
            for form in self.forms
            if form.instance.due_on and form not in self.deleted_forms and form.has_changed()
        ]
        changed_pks = {report_back.pk for report_back in changed if report_back.pk}
        others = list(plan.report_backs.exclude(pk__in=changed_pks))
        in_date_order = sorted(
            [*changed, *others],
            key=lambda report_back: (report_back.due_on, report_back.pk or float("inf")),
        )
        # Park every sequence out of the way first so the unique constraint never trips mid-way.
        for offset, report_back in enumerate([*others, *changed]):
            if report_back.pk:
                ReportBack.objects.filter(pk=report_back.pk).update(sequence=1000 + offset)
        for sequence, report_back in enumerate(in_date_order, start=1):
            if report_back in others:
                ReportBack.objects.filter(pk=report_back.pk).update(sequence=sequence)
        for sequence, report_back in enumerate(in_date_order, start=1):
            if report_back not in others:
                report_back.action_plan = plan
                report_back.sequence = sequence
                report_back.save()
        return saved


ReportBackFormSet = forms.inlineformset_factory(
    ActionPlan,
    ReportBack,
    form=ReportBackForm,
    formset=BaseReportBackFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class ResponseForm(VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    # The page's order, so the error summary lists problems in the order the fields appear.
    field_order = [
        "decision",
        "explanation",
        "action",
        "timetable_text",
        "lead_officer",
        "responded_by",
        "responded_on",
    ]
    fuzzy_fields = {"timetable_text": ("timetable", "timetable_precision")}
    timetable_text = FuzzyDateField(
        label="Timetable",
        required=False,
        help_text=f"When the action will be done. For example, {EXAMPLES}. Leave blank for a "
        "rejection.",
    )
    responded_by = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Cabinet member giving this response",
        help_text="You are recording the response on their behalf.",
        error_messages={"required": "Choose the cabinet member whose response this is"},
    )
    responded_on = RealDateInputField(
        label="Date of the response", required=False, require_all_fields=False
    )

    class Meta:
        model = Response
        fields = ["decision", "explanation", "action", "lead_officer"]
        widgets = {"decision": forms.RadioSelect}
        labels = {
            "decision": "Decision",
            "explanation": "Explanation",
            "action": "Action to be taken",
            "lead_officer": "Lead officer",
        }
        help_texts = {
            "explanation": "Always required. For a rejection, give the reasons.",
            "action": "Required when the recommendation is accepted or partially accepted.",
            "lead_officer": "The officer responsible for the action. Leave blank for a rejection.",
        }
        error_messages = {
            "decision": {"required": "Choose accepted, partially accepted or rejected"},
        }

    def __init__(self, *args, part, on_behalf: bool, responder=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.part = part
        self.instance.part = part
        self._init_fuzzy_dates()
        plan = part.recommendation.action_plan
        self.fields["decision"].choices = Response.Decision.choices
        self.fields["lead_officer"].queryset = Person.objects.officers().filter(
            authority=plan.authority_id
        )
        self.fields["lead_officer"].empty_label = "No lead officer"
        self._add_version_field()
        self.fields["action"].widget.attrs["rows"] = 4
        self.fields["explanation"].widget.attrs["rows"] = 5
        # Required in every case, but the message depends on the decision: see clean().
        self.fields["explanation"].required = False
        if on_behalf:
            portfolio = part.recommendation.portfolio
            holders = Person.objects.filter(portfolio_terms__portfolio=portfolio).distinct()
            self.fields["responded_by"].queryset = holders
            if self.instance.pk:
                self.initial.setdefault("responded_by", self.instance.responded_by_id)
            self.fields["responded_on"].help_text = "Leave blank for today."
            if self.instance.responded_on:
                self.initial.setdefault("responded_on", self.instance.responded_on)
        else:
            del self.fields["responded_by"]
            del self.fields["responded_on"]
            self.instance.responded_by = responder
        self.helper = gds_helper(
            self,
            Field.radios("decision", legend_size=Size.SMALL),
            "explanation",
            Fieldset(
                "action",
                Field.text("timetable_text", field_width=20),
                "lead_officer",
                legend="If accepted or partially accepted",
                legend_size=Size.SMALL,
            ),
            *(["responded_by", "responded_on"] if on_behalf else []),
            "loaded_version",
            submit="Save response",
        )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        explanation = (cleaned.get("explanation") or "").strip()
        timetable = cleaned.get("timetable_text")
        lead_officer = cleaned.get("lead_officer")
        action = (cleaned.get("action") or "").strip()
        if not explanation:
            self.add_error(
                "explanation",
                "Enter the reasons for rejecting the recommendation"
                if decision == Response.Decision.REJECTED
                else "Enter an explanation of the decision",
            )
        if decision == Response.Decision.REJECTED:
            if timetable:
                self.add_error("timetable_text", "A rejected recommendation takes no timetable")
            if lead_officer:
                self.add_error("lead_officer", "A rejected recommendation takes no lead officer")
            if action:
                self.add_error(
                    "action",
                    "A rejected recommendation takes no action: put the reasons in the explanation",
                )
        elif decision:
            word = (
                "an accepted" if decision == Response.Decision.ACCEPTED else "a partially accepted"
            )
            if not action:
                self.add_error("action", f"Enter the action to be taken for {word} recommendation")
            if not timetable and "timetable_text" not in self.errors:
                self.add_error("timetable_text", f"Enter a timetable for {word} recommendation")
            if not lead_officer and "lead_officer" not in self.errors:
                self.add_error("lead_officer", f"Choose a lead officer for {word} recommendation")
        if "responded_by" in cleaned:
            self.instance.responded_by = cleaned["responded_by"]
        if "responded_on" in self.fields:
            responded_on = cleaned.get("responded_on")
            if responded_on and responded_on > timezone.localdate():
                self.add_error("responded_on", "The date of the response must be today or earlier")
            self.instance.responded_on = responded_on or None
        self._apply_fuzzy_dates(cleaned)
        return cleaned
