"""The evidence plan's steps with their lettered parts, and the witnesses of each part. The
admin's parts inline uses the parts formset."""

from django import forms
from django.core.exceptions import ValidationError

from scraip.common.forms import (
    FuzzyDateField,
    FuzzyDateFormMixin,
    RealDateInputField,
    VersionedFormMixin,
    gds_helper,
)
from scraip.common.limits import refuse_line_breaks
from scraip.councils.models import Person

from .. import services
from ..models import Activity, ActivityPart, Review, Witness
from .common import add_errors, person_label


class ActivityForm(VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    field_order = ["kind", "title", "planned", "description", "held", "held_on", "notes"]
    fuzzy_fields = {"planned": ("planned_on", "planned_precision", "planned_end")}
    planned = FuzzyDateField(
        label="Planned date",
        required=False,
        help_text="As precise as it is known: 10 September 2014, Early November 2014, "
        "Mid/Late September 2014 or October 2014.",
    )
    held_on = RealDateInputField(
        label="Date it was held (optional)", required=False, require_all_fields=False
    )

    class Meta:
        model = Activity
        fields = ["kind", "title", "description", "held", "notes"]
        labels = {
            "kind": "Type of activity",
            "title": "Title (optional)",
            "description": "What it involves (optional)",
            "held": "It has been held",
            "notes": "Notes (optional)",
        }
        help_texts = {"notes": "What was heard or learned, once it has been held."}

    def __init__(self, *args, review: Review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.instance.review = review
        self._init_fuzzy_dates()
        if self.instance.held_on:
            self.initial.setdefault("held_on", self.instance.held_on)
        self.fields["description"].widget.attrs["rows"] = 3
        self.fields["notes"].widget.attrs["rows"] = 4
        self._add_version_field()
        self.helper = gds_helper(self)
        self.helper.form_tag = False
        self.helper.inputs = []

    def clean(self):
        cleaned = super().clean()
        # Checked by the model: a date held is today or earlier, and means it has been held.
        self.instance.held_on = cleaned.get("held_on")
        self._apply_fuzzy_dates(cleaned)
        planned = cleaned.get("planned")
        if planned:
            planned_on, precision = planned
            try:
                services.activity_planned_check(
                    review=self.review,
                    kind=cleaned.get("kind"),
                    planned_on=planned_on,
                    precision=precision,
                )
            except ValidationError as error:
                add_errors(self, error, {"planned_on": "planned"})
        return cleaned


class ActivityPartForm(forms.ModelForm):
    class Meta:
        model = ActivityPart
        fields = ["letter", "kind", "heading", "description", "aim"]
        labels = {
            "letter": "Letter",
            "kind": "Type of part",
            "heading": "Heading (optional)",
            "description": "What happens",
            "aim": "Aim of this part (optional)",
        }
        help_texts = {
            "heading": 'For example "Governance" or "Partnership board case study".',
            "description": 'For example "To receive evidence from the Head of Communications of '
            'each council".',
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["description"].widget.attrs["rows"] = 3
        self.fields["aim"].widget.attrs["rows"] = 3
        self.fields["description"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("DELETE"):
            if not cleaned.get("letter") and "letter" not in self.errors:
                self.add_error("letter", "Enter the part's letter, such as A")
            if not cleaned.get("description"):
                self.add_error("description", "Say what happens in this part")
        return cleaned


class BaseActivityPartFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        if not hasattr(self, "_parts"):
            self._parts = super().get_queryset()
        return self._parts

    def clean(self):
        # Before the formset's own uniqueness check, whose message is less clear. The letters
        # are the parts' own, as the model writes them (" b" is B).
        parts = [
            form.instance
            for form in self.forms
            if getattr(form, "cleaned_data", {}).get("letter")
            and not form.cleaned_data.get("DELETE")
        ]
        removed = [form.instance for form in self.deleted_forms]
        services.activity_parts_check(parts=parts, removed=removed)
        super().clean()

    def changes(self) -> dict:
        """The parts as they will be, in any order; those changed; those removed."""
        changed = super().save(commit=False)
        kept = [
            form.instance
            for form in self.forms
            if form.instance.letter and form not in self.deleted_forms
        ]
        return {"parts": kept, "changed": changed, "removed": list(self.deleted_objects)}

    def save(self, commit=True):
        changes = self.changes()
        services.activity_parts_save(activity=self.instance, **changes)
        return changes["changed"]


ActivityPartFormSet = forms.inlineformset_factory(
    Activity,
    ActivityPart,
    form=ActivityPartForm,
    formset=BaseActivityPartFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)


class WitnessForm(forms.ModelForm):
    name = forms.CharField(
        label="Or a new witness's name",
        required=False,
        max_length=200,
        validators=[refuse_line_breaks],
        help_text="Leave empty for an organisation not yet represented by anyone in particular.",
    )

    class Meta:
        model = Witness
        fields = ["part", "person", "name", "organisation", "role", "topics"]
        labels = {
            "part": "Part of the session",
            "person": "Someone already known",
            "organisation": "Organisation (optional)",
            "role": "Their role (optional)",
            "topics": "Subjects they can speak on (optional)",
        }

    def __init__(self, *args, parts=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The same choices on every row, listed once for the formset.
        self.fields["part"].queryset = ActivityPart.objects.filter(
            pk__in=[part.pk for part in parts]
        )
        self.fields["part"].choices = [("", "Choose the part")] + [
            (part.pk, f"{part.letter}. {part.heading_display or part.description[:60]}")
            for part in parts
        ]
        self.fields["part"].error_messages["required"] = "Choose the part they give evidence to"
        self.fields["person"].queryset = Person.objects.all()
        self.fields["person"].choices = [("", "Not listed")] + [
            (person.pk, person_label(person)) for person in people
        ]
        self.fields["person"].required = False

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed() or cleaned.get("DELETE"):
            return cleaned
        person, name = cleaned.get("person"), (cleaned.get("name") or "").strip()
        if person and name:
            self.add_error("name", "Either choose someone already known or give a new name")
        elif name:
            # Someone new: saved with the witness (by the service), with their organisation.
            cleaned["person"] = Person(
                name=name,
                kind=Person.Kind.WITNESS,
                organisation=cleaned.get("organisation", ""),
                job_title=cleaned.get("role", ""),
            )
            cleaned["organisation"] = ""
        return cleaned


class BaseWitnessFormSet(forms.BaseModelFormSet):
    def save(self, commit=True):
        witnesses = super().save(commit=False)
        services.activity_witnesses_save(witnesses=witnesses, removed=self.deleted_objects)
        return witnesses


WitnessFormSet = forms.modelformset_factory(
    Witness,
    form=WitnessForm,
    formset=BaseWitnessFormSet,
    extra=2,
    can_delete=True,
    max_num=60,
    absolute_max=60,
    validate_max=True,
)
