"""Seed 001's three report-backs entered in one save, and "Add another report-back date"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def schedule_body(dates, **extra):
    body = {"report_backs-TOTAL_FORMS": str(len(dates)), "report_backs-INITIAL_FORMS": "0"}
    for index, due in enumerate(dates):
        body[f"report_backs-{index}-due"] = due
    return body | extra


def test_the_schedule_page_offers_three_rows_and_another(client, officer, plan):
    client.force_login(officer)
    html = client.get(reverse("plans:report_backs_edit", args=[plan.pk])).content.decode()
    assert 'name="report_backs-TOTAL_FORMS" value="3"' in html
    assert "Add another report-back date" in html


def test_seed_001s_three_report_backs_are_saved_at_once(client, officer, plan):
    client.force_login(officer)
    body = schedule_body(["27 November 2007", "April 2008", "Winter 2008/09"])
    response = client.post(reverse("plans:report_backs_edit", args=[plan.pk]), body)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert plan.report_backs.count() == 3


def test_another_row_keeps_the_dates_typed_and_saves_nothing(client, officer, plan):
    client.force_login(officer)
    body = schedule_body(["27 November 2007", "Smarch 2008"], add_row="report_backs")
    response = client.post(reverse("plans:report_backs_edit", args=[plan.pk]), body)
    html = response.content.decode()
    assert response.status_code == 200
    assert plan.report_backs.count() == 0
    assert 'name="report_backs-TOTAL_FORMS" value="3"' in html
    assert 'value="Smarch 2008"' in html
    assert "There is a problem" not in html
