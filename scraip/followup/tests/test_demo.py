"""The demo's follow-up of the Review of Partnerships."""

import io
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from scraip.followup.models import ProgressUpdate, Verdict
from scraip.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_demo_follows_up_the_review_of_partnerships_at_its_three_report_backs(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=StringIO())
    counts = (ProgressUpdate.objects.count(), Verdict.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (ProgressUpdate.objects.count(), Verdict.objects.count()) == counts
    plan = ActionPlan.objects.get(title="Review of Partnerships")
    report_backs = list(plan.report_backs.select_related("meeting").order_by("sequence"))
    assert [rb.meeting.status for rb in report_backs] == ["held", "held", "scheduled"]
    for report_back in report_backs:
        assert ProgressUpdate.objects.filter(report_back=report_back).exists()
    assert {v.verdict for v in Verdict.objects.all()} == {"satisfied", "not_satisfied", "closed"}
    client.force_login(get_user_model().objects.get(username="officer"))
    pack = client.get(reverse("followup:meeting_pack", args=[report_backs[2].meeting_id]))
    text = pack.content.decode()
    assert "No change since last update" in text
    assert "Status changed from" in text
    pdf = client.get(reverse("followup:meeting_pack_pdf", args=[report_backs[2].meeting_id]))
    reader = PdfReader(io.BytesIO(pdf.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 2  # the cover, then the plan's items
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "SCRAIP: Strategic Leadership" in text  # the running header
