"""The cabinet member's response form (and an officer's, on their behalf): the decision, its
explanation, action, timetable, lead and supporting officers, for one part or every sub-part."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from scraip.common.forms import (
    CheckboxesField,
    FuzzyDateField,
    FuzzyDateFormMixin,
    ModelRulesMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
    preselect_only_choice,
)
from scraip.common.fuzzydates import EXAMPLES
from scraip.councils.models import Person

from .models import Addressee, Response


class ResponseForm(ModelRulesMixin, VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    # The page's order, so the error summary lists problems in the order the fields appear.
    field_order = [
        "decision",
        "explanation",
        "action",
        "timetable_text",
        "lead_officer",
        "supporting_officers",
        "responded_by",
        "responded_on",
    ]
    fuzzy_fields = {"timetable_text": Response.TIMETABLE_FIELDS}
    timetable_text = FuzzyDateField(
        label="Timetable",
        required=False,
        help_text=f"When the action will be done. For example, {EXAMPLES}. Leave blank for a "
        "rejection.",
    )
    supporting_officers = CheckboxesField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Supporting officers (optional)",
        help_text="Others who share the action. The lead officer above is accountable for it; "
        "reminders and dashboards reach every one of them.",
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
        self.fields["supporting_officers"].queryset = self.fields["lead_officer"].queryset
        if self.instance.pk:
            self.initial["supporting_officers"] = [
                person.pk for person in self.instance.supporting_officers.all()
            ]
        self.details_optional = not plan.authority.acceptance_needs_details
        if self.details_optional:
            self.fields["action"].help_text = "Optional, also for an acceptance."
            self.fields["timetable_text"].help_text = f"Optional. For example, {EXAMPLES}."
            self.fields["lead_officer"].help_text = "Optional."
        self._add_version_field()
        self.fields["action"].widget.attrs["rows"] = 4
        self.fields["explanation"].widget.attrs["rows"] = 5
        if on_behalf:
            self._init_on_behalf(part)
        else:
            del self.fields["responded_by"]
            del self.fields["responded_on"]
            self.instance.responded_by = responder
        self._init_answer_for(part)
        self.helper = gds_helper(
            self,
            *(
                [Field.radios("answer_for", legend_size=Size.SMALL)]
                if "answer_for" in self.fields
                else []
            ),
            Field.radios("decision", legend_size=Size.SMALL),
            "explanation",
            Fieldset(
                "action",
                Field.text("timetable_text", field_width=20),
                "lead_officer",
                "supporting_officers",
                legend="If accepted or partially accepted"
                + (" (optional)" if self.details_optional else ""),
                legend_size=Size.SMALL,
            ),
            *(["responded_by", "responded_on"] if on_behalf else []),
            "loaded_version",
            submit="Save response",
        )

    def _init_answer_for(self, part):
        """A recommendation of several sub-parts may take one answer for them all (seed 001's
        D and H), stored on each part by services.response_record_for_all_parts."""
        parts = list(part.recommendation.parts.select_related("response"))
        if len(parts) < 2:
            return
        names = [f"({sibling.numeral})" for sibling in parts]
        answers = [sibling.current_response for sibling in parts]
        shared = None not in answers and len({answer.answer for answer in answers}) == 1
        self.fields["answer_for"] = forms.ChoiceField(
            label="Which parts does this answer cover?",
            widget=forms.RadioSelect,
            required=False,
            choices=[
                ("all", f"One answer for all parts: {', '.join(names[:-1])} and {names[-1]}"),
                ("part", f"Sub-part ({part.numeral}) only"),
            ],
            initial="all" if shared else "part",
        )

    @property
    def answers_all_parts(self) -> bool:
        return self.cleaned_data.get("answer_for") == "all"

    def _init_on_behalf(self, part):
        """Whose answer it is follows from whom the recommendation is addressed to."""
        recommendation = part.recommendation
        authority = recommendation.action_plan.authority_id
        field = self.fields["responded_by"]
        if recommendation.addressed_to == Addressee.PORTFOLIO:
            people = Person.objects.filter(portfolio_terms__portfolio=recommendation.portfolio)
        elif recommendation.addressed_to == Addressee.CABINET:
            people = Person.objects.filter(portfolio_terms__portfolio__authority=authority)
        elif recommendation.addressed_to == Addressee.OFFICER:
            people = Person.objects.filter(pk=recommendation.addressee_officer_id)
        else:  # Full Council or an outside organisation: whoever gave its answer
            people = Person.objects.filter(authority=authority)
            field.label = "Who gave this response"
            field.help_text = (
                f"For {recommendation.addressee_display}: the person who gave or reported its "
                "answer. You are recording it on their behalf."
            )
            field.error_messages["required"] = "Choose whose response this is"
        if recommendation.addressed_to == Addressee.OFFICER:
            field.label = "Officer giving this response"
            field.error_messages["required"] = "Choose the officer whose response this is"
        field.queryset = people.distinct()
        if self.instance.pk:
            self.initial.setdefault("responded_by", self.instance.responded_by_id)
        else:
            preselect_only_choice(self, "responded_by")
        self.fields["responded_on"].help_text = "Leave blank for today."
        if self.instance.responded_on:
            self.initial.setdefault("responded_on", self.instance.responded_on)

    def clean(self):
        cleaned = super().clean()
        if "responded_by" in cleaned:
            self.instance.responded_by = cleaned["responded_by"]
        if "responded_on" in self.fields:
            self.instance.responded_on = cleaned.get("responded_on") or None
        self._apply_fuzzy_dates(cleaned)
        return cleaned
