"""A partnership of the conftest council (Maidstone) led by the lead officer, and the council's
one-question definition; uploads go to a temporary folder."""

import pytest

from .factories import CriterionFactory, PartnershipFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def criterion(authority):
    return CriterionFactory(authority=authority, question="Do the partners share a goal?")


@pytest.fixture
def partnership(authority, lead_officer_person):
    return PartnershipFactory(
        authority=authority,
        name="West Kent Health Partnership",
        slug="west-kent-health-partnership",
        lead_officer=lead_officer_person,
    )
