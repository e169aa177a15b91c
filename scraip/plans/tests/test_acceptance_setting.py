"""A council may record "Agree? Yes / No / In part" without an action, timetable or lead officer
(Authority.acceptance_needs_details, issue 10.4); seed 001's rule stays the default."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scraip.plans.models import Response

pytestmark = pytest.mark.django_db


def accept(client, part, **extra):
    return client.post(
        reverse("plans:respond", args=[part.pk]),
        {"decision": "accepted", "explanation": "Agreed.", **extra},
    )


def test_by_default_an_acceptance_needs_its_details(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    page = accept(client, part_a)
    assert page.status_code == 200
    assert set(page.context["form"].errors) == {"action", "timetable_text", "lead_officer"}
    assert not Response.objects.exists()


def test_a_council_may_take_a_plain_yes(client, cabinet_a, part_a, authority, officer):
    authority.acceptance_needs_details = False
    authority.save()
    client.force_login(cabinet_a)
    form_page = client.get(reverse("plans:respond", args=[part_a.pk])).content.decode()
    assert "If accepted or partially accepted (optional)" in form_page
    assert accept(client, part_a).status_code == 302
    response = Response.objects.get()
    assert (response.decision, response.action, response.timetable, response.lead_officer) == (
        "accepted",
        "",
        None,
        None,
    )
    client.force_login(officer)
    page = client.get(part_a.recommendation.action_plan.get_absolute_url())
    assert page.status_code == 200 and "Agreed." in page.content.decode()


def test_the_rule_is_the_models_so_the_admin_and_imports_keep_it(part_a, cabinet_a, authority):
    response = Response(
        part=part_a,
        decision="accepted",
        explanation="Agreed.",
        responded_by=cabinet_a.person,
        entered_by=cabinet_a,
        responded_on=part_a.recommendation.action_plan.publication_date,
    )
    with pytest.raises(ValidationError, match="Enter the action"):
        response.full_clean()
    authority.acceptance_needs_details = False
    authority.save()
    part_a.recommendation.action_plan.authority.refresh_from_db()
    response.full_clean()
    # A rejection still takes no action, whatever the setting.
    response.decision, response.action = "rejected", "Do it anyway"
    with pytest.raises(ValidationError, match="takes no action"):
        response.full_clean()
