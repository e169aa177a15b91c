"""A council's own progress statuses (issue 10.4): named by its administrator, each standing for
one of SCRAIP's lifecycle states with a red, amber or green colour; "Paused" owes no updates."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from scraip.followup import services
from scraip.followup.models import CouncilStatus, FollowedPart, ProgressUpdate
from scraip.followup.tests.factories import CouncilStatusFactory
from scraip.followup.tests.test_tracker import export, fill, upload

from .helpers import add_url

pytestmark = pytest.mark.django_db

Status = ProgressUpdate.Status


@pytest.fixture
def own_statuses(authority):
    """Seed-style tracker words: Complete, Ongoing and Paused."""
    return {
        name: CouncilStatusFactory(
            authority=authority, name=name, lifecycle=lifecycle, rag=rag, position=position
        )
        for position, (name, lifecycle, rag) in enumerate(
            [
                ("Complete", Status.IMPLEMENTED, "green"),
                ("Ongoing", Status.ON_TRACK, "amber"),
                ("Paused", Status.PAUSED, "red"),
            ]
        )
    }


def test_the_council_administrator_names_the_statuses(client, officer, authority, other_officer):
    person = officer.person
    person.is_council_admin = True
    person.save()
    client.force_login(officer)
    url = reverse("followup:status_add", args=[authority.pk])
    data = {"name": "Ongoing", "lifecycle": "on_track", "rag": "amber", "position": "1"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data | {"name": " ongoing "})
    assert again.context["form"].errors["name"] == [
        "The council already has a status called ongoing"
    ]
    listed = client.get(reverse("followup:status_list", args=[authority.pk])).content.decode()
    assert "Ongoing" in listed and "On track" in listed and "Amber" in listed
    client.force_login(other_officer)
    assert client.get(reverse("followup:status_list", args=[authority.pk])).status_code == 404


def test_the_lead_officer_reports_in_the_councils_words(
    client, lead_officer, followed, own_statuses
):
    client.force_login(lead_officer)
    page = client.get(add_url(followed.item_g))
    choices = [label for _, label in page.context["form"].fields["status"].choices]
    assert choices == ["Complete", "Ongoing", "Paused"]
    paused = own_statuses["Paused"]
    response = client.post(
        add_url(followed.item_g),
        {"report_back": followed.first.pk, "status": paused.pk, "narrative": "Not feasible now."},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.status, update.council_status, update.status_label) == (
        "paused",
        paused,
        "Paused",
    )
    item_page = client.get(reverse("followup:progress_item", args=[followed.item_g.pk]))
    assert 'govuk-tag--red">Paused</strong>' in item_page.content.decode()


def test_a_paused_item_owes_no_update_and_is_never_past_its_target(
    lead_officer, followed, own_statuses
):
    item = followed.item_g
    followed.item_g.response.__class__.objects.filter(pk=item.response.pk).update(
        timetable="2026-01-01", timetable_end="2026-01-31"
    )
    items = FollowedPart.objects.listed().filter(pk=item.pk)
    assert items.owing_updates().exists()
    assert items.get().past_target
    services.progress_record(
        subject=item,
        status="",
        council_status=own_statuses["Paused"],
        narrative="Paused until the budget allows.",
        reported_by=lead_officer.person,
        entered_by=lead_officer,
    )
    assert not items.owing_updates().exists()
    state = items.get()
    assert (state.latest_status, state.past_target, state.needs_attention) == (
        "paused",
        False,
        False,
    )


def test_the_model_keeps_the_word_and_its_state_together(followed, own_statuses, other_authority):
    update = ProgressUpdate(
        subject=followed.item_g,
        status=Status.AT_RISK,
        council_status=own_statuses["Ongoing"],
        narrative="x",
        reported_by=followed.item_g.response.lead_officer,
        entered_by=followed.item_g.response.entered_by,
        reported_on=followed.plan.publication_date,
    )
    with pytest.raises(ValidationError, match="“Ongoing” stands for on track"):
        update.full_clean()
    update.status = Status.ON_TRACK
    update.council_status = CouncilStatusFactory(authority=other_authority, name="Ongoing")
    with pytest.raises(ValidationError, match="Choose one of the council’s statuses"):
        update.full_clean()


def test_the_tracker_exports_and_imports_the_councils_words(
    client, officer, followed, own_statuses
):
    client.force_login(officer)
    item = followed.item_g
    content = fill(export(client, followed.plan), {item.pk: ("Ongoing", "Half done.")})
    assert upload(client, followed.plan, content).status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.council_status.name, update.status) == ("Ongoing", "on_track")
    rows = list(load_workbook(io.BytesIO(export(client, followed.plan))).active.values)
    header = rows[0]
    row = next(row for row in rows[1:] if row[0] == item.pk)
    assert row[header.index("Latest status")] == "Ongoing"

    refused = upload(
        client, followed.plan, fill(export(client, followed.plan), {item.pk: ("Done", "x")})
    )
    assert "“Done” is not a status (use one of: Complete, Ongoing, Paused)" in (
        refused.content.decode()
    )
    assert ProgressUpdate.objects.count() == 1


def test_a_retired_status_is_not_offered_but_kept_on_old_updates(
    client, lead_officer, followed, own_statuses
):
    ongoing = own_statuses["Ongoing"]
    update = services.progress_record(
        subject=followed.item_g,
        status="",
        council_status=ongoing,
        narrative="Half done.",
        reported_by=lead_officer.person,
        entered_by=lead_officer,
    )
    CouncilStatus.objects.filter(pk=ongoing.pk).update(retired=True)
    client.force_login(lead_officer)
    new = client.get(add_url(followed.item_g)).context["form"]
    assert "Ongoing" not in [label for _, label in new.fields["status"].choices]
    edit = client.get(reverse("followup:progress_edit", args=[update.pk])).context["form"]
    assert "Ongoing" in [label for _, label in edit.fields["status"].choices]
