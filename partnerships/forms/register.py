"""Forms about the partnership itself: its record, its answers to the council's definition test
and protocol checklist, and its links to recommendations and reviews."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError

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
from scraip.councils.models import Person
from scraip.plans.models import Recommendation

from ..models import Answer, ChecklistAnswer, Partnership
from .base import people_choices


class PartnershipForm(ModelRulesMixin, VersionedFormMixin, FuzzyDateFormMixin, forms.ModelForm):
    """The partnership's record. Its rules (one name per register, ends after it starts) are
    the model's."""

    fuzzy_fields = {
        "starts": ("starts_on", "starts_precision", "starts_end"),
        "ends": ("ends_on", "ends_precision", "ends_end"),
    }
    starts = FuzzyDateField(label="Start date (optional)", required=False)
    ends = FuzzyDateField(label="End date (optional)", required=False)
    website = forms.URLField(
        label="Partnership's website (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    next_review_due = RealDateInputField(
        label="Next committee review due (optional)",
        required=False,
        require_all_fields=False,
        help_text="Recording a committee review sets this for you. For example, 1 4 2008.",
    )

    class Meta:
        model = Partnership
        fields = [
            "authority",
            "name",
            "kind",
            "purpose",
            "status",
            "lead_officer",
            "governance",
            "exit_strategy",
            "website",
            "next_review_due",
        ]
        widgets = {"status": forms.RadioSelect}
        labels = {
            "authority": "Council",
            "name": "Name of the partnership",
            "kind": "Type",
            "lead_officer": "Lead officer",
            "governance": "Governance arrangements (optional)",
            "exit_strategy": "Exit strategy (optional)",
            "website": "Partnership's website (optional)",
        }
        help_texts = {
            "purpose": "What the partnership is for, in a sentence or two.",
            "governance": "Who sits on its board, how decisions are made, who it answers to.",
            "exit_strategy": "How the council would leave the partnership if it had to.",
        }
        error_messages = {
            "name": {"required": "Enter the name of the partnership"},
            "kind": {"required": "Choose the type of partnership"},
            "purpose": {"required": "Say what the partnership is for"},
            "status": {"required": "Choose the status of the partnership"},
            "authority": {"required": "Choose the council"},
            "website": {"invalid": "Enter a full web address, starting https://"},
        }

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_fuzzy_dates()
        authorities = list(authorities)
        if len(authorities) == 1 or self.instance.pk:
            del self.fields["authority"]
            if not self.instance.pk:
                self.instance.authority = authorities[0]
        else:
            self.fields["authority"].queryset = self.fields["authority"].queryset.filter(
                pk__in=[authority.pk for authority in authorities]
            )
        authority_ids = [self.instance.authority_id] if self.instance.authority_id else authorities
        people_choices(
            self.fields["lead_officer"],
            Person.objects.officers().filter(authority__in=authority_ids),
            "No lead officer yet",
        )
        for name in ("purpose", "governance", "exit_strategy"):
            self.fields[name].widget.attrs["rows"] = 4
        self._add_version_field()
        self.helper = gds_helper(
            self,
            *(["authority"] if "authority" in self.fields else []),
            "name",
            "kind",
            "purpose",
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            "lead_officer",
            Field.text("starts", field_width=20),
            Field.text("ends", field_width=20),
            "governance",
            "exit_strategy",
            "website",
            "next_review_due",
            "loaded_version",
            submit="Save partnership",
        )

    def clean(self):
        cleaned = super().clean()
        self._apply_fuzzy_dates(cleaned)
        return cleaned


