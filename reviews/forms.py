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
from scraip.common.fuzzydates import EXAMPLES, format_fuzzy_date
from scraip.common.uploads import CheckedFileField
from scraip.councils.models import Authority, Committee, Meeting, Person

from .models import (
    Activity,
    ActivityPart,
    CostItem,
    Review,
    ReviewDocument,
    ReviewMember,
    Witness,
    number_steps,
    programme_year_label,
    programme_year_of,
)
from .recommendation_text import RecommendationTextError, parse_recommendations
from .services import is_step_back
from .similarity import similar_reviews


class CheckboxesField(forms.ModelMultipleChoiceField):
    """Checkboxes of records. A posted id that is not a whole number the database can hold is
    refused as an invalid choice: Django checks `pk__in` without the range guard of its
    single-value lookups, so 20 digits would otherwise overflow SQLite."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit()) or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


def authority_label(authority: Authority) -> str:
    return authority.short_name or authority.name


def programme_year_choices() -> list[tuple[int, str]]:
    this_year = programme_year_of(timezone.localdate())
    return [(year, programme_year_label(year)) for year in range(this_year + 2, 1999, -1)]


def _committee_choices(committees) -> list[tuple[int, str]]:
    return [(c.pk, f"{c.name} ({authority_label(c.authority)})") for c in committees]


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
    fuzzy_fields = {"report_due": ("report_due_on", "report_due_precision")}
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
        self.fields["commissioning_committees"].choices = _committee_choices(committees)
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
            self.initial["programme_year"] = programme_year_of(timezone.localdate())
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
        for committee in cleaned.get("commissioning_committees") or []:
            if lead and committee.authority not in participants:
                self.add_error(
                    "commissioning_committees",
                    f"{committee.name} is a committee of {committee.authority}, which is not "
                    "taking part: tick that council, or untick the committee",
                )
        meeting = cleaned.get("reports_to")
        if meeting:
            if meeting.committee not in (cleaned.get("commissioning_committees") or []):
                self.add_error(
                    "reports_to", "Choose a meeting of one of the commissioning committees"
                )
            cleaned["report_due"] = (meeting.date, "day")
        self._apply_fuzzy_dates(cleaned)
        self._check_sessions_before_report()
        self._check_similar(cleaned, lead)
        return cleaned

    def _check_sessions_before_report(self):
        review = self.instance
        if not review.pk or "report_due" in self.errors:
            return
        deadline = review.report_deadline
        if deadline is None:
            return
        activities = number_steps(review.activities.all())
        late = next((a for a in activities if a.planned_on and a.planned_on > deadline), None)
        if late:
            self.add_error(
                "report_due",
                f"{late.label} is planned for {late.planned_display}, after this date. Move it "
                "earlier first, or choose a later report-back date",
            )

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

    def __init__(self, *args, review: Review, last_change_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = review  # the version guarded is the review's
        self.last_change_on = last_change_on
        self.fields["to_status"].choices = [
            (value, label) for value, label in Review.Status.choices if value != review.status
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
        changed_on = cleaned.get("changed_on")
        if changed_on and changed_on > timezone.localdate():
            self.add_error("changed_on", "The date of the change must be today or earlier")
        elif changed_on and self.last_change_on and changed_on < self.last_change_on:
            self.add_error(
                "changed_on",
                f"The date cannot be before the last change, on {self.last_change_on:%-d %B %Y}",
            )
        to_status = cleaned.get("to_status")
        if (
            to_status
            and is_step_back(self.instance.status, to_status)
            and not cleaned.get("note", "").strip()
        ):
            self.add_error(
                "note",
                f"Give the reason for moving the review back to "
                f"“{Review.Status(to_status).label.lower()}”",
            )
        return cleaned


class MemberForm(forms.ModelForm):
    class Meta:
        model = ReviewMember
        fields = ["councillor", "role", "substitute_for"]
        labels = {"councillor": "Councillor", "substitute_for": "Stands in for (substitutes)"}

    def __init__(self, *args, councillors=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Every row offers the same people: list them once for the formset, not once a row.
        self.fields["councillor"].queryset = Person.objects.councillors().filter(
            pk__in=[person.pk for person in councillors]
        )
        self.fields["councillor"].choices = [("", "Choose a councillor")] + [
            (person.pk, councillor_label(person)) for person in councillors
        ]
        self.fields["councillor"].error_messages["invalid_choice"] = (
            "Choose a councillor of one of the councils taking part"
        )
        self.fields["substitute_for"].queryset = ReviewMember.objects.filter(
            pk__in=[member.pk for member in members]
        )
        self.fields["substitute_for"].choices = [("", "Any member of their council")] + [
            (member.pk, str(member.councillor)) for member in members
        ]
        self.fields["substitute_for"].required = False

    def clean(self):
        cleaned = super().clean()
        changed = self.has_changed() and not cleaned.get("DELETE")
        if changed and not cleaned.get("councillor") and "councillor" not in self.errors:
            self.add_error("councillor", "Choose the councillor")
        return cleaned


def councillor_label(person: Person) -> str:
    group = f"{person.political_group}, " if person.political_group else ""
    return f"{person.name} ({group}{authority_label(person.authority)})"


class BaseMemberFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        if not hasattr(self, "_members"):
            self._members = super().get_queryset().select_related("councillor__authority")
        return self._members

    def clean(self):
        # Ours first: clearer than the formset's own "Please correct the duplicate data".
        rows = [
            (form, form.cleaned_data["councillor"], form.cleaned_data.get("role"))
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data.get("councillor")
            and not form.cleaned_data.get("DELETE")
        ]
        seen = set()
        for form, councillor, _ in rows:
            if councillor.pk in seen:
                form.add_error("councillor", f"{councillor} is listed twice")
            seen.add(councillor.pk)
        for role in (ReviewMember.Role.CHAIR, ReviewMember.Role.VICE_CHAIR):
            holders = [form for form, _, held in rows if held == role]
            for form in holders[1:]:
                form.add_error("role", f"The group has only one {role.label.lower()}")
        self._check_substitutes(rows)
        super().clean()

    def _check_substitutes(self, rows):
        """A substitute needs a full member of their own council, not being removed, to stand
        in for: the one chosen, or any of that council's members."""
        full_members = [
            (form, councillor) for form, councillor, role in rows if role != "substitute"
        ]
        full_member_ids = {form.instance.pk for form, _ in full_members if form.instance.pk}
        councils_with_members = {councillor.authority_id for _, councillor in full_members}
        for form, councillor, role in rows:
            stands_in_for = form.cleaned_data.get("substitute_for")
            if role != ReviewMember.Role.SUBSTITUTE:
                if stands_in_for:
                    form.add_error("substitute_for", "Only a substitute stands in for a member")
                continue
            council = authority_label(councillor.authority)
            if councillor.authority_id not in councils_with_members:
                form.add_error(
                    "role",
                    f"{councillor} is a substitute, but no {council} member is on the group "
                    "for them to stand in for. Add that member first, or make this councillor "
                    "a member",
                )
            elif stands_in_for and (
                stands_in_for.pk not in full_member_ids
                or stands_in_for.councillor.authority_id != councillor.authority_id
            ):
                form.add_error(
                    "substitute_for",
                    f"A substitute stands in for a {council} member of the group who is not "
                    "being removed",
                )


