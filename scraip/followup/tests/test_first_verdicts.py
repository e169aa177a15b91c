"""One verdict per item per meeting: of two clerks recording it at once, the second sees what the
first saved, keeps their own input, and nothing is lost."""

import pytest

from scraip.common.tests.races import race
from scraip.followup import services
from scraip.followup.models import Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory

from .helpers import verdict_url

pytestmark = pytest.mark.django_db


def test_a_verdict_form_opened_before_the_first_verdict_gets_the_conflict_page(
    client, officer, followed
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    url = verdict_url(followed.item_g, followed.meeting)
    client.force_login(officer)
    assert client.get(url).context["form"]["loaded_version"].value() == 0
    other = type(client)()
    other.force_login(officer)
    first = other.post(url, {"verdict": "satisfied", "note": "Well done.", "loaded_version": "0"})
    assert first.status_code == 302

    page = client.post(url, {"verdict": "closed", "note": "My note.", "loaded_version": "0"})
    html = page.content.decode()
    assert "changed this after you opened it" in html
    assert "Well done." in html and "My note." in html
    assert Verdict.objects.get().note == "Well done."


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_first_verdicts_leave_one_saved_and_nineteen_conflicts(
    officer, followed
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    saved, current = race(
        lambda number: services.verdict_record(
            subject=followed.item_g,
            meeting=followed.meeting,
            verdict="satisfied",
            note=f"Clerk {number}",
            recorded_by=officer,
        )
    )
    conflicts = [shown.note for shown in current]
    assert len(saved) == 1 and len(conflicts) == 19
    assert set(conflicts) == {f"Clerk {saved[0]}"}
    assert Verdict.all_objects.get().note == f"Clerk {saved[0]}"
