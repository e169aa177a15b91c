"""The members of the task-and-finish group. The rules across rows (no one twice, one chair,
substitutes) are the service's; the formset puts each refusal on its row. The admin's members
inline uses the same formset."""

from django import forms

from scraip.councils.models import Person

from .. import services
from ..models import Review, ReviewMember
from .common import councillor_label


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


class BaseMemberFormSet(forms.BaseInlineFormSet):
    # Who is saving: the page sets it, so that a partner council's officer is refused changes
    # to other councils' members (the admin's staff are not asked).
    changed_by = None

    def get_queryset(self):
        if not hasattr(self, "_members"):
            self._members = super().get_queryset().select_related("councillor__authority")
        return self._members

    def _kept(self) -> list[forms.Form]:
        """The rows of the group as it would be: valid, naming someone, not being removed."""
        return [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data.get("councillor")
            and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        # Ours first: clearer than the formset's own "Please correct the duplicate data".
        kept = self._kept()
        errors = services.review_members_errors(
            participant_ids=self.instance.participating_authority_ids,
            members=[form.instance for form in kept],
        )
        for index, fields in errors.items():
            for field, messages in fields.items():
                for message in messages:
                    kept[index].add_error(field, message)
        problem = services.review_members_remit_problem(
            review=self.instance,
            by=self.changed_by,
            changed=[form.instance for form in kept if form.has_changed()],
            removed=[form.instance for form in self.deleted_forms if form.instance.pk],
        )
        if problem:
            raise forms.ValidationError(problem)
        super().clean()

    def save(self, commit=True):
        super().save(commit=False)
        changed = [*(member for member, _ in self.changed_objects), *self.new_objects]
        services.review_members_save(
            review=self.instance,
            members=[form.instance for form in self._kept()],
            changed=changed,
            removed=self.deleted_objects,
            changed_by=self.changed_by,
        )
        return changed


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
