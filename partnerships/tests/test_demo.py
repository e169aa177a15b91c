"""The demo register: Kent partnerships of Maidstone linked from the seed 001 SCRAIP, loaded
twice without duplicates."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Partnership
from scraip.followup.models import ProgressUpdate
from scraip.plans.models import ActionPlan


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts():
    models = [*apps.get_app_config("partnerships").get_models(), ProgressUpdate]
    return {model._meta.label: model._base_manager.count() for model in models}


@pytest.mark.django_db
def test_the_demo_register_loads_twice_without_duplicates(client):
    call_command("load_demo", stdout=StringIO())
    first = row_counts()
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == first
    register = Partnership.objects.qualifying()
    assert register.count() == 4
    assert Partnership.objects.count() == 5
    plan = ActionPlan.objects.get(title="Review of Partnerships")
    linked = Partnership.objects.filter(recommendations__action_plan=plan).distinct()
    assert {p.name for p in linked} == {
        "Maidstone Local Strategic Partnership",
        "Maidstone Community Safety Partnership",
    }
    public = client.get(reverse("partnerships:register")).content.decode()
    assert "Mid Kent Improvement Partnership" in public
    assert "Town Centre Cleaning Contract" not in public