MemberFormSet = forms.inlineformset_factory(
    Review,
    ReviewMember,
    form=MemberForm,
    formset=BaseMemberFormSet,
    extra=3,
    can_delete=True,
    max_num=60,
    absolute_max=60,
    validate_max=True,
)


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
        lead = cleaned.get("lead_officer")
        if lead and cleaned.get("supporting_officers") is not None:
            cleaned["supporting_officers"] = [
                person for person in cleaned["supporting_officers"] if person != lead
            ]
        return cleaned


def officer_label(person: Person) -> str:
    title = f"{person.job_title}, " if person.job_title else ""
    return f"{person.name} ({title}{authority_label(person.authority)})"


class ActivityForm(VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    field_order = ["kind", "title", "planned", "description", "held", "held_on", "notes"]
    fuzzy_fields = {"planned": ("planned_on", "planned_precision")}
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
        held_on = cleaned.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error("held_on", "The date it was held must be today or earlier")
        if held_on:
            cleaned["held"] = True
        self.instance.held_on = held_on
        self._apply_fuzzy_dates(cleaned)
        self._check_before_report(cleaned)
        return cleaned

    def _check_before_report(self, cleaned):
        planned = cleaned.get("planned")
        deadline = self.review.report_deadline
        if not planned or not deadline:
            return
        planned_on, precision = planned
        # "December 2014" for a meeting on 9 December may still come first, so only a plan
        # that must start after the report-back is refused.
        if planned_on > deadline:
            what = "The session" if cleaned.get("kind") == Activity.Kind.SESSION else "This"
            self.add_error(
                "planned",
                f"{what} is planned for {format_fuzzy_date(planned_on, precision)}, after the "
                f"review reports back ({self.review.report_due_display}). Plan it before the "
                "report-back, or change the report-back date on the review first",
            )


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

    def clean_letter(self):
        letter = self.cleaned_data["letter"].strip().upper()
        if letter and not letter.isalnum():
            raise ValidationError("Use a letter such as A or B")
        return letter

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
        # Before the formset's own uniqueness check, whose message is less clear.
        letters = [
            form.cleaned_data["letter"]
            for form in self.forms
            if getattr(form, "cleaned_data", {}).get("letter")
            and not form.cleaned_data.get("DELETE")
        ]
        if len(letters) != len(set(letters)):
            raise ValidationError("Give each part its own letter")
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.witnesses.exists():
                raise ValidationError(
                    f"Part {form.instance.letter} has witnesses, so it cannot be removed: "
                    "remove them from the witnesses page first"
                )
        super().clean()

    def save(self, commit=True):
        parts = super().save(commit=False)
        for part in self.deleted_objects:
            part.refresh_from_db()  # the form may have blanked the copy it holds
            part.delete()
        kept = [
            form.instance
            for form in self.forms
            if form.instance.letter and form not in self.deleted_forms
        ]
        _save_positions(sorted(kept, key=lambda part: part.letter), changed=parts)
        return parts


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
        elif not person and not name and not cleaned.get("organisation"):
            self.add_error(
                "person", "Choose a witness, or give a new witness's name or an organisation"
            )
        return cleaned

    def save(self, commit=True):
        witness = super().save(commit=False)
        name = self.cleaned_data.get("name", "").strip()
        if name:
            witness.person = Person.objects.create(
                name=name,
                kind=Person.Kind.WITNESS,
                organisation=witness.organisation,
                job_title=witness.role,
            )
            witness.organisation = ""
        if commit:
            witness.save()
        return witness


def person_label(person: Person) -> str:
    where = person.organisation or (
        authority_label(person.authority) if person.authority_id else ""
    )
    detail = ", ".join(part for part in (person.job_title, where) if part)
    return f"{person} ({detail})" if detail else str(person)


class BaseWitnessFormSet(forms.BaseModelFormSet):
    @transaction.atomic
    def save(self, commit=True):
        witnesses = super().save(commit=False)
        for witness in self.deleted_objects:
            witness.refresh_from_db()  # the form may have blanked the copy it holds
            witness.delete()
        for witness in witnesses:
            witness.save()
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


class DayRateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Review
        fields = ["day_rate"]
        labels = {"day_rate": "Cost of a support day (£, optional)"}
        help_texts = {"day_rate": "Used for every line below that gives no rate of its own."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day_rate"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["day_rate"].error_messages["invalid"] = "Enter the day rate in pounds, like 650"
        self.fields["day_rate"].error_messages["max_digits"] = "Enter a smaller day rate"
        self._add_version_field()


class CostItemForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = ["activity", "support_days", "day_rate", "shared", "borne_by", "comments"]
        labels = {
            "activity": "Activity",
            "support_days": "Support time (days)",
            "day_rate": "Day rate (£, optional)",
            "shared": "Shared equally between the councils taking part",
            "borne_by": "Paid by",
            "comments": "Comments (optional)",
        }

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_days"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["day_rate"].widget.attrs["class"] = "govuk-input--width-10"
        for name, what in [
            ("support_days", "the number of days, like 2.5"),
            ("day_rate", "the day rate in pounds, like 650"),
        ]:
            self.fields[name].error_messages["invalid"] = f"Enter {what}"
            self.fields[name].error_messages["max_digits"] = f"Enter {what}"
            self.fields[name].error_messages["max_decimal_places"] = f"Enter {what}"
            self.fields[name].error_messages["max_whole_digits"] = f"Enter {what}"
        self.fields["borne_by"].queryset = Authority.objects.filter(
            pk__in=[authority.pk for authority in authorities]
        )
        self.fields["borne_by"].choices = [("", "Each council in full, unless shared")] + [
            (authority.pk, authority.name) for authority in authorities
        ]
        self.fields["borne_by"].error_messages["invalid_choice"] = (
            "Choose one of the councils taking part"
        )

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed() or cleaned.get("DELETE"):
            return cleaned
        if not cleaned.get("activity") and "activity" not in self.errors:
            self.add_error("activity", "Enter the activity")
        if cleaned.get("support_days") is None and "support_days" not in self.errors:
            self.add_error("support_days", "Enter the support time in days")
        if cleaned.get("shared") and cleaned.get("borne_by"):
            self.add_error(
                "borne_by", "A shared cost is split between the councils: leave “Paid by” empty"
            )
        return cleaned


class BaseCostItemFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, default_day_rate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_day_rate = default_day_rate

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            rate = form.cleaned_data.get("day_rate")
            if rate is None and self.default_day_rate is None and "day_rate" not in form.errors:
                form.add_error(
                    "day_rate", "Give a day rate here, or a day rate for the whole review above"
                )

    def save(self, commit=True):
        items = super().save(commit=False)
        for item in self.deleted_objects:
            item.refresh_from_db()  # the form may have blanked the copy it holds
            item.delete()
        kept = [
            form.instance
            for form in self.forms
            if form.instance.activity and form not in self.deleted_forms
        ]
        _save_positions(kept, changed=items)
        return items


def _save_positions(rows, *, changed) -> None:
    """Number the rows 1, 2, 3… in the given order, saving only those that changed."""
    for position, row in enumerate(rows, start=1):
        if row.position != position or row in changed:
            row.position = position
            row.save()


CostItemFormSet = forms.inlineformset_factory(
    Review,
    CostItem,
    form=CostItemForm,
    formset=BaseCostItemFormSet,
    extra=2,
    can_delete=True,
    max_num=60,
    absolute_max=60,
    validate_max=True,
)


class DocumentForm(forms.ModelForm):
    file = CheckedFileField(label="File")

    class Meta:
        model = ReviewDocument
        fields = ["kind", "title", "file"]
        labels = {"title": "Title (optional)"}
        help_texts = {"title": "Leave empty to use the file's name."}
        error_messages = {"kind": {"required": "Choose the type of document"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = "Choose the file to upload"
        self.fields["file"].help_text = (
            "A PDF, Word, OpenDocument, Excel, PowerPoint, CSV or text file, up to 10 MB. If "
            "the page comes back with a problem, choose the file again."
        )
        self.fields["title"].required = False
        self.helper = gds_helper(self, submit="Upload document")
        self.helper.attrs = {"enctype": "multipart/form-data"}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("title"):
            cleaned["title"] = upload.name.rsplit(".", 1)[0][:200]
            self.instance.title = cleaned["title"]
        return cleaned


class RecommendationsForm(forms.Form):
    """The final report's recommendations, pasted once, read into a draft SCRAIP."""

    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        label="Report of (committee)",
        help_text="The committee whose action plan this becomes. A joint review can have one "
        "plan for each council taking part.",
        error_messages={"required": "Choose the committee whose report this is"},
    )
    title = forms.CharField(label="Report title", max_length=300)
    publication_date = RealDateInputField(label="Date of publication", require_all_fields=False)
    text = forms.CharField(
        label="Recommendations",
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text="Paste them as the report gives them, each on its own line starting with its "
        "letter: “A. That…” or “Recommendation A: That…”. Start each sub-part on its own line "
        "with its numeral: “(i) …”, “(ii) …”.",
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["committee"].choices = [("", "Choose the committee")] + _committee_choices(
            committees
        )
        self.fields["title"].error_messages["required"] = "Enter the title of the report"
        self.fields["text"].error_messages["required"] = "Paste the recommendations"
        self.fields["publication_date"].error_messages["required"] = (
            "Enter the date the report was published"
        )
        self.parsed = None
        # For the error summary: the page lays the fields out itself, with two buttons.
        self.helper = gds_helper(self)
        self.helper.form_tag = False

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            self.parsed = parse_recommendations(text)
        except RecommendationTextError as error:
            raise ValidationError(str(error)) from None
        return text

    def clean_publication_date(self):
        published = self.cleaned_data["publication_date"]
        if published and published > timezone.localdate():
            raise ValidationError("The date of publication must be today or earlier")
        return published
