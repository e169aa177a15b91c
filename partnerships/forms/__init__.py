"""Forms of the partnership register, by what they are about. Each says plainly what is wrong
and keeps what was typed; what may be saved is the models' rules and the services'."""

from .base import FinancialYearField, ItemForm
from .items import (
    AnnualReportForm,
    BenefitForm,
    CommitteeReviewForm,
    ContributionForm,
    OutcomeForm,
    PartnerForm,
    RepresentativeForm,
    RiskForm,
)
from .register import (
    ChecklistForm,
    DefinitionTestForm,
    LinksForm,
    PartnershipForm,
    RecommendationLinksForm,
)
from .settings import (
    ChecklistItemForm,
    ChecklistItemFormSet,
    CriterionForm,
    CriterionFormSet,
    PriorityForm,
    RegisterSettingsForm,
    VersionOnlyForm,
)

__all__ = [
    "AnnualReportForm",
    "BenefitForm",
    "ChecklistForm",
    "ChecklistItemForm",
    "ChecklistItemFormSet",
    "CommitteeReviewForm",
    "ContributionForm",
    "CriterionForm",
    "CriterionFormSet",
    "DefinitionTestForm",
    "FinancialYearField",
    "ItemForm",
    "LinksForm",
    "OutcomeForm",
    "PartnerForm",
    "PartnershipForm",
    "PriorityForm",
    "RecommendationLinksForm",
    "RegisterSettingsForm",
    "RepresentativeForm",
    "RiskForm",
    "VersionOnlyForm",
]
