"""Several lead officers per item (issue 10.4): one accountable, others supporting; the
dashboards, updates owed, reminders and exports reach every one of them."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scraip.common.versioning import WorkflowError
from scraip.councils.tests.factories import OfficerFactory, UserFactory
from scraip.followup.models import FollowedPart
from scraip.followup.reminders import update_reminders
from scraip.plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporter(authority):
    person = OfficerFactory(
        authority=authority, name="Sam Support", email="sam.support@example.gov.uk"
    )
    person.user = UserFactory(username="support")
    person.save()
    return person


def test_the_response_form_names_supporting_officers(
    client, cabinet_a, part_a, lead_officer_person, supporter
):
    client.force_login(cabinet_a)
    page = client.post(
        reverse("plans:respond", args=[part_a.pk]),
        {
            "decision": "accepted",
            "explanation": "Agreed.",
            "action": "Adopt it.",
            "timetable_text": "March 2027",
            "lead_officer": lead_officer_person.pk,
            "supporting_officers": [supporter.pk, lead_officer_person.pk],
        },
    )
    assert page.status_code == 302
    response = part_a.response.__class__.objects.get(part=part_a)
    assert list(response.supporting_officers.all()) == [supporter]  # the lead only once
    assert response.leads_display == "Liam Lead, supported by Sam Support"


def test_a_supporting_officer_sees_the_item_and_is_reminded(
    client, followed, supporter, lead_officer_person
):
    item = followed.item_g
    services._supporting_set(item.response, [supporter])
    assert set(FollowedPart.objects.led_by(supporter)) == {item}
    assert set(FollowedPart.objects.led_by(lead_officer_person)) == {
        followed.item_a,
        followed.item_g,
    }
    client.force_login(supporter.user)
    page = client.get(reverse("followup:dashboard_lead")).content.decode()
    assert "Recommendation G" in page and "Recommendation A (i)" not in page
    reminders = update_reminders(datetime.date(2027, 1, 5))
    reached = {reminder.recipient for reminder in reminders}
    assert {supporter, lead_officer_person} <= reached
    mine = next(reminder for reminder in reminders if reminder.recipient == supporter)
    assert "Recommendation G" in mine.body and "Recommendation A (i)" not in mine.body

    client.force_login(followed.plan.authority.people.get(user__username="officer").user)
    rows = list(
        load_workbook(
            io.BytesIO(
                b"".join(
                    client.get(
                        reverse("followup:plan_tracker_export", args=[followed.plan.pk, "xlsx"])
                    ).streaming_content
                )
            )
        ).active.values
    )
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == item.pk), strict=True))
    assert row["Lead officer"] == "Liam Lead, supported by Sam Support"


def test_only_the_councils_officers_support_and_never_on_a_rejection(
    followed, other_officer, supporter
):
    with pytest.raises(WorkflowError, match="officers of the council"):
        services._supporting_set(followed.item_g.response, [other_officer.person])
    with pytest.raises(WorkflowError, match="rejected recommendation takes no supporting"):
        services._supporting_set(followed.rejected.response, [supporter])


def test_a_supporting_officer_without_an_address_is_named_on_the_dashboard(
    client, officer, followed, authority
):
    nobody = OfficerFactory(authority=authority, name="Nora Noaddress", email="")
    services._supporting_set(followed.item_g.response, [nobody])
    client.force_login(officer)
    page = client.get(reverse("followup:dashboard_officer")).content.decode()
    section = page.split("People who cannot be emailed</h2>")[1]
    assert "Nora Noaddress" in section
    assert "1 update owed" in section