class DefinitionTestForm(VersionedFormMixin, forms.Form):
    """The council's definition, one yes/no question a criterion, saved with the partnership."""

    def __init__(self, *args, partnership, criteria, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.criteria = list(criteria)
        layout = []
        for number, criterion in enumerate(self.criteria, start=1):
            answer = answers.get(criterion.pk)
            self.fields[f"answer_{criterion.pk}"] = forms.ChoiceField(
                label=f"{number}. {criterion.question}",
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.guidance,
                initial=answer.answer if answer else None,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=f"Note on question {number} (optional)",
                required=False,
                max_length=500,
                validators=[refuse_line_breaks],
                initial=answer.note if answer else "",
            )
            layout += [
                Field.radios(f"answer_{criterion.pk}", legend_size=Size.SMALL, inline=True),
                f"note_{criterion.pk}",
            ]
        self._add_version_field()
        self.helper = gds_helper(self, *layout, "loaded_version", submit="Save answers")

    def answers(self) -> dict[int, tuple[str, str]]:
        """{criterion pk: (answer, note)}, as services.definition_answers_save takes them."""
        return {
            criterion.pk: (
                self.cleaned_data[f"answer_{criterion.pk}"],
                self.cleaned_data[f"note_{criterion.pk}"].strip(),
            )
            for criterion in self.criteria
        }


# The model's checklist rules, by (field, code), in the words the checklist page uses.
ITEM_MESSAGES = {
    ("answered_on", "null"): "Enter the date item {number} was checked",
    ("answered_on", "blank"): "Enter the date item {number} was checked",
    ("answered_on", "future"): "The date item {number} was checked must be today or earlier",
    ("evidence", "no_evidence"): "Give the evidence that item {number} is met",
}


class ChecklistForm(VersionedFormMixin, forms.Form):
    """The model protocol checklist for one partnership: how far each item is met, when that
    was judged, and the evidence for it."""

    def __init__(self, *args, partnership, items, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.items = list(items)
        layout = []
        for number, item in enumerate(self.items, start=1):
            answer = answers.get(item.pk)
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=f"{number}. {item.text}",
                choices=ChecklistAnswer.Status.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=item.guidance,
                initial=answer.status if answer else None,
            )
            self.fields[f"answered_on_{item.pk}"] = RealDateInputField(
                label=f"Date item {number} was checked",
                required=False,
                require_all_fields=False,
                initial=answer.answered_on if answer else None,
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=f"Evidence for item {number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.evidence if answer else "",
                help_text="Required when the item is met or partly met.",
            )
            layout.append(
                Fieldset(
                    Field.radios(f"status_{item.pk}", legend_size=Size.SMALL, inline=True),
                    f"answered_on_{item.pk}",
                    f"evidence_{item.pk}",
                    legend=f"Item {number}",
                    legend_size=Size.SMALL,
                )
            )
        self._add_version_field()
        self.helper = gds_helper(self, *layout, "loaded_version", submit="Save checklist")

    def clean(self):
        """Which boxes were filled in is the form's business; the rest is the model's rules,
        said here of the item by its number."""
        cleaned = super().clean()
        for number, item in enumerate(self.items, start=1):
            status = cleaned.get(f"status_{item.pk}")
            answered_on = cleaned.get(f"answered_on_{item.pk}")
            evidence = (cleaned.get(f"evidence_{item.pk}") or "").strip()
            if f"answered_on_{item.pk}" in self.errors:
                continue
            if not status:
                if answered_on or evidence:
                    self.add_error(f"status_{item.pk}", f"Choose how far item {number} is met")
                continue
            answer = ChecklistAnswer(
                partnership=self.instance,
                item=item,
                status=status,
                answered_on=answered_on,
                evidence=evidence,
            )
            try:
                answer.full_clean(
                    exclude=["partnership", "item"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                self._add_item_errors(item, number, error)
        return cleaned

    def _add_item_errors(self, item, number: int, error: ValidationError) -> None:
        for field, errors in error.error_dict.items():
            for problem in errors:
                own_words = ITEM_MESSAGES.get((field, problem.code))
                message = own_words.format(number=number) if own_words else problem.messages[0]
                box = f"{field}_{item.pk}"
                self.add_error(box if box in self.fields else None, message)

    def answers(self) -> dict[int, tuple]:
        """{item pk: (status, answered on, evidence)}, as services.checklist_answers_save
        takes them."""
        return {
            item.pk: (
                self.cleaned_data[f"status_{item.pk}"],
                self.cleaned_data[f"answered_on_{item.pk}"],
                self.cleaned_data[f"evidence_{item.pk}"].strip(),
            )
            for item in self.items
        }


class LinksForm(VersionedFormMixin, forms.Form):
    """The recommendations and reviews about a partnership, saved with the partnership."""

    recommendations = CheckboxesField(
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Recommendations about this partnership",
    )
    reviews = CheckboxesField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Reviews of this partnership",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = partnership
        self.fields["recommendations"].queryset = partnership.linkable_recommendations()
        self.fields["recommendations"].label_from_instance = lambda recommendation: (
            f"{recommendation.action_plan.title}: {recommendation}"
        )
        self.fields["reviews"].queryset = partnership.linkable_reviews()
        self.initial.setdefault(
            "recommendations", [r.pk for r in partnership.recommendations.all()]
        )
        self.initial.setdefault("reviews", [r.pk for r in partnership.reviews.all()])
        self._add_version_field()
        self.helper = gds_helper(
            self,
            Field.checkboxes("recommendations", legend_size=Size.SMALL, small=True),
            Field.checkboxes("reviews", legend_size=Size.SMALL, small=True),
            "loaded_version",
            submit="Save links",
        )

    def chosen(self) -> dict[str, list[int]]:
        """The pks chosen, as services.partnership_links_save takes them."""
        return {
            "recommendation_ids": [r.pk for r in self.cleaned_data["recommendations"]],
            "review_ids": [r.pk for r in self.cleaned_data["reviews"]],
        }


class RecommendationLinksForm(forms.Form):
    """Which partnerships a recommendation concerns. `shown` carries the links the page showed,
    so only what this officer changed is applied."""

    partnerships = CheckboxesField(
        queryset=Partnership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partnerships this recommendation concerns",
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        council = recommendation.action_plan.authority_id
        self.fields["partnerships"].queryset = Partnership.objects.filter(authority=council)
        linked = [p.pk for p in recommendation.partnerships.all()]
        self.initial.setdefault("partnerships", linked)
        self.initial.setdefault("shown", ",".join(str(pk) for pk in linked))
        self.helper = gds_helper(
            self,
            Field.checkboxes("partnerships", legend_size=Size.SMALL, small=True),
            "shown",
            submit="Save partnerships",
        )

    def clean_shown(self):
        parts = (self.cleaned_data["shown"] or "").split(",")
        return {int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 10}

    def changes(self) -> dict[str, list[int]]:
        """The pks the officer linked and unlinked, as services.recommendation_links_change
        takes them."""
        chosen = {p.pk for p in self.cleaned_data["partnerships"]}
        shown = self.cleaned_data["shown"]
        offered = self.fields["partnerships"].queryset.filter(pk__in=shown)
        return {
            "added": sorted(chosen - shown),
            "removed": [p.pk for p in offered if p.pk not in chosen],
        }
