"""The forms of the reviews pages, by concern. They check what is about the form itself (which
boxes were ticked, a name typed or a person chosen); the rules are the models' and services'."""

from .common import (
    authority_label,
    councillor_label,
    officer_label,
    person_label,
    programme_year_choices,
)
from .costs import BaseCostItemFormSet, CostItemForm, CostItemFormSet, DayRateForm
from .documents import DocumentForm, RecommendationsForm
from .evidence import (
    ActivityForm,
    ActivityPartForm,
    ActivityPartFormSet,
    BaseActivityPartFormSet,
    BaseWitnessFormSet,
    WitnessForm,
    WitnessFormSet,
)
from .members import BaseMemberFormSet, MemberForm, MemberFormSet
from .reviews import OfficerSupportForm, ReviewForm, StatusChangeForm

__all__ = [
    "ActivityForm",
    "ActivityPartForm",
    "ActivityPartFormSet",
    "BaseActivityPartFormSet",
    "BaseCostItemFormSet",
    "BaseMemberFormSet",
    "BaseWitnessFormSet",
    "CostItemForm",
    "CostItemFormSet",
    "DayRateForm",
    "DocumentForm",
    "MemberForm",
    "MemberFormSet",
    "OfficerSupportForm",
    "RecommendationsForm",
    "ReviewForm",
    "StatusChangeForm",
    "WitnessForm",
    "WitnessFormSet",
    "authority_label",
    "councillor_label",
    "officer_label",
    "person_label",
    "programme_year_choices",
]
