"""A recommendation is addressed to a portfolio holder, the Cabinet as a whole, full Council, a
named officer or an outside organisation; who may answer follows from that (issue 10.4)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from scraip.councils.tests.factories import OfficerFactory
from scraip.plans.models import Addressee, Recommendation, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def respond_url(part):
    return reverse("plans:respond", args=[part.pk])


def answer(client, part, **extra):
    return client.post(
        respond_url(part),
        {"decision": "rejected", "explanation": "Not this year.", **extra},
    )


@pytest.fixture
def addressed(plan, lead_officer_person):
    """Recommendations H (the Cabinet), J (Liam Lead by name), K (full Council) and L (the
    Environment Agency), none in a portfolio."""

    def make(letter, position, addressed_to, **fields):
        recommendation = RecommendationFactory(
            action_plan=plan,
            letter=letter,
            position=position,
            portfolio=None,
            addressed_to=addressed_to,
            **fields,
        )
        return PartFactory(recommendation=recommendation)

    return {
        "cabinet": make("H", 10, Addressee.CABINET),
        "officer": make("J", 11, Addressee.OFFICER, addressee_officer=lead_officer_person),
        "council": make("K", 12, Addressee.COUNCIL),
        "outside": make("L", 13, Addressee.OUTSIDE, addressee_organisation="Environment Agency"),
    }


def test_the_plan_prints_whom_each_is_addressed_to(client, officer, plan, addressed):
    client.force_login(officer)
    page = client.get(plan.get_absolute_url()).content.decode()
    for expected in ("The Cabinet", "Liam Lead", "Full Council", "Environment Agency"):
        assert expected in page
    pdf = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert pdf.status_code == 200


def test_any_cabinet_member_answers_for_the_cabinet(client, cabinet_b, addressed):
    client.force_login(cabinet_b)
    assert answer(client, addressed["cabinet"]).status_code == 302
    assert client.get(respond_url(addressed["officer"])).status_code == 403
    assert client.get(respond_url(addressed["council"])).status_code == 403
    awaiting = client.get(reverse("plans:awaiting_response")).context["parts"]
    assert addressed["officer"] not in awaiting


def test_the_named_officer_answers_their_own(client, lead_officer, addressed):
    client.force_login(lead_officer)
    assert client.get(respond_url(addressed["cabinet"])).status_code == 403
    saved = answer(client, addressed["officer"])
    assert saved.url == addressed["officer"].recommendation.action_plan.get_absolute_url()
    response = Response.objects.get(part=addressed["officer"])
    assert response.responded_by == lead_officer.person


def test_an_officer_records_full_councils_and_an_outside_bodys_answer(
    client, officer, councillor, addressed
):
    client.force_login(officer)
    form = client.get(respond_url(addressed["outside"])).context["form"]
    assert form.fields["responded_by"].label == "Who gave this response"
    assert "For Environment Agency" in form.fields["responded_by"].help_text
    page = answer(client, addressed["council"], responded_by=councillor.person.pk)
    assert page.status_code == 302
    assert Response.objects.get(part=addressed["council"]).responded_by == councillor.person


def test_the_model_needs_the_officer_or_the_organisation(plan, other_officer):
    recommendation = Recommendation(
        action_plan=plan, letter="M", text="Clean the river.", addressed_to=Addressee.OUTSIDE
    )
    with pytest.raises(ValidationError, match="Enter the name of the organisation addressed"):
        recommendation.full_clean()
    recommendation.addressed_to = Addressee.OFFICER
    with pytest.raises(ValidationError, match="Choose the officer"):
        recommendation.full_clean()
    recommendation.addressee_officer = OfficerFactory(authority=other_officer.person.authority)
    with pytest.raises(ValidationError, match="not one of the available choices"):
        recommendation.full_clean()


def test_the_form_records_the_addressee(client, officer, plan, lead_officer_person):
    client.force_login(officer)
    page = client.post(
        reverse("plans:recommendation_create", args=[plan.pk]),
        {
            "letter": "N",
            "position": "20",
            "text": "That the chief executive reports on staffing.",
            "addressed_to": "officer",
            "addressee_officer": lead_officer_person.pk,
            "addressee_organisation": "ignored for an officer",
            "parts-TOTAL_FORMS": "0",
            "parts-INITIAL_FORMS": "0",
            "parts-MIN_NUM_FORMS": "0",
            "parts-MAX_NUM_FORMS": "1000",
        },
    )
    assert page.status_code == 302
    recommendation = Recommendation.objects.get(letter="N")
    assert (recommendation.addressee_officer, recommendation.addressee_organisation) == (
        lead_officer_person,
        "",
    )
    assert recommendation.addressee_display == "Liam Lead"


def test_the_named_officer_finds_what_awaits_them_from_the_header(client, lead_officer, addressed):
    """An officer who is neither a cabinet member nor a scrutiny officer gets "Awaiting
    response" while a recommendation addressed to them by name awaits their answer."""
    client.force_login(lead_officer)
    home = client.get(reverse("plans:home")).content.decode()
    assert f'href="{reverse("plans:awaiting_response")}"' in home
    page = client.get(reverse("plans:awaiting_response"))
    assert page.status_code == 200
    assert list(page.context["parts"]) == [addressed["officer"]]
    text = page.content.decode()
    assert "Awaiting my response" in text and "Liam Lead" in text and "None" not in text
    answer(client, addressed["officer"])
    home = client.get(reverse("plans:home")).content.decode()
    assert f'href="{reverse("plans:awaiting_response")}"' not in home
    assert client.get(reverse("plans:awaiting_response")).status_code == 403


def test_the_named_officer_is_reminded_and_named_when_they_cannot_be(
    client, officer, lead_officer_person, addressed
):
    day = datetime.date(2026, 11, 24)  # seven days before the response is due
    out = io.StringIO()
    call_command("send_reminders", date=day.isoformat(), stdout=out)
    assert "- Liam Lead: no email address (asked for the response to" in out.getvalue()
    client.force_login(officer)
    dashboard = client.get(reverse("followup:dashboard_officer")).content.decode()
    section = dashboard.split("People who cannot be emailed</h2>")[1]
    assert "Liam Lead" in section and "1 response awaited" in section

    lead_officer_person.email = "liam.lead@example.gov.uk"
    lead_officer_person.save()
    mail.outbox.clear()
    call_command("send_reminders", date=day.isoformat(), stdout=io.StringIO())
    (message,) = [m for m in mail.outbox if m.to == ["liam.lead@example.gov.uk"]]
    assert message.subject == "Response due: Review of Partnerships"
    assert "These recommendations addressed to you still await your response" in message.body
    assert "Recommendation J" in message.body and "Recommendation H" not in message.body
