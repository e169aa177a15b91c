"""Officers record a SCRAIP, send it to the cabinet, and the response deadline runs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from scraip.councils.tests.factories import CommitteeFactory
from scraip.plans.models import ActionPlan
from scraip.plans.templatetags.plans import deadline_status
from scraip.plans.tests.factories import ActionPlanFactory, PartFactory

pytestmark = pytest.mark.django_db


def plan_data(committee, **overrides):
    data = {
        "title": "Review of Partnerships",
        "committee": committee.pk,
        "publication_date_0": "17",
        "publication_date_1": "5",
        "publication_date_2": "2007",
    }
    return {**data, **overrides}


def test_officer_records_a_plan_for_their_committee(client, officer, committee, authority):
    client.force_login(officer)
    page = client.post(reverse("plans:plan_create"), plan_data(committee))
    plan = ActionPlan.objects.get()
    assert page.status_code == 302 and page.url == plan.get_absolute_url()
    assert (plan.authority, plan.status) == (authority, ActionPlan.Status.DRAFT)
    assert plan.publication_date == datetime.date(2007, 5, 17)
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "17 May 2007" in detail


def test_missing_fields_are_named_in_the_error_summary(client, officer, committee):
    client.force_login(officer)
    page = client.post(reverse("plans:plan_create"), {"title": "Half typed"})
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Choose the committee whose report this is" in html
    assert "Enter the date the report was published" in html
    assert 'value="Half typed"' in html
    assert not ActionPlan.objects.exists()


def test_an_impossible_publication_date_is_refused(client, officer, committee):
    client.force_login(officer)
    page = client.post(
        reverse("plans:plan_create"),
        plan_data(committee, publication_date_0="31", publication_date_1="2"),
    )
    assert page.status_code == 200
    assert page.context["form"].errors["publication_date"]
    assert not ActionPlan.objects.exists()


def test_another_councils_committee_cannot_be_chosen(client, officer, other_authority):
    client.force_login(officer)
    elsewhere = CommitteeFactory(authority=other_authority)
    page = client.post(reverse("plans:plan_create"), plan_data(elsewhere))
    assert "committee" in page.context["form"].errors
    assert not ActionPlan.objects.exists()


def test_editing_keeps_the_plan_and_checks_dates(client, officer, plan, committee):
    client.force_login(officer)
    url = reverse("plans:plan_edit", args=[plan.pk])
    page = client.post(
        url,
        plan_data(
            committee,
            received_on_0="1",
            received_on_1="1",
            received_on_2="2007",
            title="Renamed",
            loaded_version="1",
        ),
    )
    assert page.context["form"].errors["received_on"] == [
        "The cabinet cannot have received the report before it was published"
    ]
    plan.refresh_from_db()
    assert plan.title == "Review of Partnerships"
    client.post(url, plan_data(committee, title="Renamed", loaded_version="1"))
    plan.refresh_from_db()
    assert plan.title == "Renamed"


@pytest.mark.parametrize("persona", ["councillor", "cabinet_a", "lead_officer"])
def test_only_scrutiny_officers_create_and_edit_plans(client, request, persona, plan, committee):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("plans:plan_create")).status_code == 403
    assert client.post(reverse("plans:plan_create"), plan_data(committee)).status_code == 403
    assert client.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 403
    assert ActionPlan.objects.count() == 1


def test_officer_of_another_council_cannot_see_the_plan(client, other_officer, plan):
    client.force_login(other_officer)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 404


def test_councillors_read_sent_plans_but_not_drafts(client, councillor, plan):
    client.force_login(councillor)
    assert client.get(plan.get_absolute_url()).status_code == 200
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    assert client.get(plan.get_absolute_url()).status_code == 404


def send(client, plan, day="1", month="10", year="2026"):
    return client.post(
        reverse("plans:plan_send", args=[plan.pk]),
        {"received_on_0": day, "received_on_1": month, "received_on_2": year},
    )


@pytest.fixture
def draft(authority, committee, portfolio_a):
    plan = ActionPlanFactory(authority=authority, committee=committee)
    PartFactory(recommendation__action_plan=plan, recommendation__portfolio=portfolio_a)
    return plan


def test_sending_starts_the_statutory_two_months(client, officer, draft):
    client.force_login(officer)
    page = send(client, draft, day="31", month="10", year="2026")
    assert page.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.AWAITING_RESPONSE
    # Two calendar months from 31 October end on the last day of December's shorter twin.
    assert draft.response_deadline == datetime.date(2026, 12, 31)


def test_a_council_using_28_days_gets_28_days(client, officer, draft, authority):
    authority.response_period_days = 28
    authority.save()
    client.force_login(officer)
    send(client, draft, day="1", month="10", year="2026")
    draft.refresh_from_db()
    assert draft.response_deadline == datetime.date(2026, 10, 29)


def test_a_plan_needs_portfolios_before_it_is_sent(client, officer, draft):
    draft.recommendations.update(portfolio=None)
    client.force_login(officer)
    page = send(client, draft)
    assert "Give every recommendation addressed to a portfolio holder its cabinet portfolio" in (
        page.content.decode()
    )
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_future_receipt_date_is_refused(client, officer, draft):
    client.force_login(officer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = send(client, draft, str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    assert page.context["form"].errors["received_on"]


def test_pages_show_days_left_and_days_overdue(client, officer, plan):
    today = timezone.localdate()
    plan.response_deadline = today + datetime.timedelta(days=12)
    plan.save()
    client.force_login(officer)
    assert "12 days left" in client.get(plan.get_absolute_url()).content.decode()
    plan.response_deadline = today - datetime.timedelta(days=3)
    plan.save()
    assert "3 days overdue" in client.get(reverse("plans:plan_list")).content.decode()


def test_deadline_wording():
    plan = ActionPlan(
        status=ActionPlan.Status.AWAITING_RESPONSE, response_deadline=datetime.date(2026, 12, 1)
    )
    assert deadline_status(plan, datetime.date(2026, 11, 23)) == "8 days left"
    assert deadline_status(plan, datetime.date(2026, 11, 30)) == "1 day left"
    assert deadline_status(plan, datetime.date(2026, 12, 1)) == "Due today"
    assert deadline_status(plan, datetime.date(2026, 12, 2)) == "1 day overdue"
    plan.status = ActionPlan.Status.RESPONDED
    assert deadline_status(plan, datetime.date(2026, 12, 2)) == ""
