"""Progress updates on accepted items: written by the lead officer or on their behalf, with
evidence, corrected without overwriting each other, refused once the committee has closed the
item."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from scraip.common.tests.files import MINIMAL_PDF
from scraip.followup import services
from scraip.followup.forms import ProgressForm, report_back_label
from scraip.followup.models import ProgressUpdate
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ReportBack

from .helpers import add_url, fresh

pytestmark = pytest.mark.django_db

ON_TRACK = ProgressUpdate.Status.ON_TRACK


def test_lead_officer_writes_their_own_update(client, lead_officer, followed):
    client.force_login(lead_officer)
    page = client.get(add_url(followed.item_g))
    assert b"Whose update is this?" not in page.content
    response = client.post(
        add_url(followed.item_g),
        {"report_back": followed.first.pk, "status": ON_TRACK, "narrative": "Pages drafted."},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.subject == followed.item_g
    assert update.reported_by == lead_officer.person
    assert update.entered_by == lead_officer
    assert update.report_back == followed.first
    assert update.reported_on == timezone.localdate()
    assert not update.entered_on_behalf


def test_officer_writes_on_the_lead_officers_behalf_and_both_names_are_kept(
    client, officer, lead_officer_person, followed
):
    client.force_login(officer)
    response = client.post(
        add_url(followed.item_g),
        {
            "report_back": followed.first.pk,
            "status": ON_TRACK,
            "narrative": "Told me by phone.",
            "reported_by": lead_officer_person.pk,
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.reported_by, update.entered_by) == (lead_officer_person, officer)
    page = client.get(reverse("followup:progress_item", args=[followed.item_g.pk]))
    assert "Liam Lead (entered by Olive Officer)" in page.content.decode()


def test_evidence_file_is_checked_and_downloaded_as_an_attachment(
    client, lead_officer, followed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(lead_officer)
    body = {"status": ON_TRACK, "narrative": "Minutes attached."}
    fake = SimpleUploadedFile("minutes.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    page = client.post(add_url(followed.item_g), {**body, "evidence_file": fake})
    assert "The file is not a real PDF" in page.content.decode()
    assert not ProgressUpdate.objects.exists()
    real = SimpleUploadedFile("Cabinet minutes.pdf", MINIMAL_PDF)
    client.post(add_url(followed.item_g), {**body, "evidence_file": real})
    update = ProgressUpdate.objects.get()
    download = client.get(reverse("followup:progress_evidence", args=[update.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_evidence_link_must_be_a_web_address(client, lead_officer, followed):
    client.force_login(lead_officer)
    page = client.post(
        add_url(followed.item_g),
        {"status": ON_TRACK, "narrative": "See it.", "evidence_link": "not a link"},
    )
    assert "Enter a full web address" in page.content.decode()


def test_rejected_item_takes_no_progress(client, officer, followed):
    client.force_login(officer)
    assert client.get(add_url(followed.rejected)).status_code == 404


def test_updates_i_owe_lists_items_without_an_update_for_the_next_report_back(
    client, lead_officer, followed
):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    client.force_login(lead_officer)
    page = client.get(reverse("followup:updates_owed")).content.decode()
    assert "Updates I owe" in page
    assert add_url(followed.item_g) in page
    assert add_url(followed.item_a) not in page
    assert "14 January 2027" in page


def test_only_a_committee_verdict_closes_an_item(client, lead_officer, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="implemented")
    item = followed.item_g
    assert not fresh(item).is_closed
    services.verdict_record(
        subject=item, meeting=followed.meeting, verdict="closed", recorded_by=officer
    )
    assert fresh(item).is_closed
    client.force_login(lead_officer)
    page = client.post(add_url(item), {"status": ON_TRACK, "narrative": "More."}, follow=True)
    assert "it takes no further updates" in page.content.decode()
    assert ProgressUpdate.objects.count() == 1
    with pytest.raises(services.WorkflowError, match="no further changes"):
        services.progress_record(
            subject=item,
            status=ON_TRACK,
            narrative="More.",
            reported_by=lead_officer.person,
            entered_by=lead_officer,
        )


def test_a_closed_item_offers_no_update_form(client, lead_officer, officer, followed):
    """The item page has no "Add an update" link, and the form's address says why before
    anything is typed."""
    item = followed.item_g
    item_url = reverse("followup:progress_item", args=[item.pk])
    ProgressUpdateFactory(subject=item, report_back=followed.first, status="implemented")
    client.force_login(lead_officer)
    assert add_url(item) in client.get(item_url).content.decode()
    services.verdict_record(
        subject=item, meeting=followed.meeting, verdict="closed", recorded_by=officer
    )
    assert add_url(item) not in client.get(item_url).content.decode()
    response = client.get(add_url(item), follow=True)
    assert response.redirect_chain[-1][0] == item_url
    assert "The committee has closed" in response.content.decode()
    assert b'name="narrative"' not in response.content


def test_two_people_correcting_one_update_cannot_overwrite_each_other(client, officer, followed):
    update = ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    url = reverse("followup:progress_edit", args=[update.pk])
    client.force_login(officer)
    body = {
        "report_back": followed.first.pk,
        "status": ON_TRACK,
        "reported_by": update.reported_by_id,
        "loaded_version": 1,
    }
    assert client.post(url, {**body, "narrative": "First"}).status_code == 302
    page = client.post(url, {**body, "narrative": "Second"})
    assert "changed this after you opened it" in page.content.decode()
    update.refresh_from_db()
    assert (update.narrative, update.version) == ("First", 2)


def test_an_update_cannot_be_dated_after_today(client, officer, lead_officer_person, followed):
    client.force_login(officer)
    page = client.post(
        add_url(followed.item_g),
        {
            "status": ON_TRACK,
            "narrative": "Told me by phone.",
            "reported_by": lead_officer_person.pk,
            "reported_on_0": "24",
            "reported_on_1": "11",
            "reported_on_2": "2026",
        },
    )
    assert "The date it was reported must be today or earlier" in page.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_report_backs_are_offered_with_their_ordinal(followed):
    twenty_first = ReportBack(
        action_plan=followed.plan, sequence=21, due_on=datetime.date(2030, 3, 1)
    )
    assert report_back_label(twenty_first) == "21st update, 1 March 2030"
    form = ProgressForm(subject=followed.item_g, report_backs=followed.plan.report_backs.all())
    labels = [label for _, label in form.fields["report_back"].choices]
    assert labels[1:] == ["1st update, 14 January 2027", "2nd update, 1 June 2027"]
