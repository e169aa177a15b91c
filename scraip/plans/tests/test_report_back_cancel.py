"""A report-back that cannot be removed (something was recorded for it) can be cancelled: it
stays on the schedule with its history, and is no longer due anywhere."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from scraip.followup.models import FollowedPart
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db


def schedule_post(client, plan, change):
    """Post the schedule page as shown, with `change(index, report_back, data)` applied."""
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    formset = client.get(url).context["formset"]
    data = {
        f"report_backs-{name}": value for name, value in formset.management_form.initial.items()
    }
    data["report_backs-TOTAL_FORMS"] = str(formset.initial_form_count())
    for index, form in enumerate(formset.initial_forms):
        data[f"report_backs-{index}-id"] = str(form.instance.pk)
        data[f"report_backs-{index}-due"] = form["due"].value() or ""
        data[f"report_backs-{index}-meeting"] = form.instance.meeting_id or ""
        change(index, form.instance, data)
    return client.post(url, data)


def next_report_back(item):
    return (
        FollowedPart.objects.filter(pk=item.pk)
        .with_state()
        .values_list("next_report_back_pk", "owes_update")[0]
    )


def test_the_schedule_page_cancels_a_report_back_that_cannot_be_removed(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    client.force_login(officer)

    def cancel_first(index, report_back, data):
        if report_back == followed.first:
            data[f"report_backs-{index}-cancelled"] = "on"

    page = schedule_post(client, followed.plan, cancel_first)
    assert page.status_code == 302
    followed.first.refresh_from_db()
    assert followed.first.cancelled and not followed.first.is_deleted
    assert followed.first.history.latest().cancelled  # recorded in its history
    assert "Cancelled" in client.get(followed.plan.get_absolute_url()).content.decode()


def test_a_cancelled_report_back_is_not_due(client, officer, followed):
    assert next_report_back(followed.item_g) == (followed.first.pk, True)
    followed.first.cancelled = True
    followed.first.save()
    # The plan's next report-back is now the second, and the items owe their update for it.
    assert next_report_back(followed.item_g) == (followed.second.pk, True)
    assert followed.first not in ReportBack.objects.still_due()
    client.force_login(officer)
    pack = client.get(reverse("followup:meeting_detail", args=[followed.meeting.pk]))
    assert followed.plan.title not in pack.content.decode()


def test_a_meeting_lists_the_plan_while_its_report_back_stands(client, officer, followed):
    client.force_login(officer)
    page = client.get(reverse("followup:meeting_detail", args=[followed.meeting.pk]))
    assert followed.plan.title in page.content.decode()


def test_a_report_back_is_not_both_completed_and_cancelled(followed):
    followed.first.completed = followed.first.cancelled = True
    with pytest.raises(ValidationError, match="both completed and cancelled"):
        followed.first.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        followed.first.save()
