"""Bringing a council's existing tracker in (issue 10.3): three layouts built in code (SCRAIP's
own export; a tracker with "SR (25/26) 01" references, Complete / Ongoing / Paused, a RAG column
and several lead officers in a cell; an "Agree?" tracker with no lead officer column), matched,
checked and imported all or nothing, with "Imported from <file>" in every history row."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from scraip.common.softdelete import soft_delete
from scraip.councils.tests.factories import OfficerFactory
from scraip.followup import import_rows, imports
from scraip.followup.models import ProgressUpdate
from scraip.followup.tests.factories import CouncilStatusFactory
from scraip.followup.tests.test_tracker import export
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, Response

pytestmark = pytest.mark.django_db

Status = ProgressUpdate.Status


def xlsx(header, rows) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, authority, content, name="tracker.xlsx"):
    return client.post(
        reverse("followup:tracker_upload"),
        {"authority": authority.pk, "spreadsheet": SimpleUploadedFile(name, content)},
    )


def check_page(client, **changes):
    """Post the matching page as guessed, with `changes` to its boxes."""
    form = client.get(reverse("followup:tracker_map")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return client.post(reverse("followup:tracker_map"), data)


SR_HEADER = [
    "Ref",
    "Scrutiny review",
    "Committee",
    "Date agreed",
    "Recommendation",
    "Cabinet Member",
    "Decision",
    "Executive response",
    "Agreed action",
    "Lead officer(s)",
    "Target date",
    "Status",
    "RAG",
    "Progress update",
]


@pytest.fixture
def sr_council(authority, committee, portfolio_a, cabinet_a, lead_officer_person):
    OfficerFactory(authority=authority, name="Sam Support")
    for position, (name, lifecycle, rag) in enumerate(
        [
            ("Complete", Status.IMPLEMENTED, "green"),
            ("Ongoing", Status.ON_TRACK, "amber"),
            ("Paused", Status.PAUSED, "red"),
        ]
    ):
        CouncilStatusFactory(
            authority=authority, name=name, lifecycle=lifecycle, rag=rag, position=position
        )
    return authority


def sr_rows(committee, count=3):
    statuses = ["Complete", "Ongoing", "Paused"]
    return [
        (
            f"SR (25/26) {n + 1:02d}",
            "Review of Flooding",
            committee.name,
            "12/06/2025",
            f"That the council maps the drains of ward {n}.",
            "Leader of the Council",
            "Accepted",
            "The council will map them.",
            f"Survey ward {n}.",
            "Liam Lead; Sam Support",
            "March 2026",
            statuses[n % 3],
            ["Green", "Amber", "Red"][n % 3],
            f"Drains of ward {n}: work reported.",
        )
        for n in range(count)
    ]


def test_a_tracker_with_its_own_references_statuses_and_several_leads(
    client, officer, sr_council, committee
):
    client.force_login(officer)
    page = upload(client, sr_council, xlsx(SR_HEADER, sr_rows(committee)), name="flooding.xlsx")
    assert page.status_code == 302
    form = client.get(reverse("followup:tracker_map")).context["form"]
    assert form["column_reference"].value() == "Ref"
    assert form["column_plan"].value() == "Scrutiny review"
    assert form["column_leads"].value() == "Lead officer(s)"
    assert form["column_status"].value() == "Status"
    checked = check_page(client)
    assert checked.context["checked"].problems == []
    assert checked.context["checked"].counts == {
        "plans": 1,
        "recommendations": 3,
        "responses": 3,
        "updates": 3,
    }
    assert client.post(reverse("followup:tracker_confirm")).status_code == 302
    plan = ActionPlan.objects.get(title="Review of Flooding")
    assert (plan.municipal_year_label, plan.status) == ("2025/26", "responded")
    first = Recommendation.objects.get(letter="SR (25/26) 01")
    response = Response.objects.get(part__recommendation=first)
    assert response.leads_display == "Liam Lead, supported by Sam Support"
    assert response.responded_by.name == "Alice Leader"
    paused = ProgressUpdate.objects.get(narrative__startswith="Drains of ward 2")
    assert (paused.status, paused.council_status.name) == ("paused", "Paused")
    assert plan.history.first().history_change_reason == "Imported from flooding.xlsx"
    assert first.history.first().history_change_reason == "Imported from flooding.xlsx"


AGREE_HEADER = ["Review", "Committee", "Date", "No.", "Recommendation", "Agree?", "Comments"]


def agree_rows(committee):
    return [
        ("Review of Parks", committee.name, "3 March 2024", "1", "Open the gates.", "Yes", ""),
        (
            "Review of Parks",
            committee.name,
            "3 March 2024",
            "2",
            "Plant trees.",
            "In part",
            "Some.",
        ),
        ("Review of Parks", committee.name, "3 March 2024", "3", "Sell the park.", "No", "No."),
        ("Review of Parks", committee.name, "3 March 2024", "4", "Add benches.", "", ""),
    ]


def test_an_agree_tracker_needs_the_councils_plain_yes_setting(
    client, officer, authority, committee
):
    client.force_login(officer)
    upload(client, authority, xlsx(AGREE_HEADER, agree_rows(committee)))
    refused = check_page(client).context["checked"].problems
    assert ("Lead officers", "Choose a lead officer for an accepted recommendation") in {
        (problem.column, problem.message) for problem in refused
    }
    assert {problem.row for problem in refused} == {2, 3}
    assert client.post(reverse("followup:tracker_confirm")).status_code == 302
    assert not ActionPlan.objects.filter(title="Review of Parks").exists()

    authority.acceptance_needs_details = False
    authority.save()
    assert check_page(client).context["checked"].problems == []
    client.post(reverse("followup:tracker_confirm"))
    plan = ActionPlan.objects.get(title="Review of Parks")
    assert plan.status == "awaiting_response"  # recommendation 4 is unanswered
    decisions = dict(
        Response.objects.filter(part__recommendation__action_plan=plan).values_list(
            "part__recommendation__letter", "decision"
        )
    )
    assert decisions == {"1": "accepted", "2": "partially_accepted", "3": "rejected"}
    yes = Response.objects.get(
        part__recommendation__letter="1", part__recommendation__action_plan=plan
    )
    assert "which gave no explanation" in yes.explanation


def test_scraips_own_export_comes_back_in(client, officer, followed):
    """The plan's tracker exported, the plan deleted, and the export imported: the plan, its
    accepted items, their answers and their latest progress come back."""
    client.force_login(officer)
    ProgressUpdate.objects.create(
        subject=followed.item_g,
        status=Status.AT_RISK,
        narrative="Slipping.",
        reported_by=followed.item_g.response.lead_officer,
        entered_by=officer,
        reported_on=followed.plan.publication_date,
    )
    content = export(client, followed.plan)
    soft_delete(record=ActionPlan.objects.get(pk=followed.plan.pk))
    assert upload(client, followed.plan.authority, content).status_code == 302
    checked = check_page(client).context["checked"]
    assert checked.problems == [], checked.problems
    client.post(reverse("followup:tracker_confirm"))
    plan = ActionPlan.objects.get(title=followed.plan.title)
    assert plan.pk != followed.plan.pk
    letters = list(plan.recommendations.values_list("letter", flat=True))
    assert letters == ["A (I)", "G"] or letters == ["A (i)", "G"]
    update = ProgressUpdate.objects.get(
        narrative="Slipping.", object_id__in=plan.recommendations.values("parts")
    )
    assert update.status == "at_risk"


def test_every_bad_row_is_named_and_nothing_is_saved(client, officer, sr_council, committee):
    rows = sr_rows(committee, 4)
    rows[1] = ("SR (25/26) 01", *rows[1][1:])  # the first row's reference again
    rows[2] = (*rows[2][:2], "Planning Committee", *rows[2][3:])  # no such committee
    rows[3] = (*rows[3][:9], "Nobody Known", rows[3][10], "Hibernating", *rows[3][12:])
    client.force_login(officer)
    upload(client, sr_council, xlsx(SR_HEADER, rows))
    page = check_page(client)
    problems = {(p.row, p.column) for p in page.context["checked"].problems}
    assert {(3, "Ref"), (4, "Committee"), (5, "Lead officer(s)"), (5, "Status")} <= problems
    html = page.content.decode()
    assert "“Planning Committee” is not one of the council’s committees" in html
    assert "Choose what the status “Hibernating” means" in html
    client.post(reverse("followup:tracker_confirm"))
    assert not ActionPlan.objects.filter(title="Review of Flooding").exists()


def test_a_file_it_cannot_use_is_refused_on_the_form(client, officer, authority):
    client.force_login(officer)
    page = upload(client, authority, b"not a spreadsheet at all", name="tracker.xlsx")
    assert page.status_code == 200
    assert page.context["form"].errors["spreadsheet"]


@pytest.mark.parametrize("persona", ["cabinet_a", "lead_officer", "councillor"])
def test_only_scrutiny_officers_bring_a_tracker_in(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("followup:tracker_upload")).status_code == 403


def test_checking_and_importing_cost_the_same_reads_for_10_and_1000_rows(
    officer, sr_council, committee
):
    """The council's records are read once a file; only the bulk inserts grow (in batches)."""
    counts = {}
    for size in (10, 1000):
        rows = [
            {"row": n + 2, **dict(zip(SR_HEADER, values, strict=True))}
            for n, values in enumerate(sr_rows(committee, size))
        ]
        rows = [
            {**row, "Ref": f"SR {size}-{n}", "Scrutiny review": f"Review {size}"}
            for n, row in enumerate(rows)
        ]
        tracker = imports.Tracker(f"t{size}.xlsx", SR_HEADER, rows)
        mapping = imports.guess_mapping(tracker, sr_council)
        with CaptureQueriesContext(connection) as queries:
            import_rows.import_tracker(
                tracker=tracker, mapping=mapping, authority=sr_council, by=officer
            )
        counts[size] = [
            q["sql"] for q in queries.captured_queries if not q["sql"].startswith("INSERT")
        ]
    assert len(counts[10]) == len(counts[1000])
    assert Recommendation.objects.filter(action_plan__title="Review 1000").count() == 1000


def test_the_template_imports_as_it_is_once_its_names_are_the_councils(
    client, officer, authority, committee, lead_officer_person
):
    """The template's columns are all matched by the guess; with the example's names made the
    council's, it imports."""
    client.force_login(officer)
    content = b"".join(
        client.get(reverse("followup:tracker_template", args=["csv"])).streaming_content
    )
    text = content.decode("utf-8-sig")
    text = text.replace("Overview and Scrutiny Committee", committee.name)
    text = text.replace("Cabinet Member for Environment", "")
    text = text.replace("Jo Bloggs; Sam Support", lead_officer_person.name)
    assert upload(client, authority, text.encode(), name="template.csv").status_code == 302
    form = client.get(reverse("followup:tracker_map")).context["form"]
    assert all(
        form[f"column_{spec.key}"].value() for spec in imports.FIELDS if spec.key != "received"
    )
    assert check_page(client).context["checked"].problems == []


def test_the_import_pages_make_the_same_queries_for_10_and_1000_rows(
    client, officer, sr_council, committee
):
    """Issue 10: the upload, matching and checking pages read the council's records once,
    whatever the size of the file."""
    client.force_login(officer)
    counts = {}
    for size in (10, 1000):
        rows = [
            (f"SR {size}-{n}", f"Review {size}", *row[2:])
            for n, row in enumerate(sr_rows(committee, size))
        ]
        content = xlsx(SR_HEADER, rows)
        with CaptureQueriesContext(connection) as uploading:
            assert upload(client, sr_council, content).status_code == 302
        with CaptureQueriesContext(connection) as checking:
            assert check_page(client).context["checked"].problems == []
        counts[size] = (len(uploading), len(checking))
    assert counts[10] == counts[1000]


def test_a_historical_plan_is_not_overdue_and_a_bad_date_is_named_in_its_column(
    client, officer, sr_council, committee
):
    """Issue 10.3: a 2024 report with one recommendation the tracker leaves unanswered is
    imported awaiting its answer, but not overdue; a bad received date is named as such."""
    header = [*SR_HEADER, "Executive date"]
    rows = [(*row, "20/06/2025") for row in sr_rows(committee, 2)]
    rows[1] = (*rows[1][:6], "", "", "", "", "", "", "", "", "20/06/2025")
    client.force_login(officer)
    upload(client, sr_council, xlsx(header, [(*rows[0][:14], "Midsummer")]))
    problems = check_page(client).context["checked"].problems
    assert [(p.row, p.column) for p in problems] == [(2, "Executive date")]
    upload(client, sr_council, xlsx(header, rows))
    assert check_page(client).context["checked"].problems == []
    client.post(reverse("followup:tracker_confirm"))
    plan = ActionPlan.objects.get(title="Review of Flooding")
    assert (plan.status, plan.received_on.isoformat()) == ("awaiting_response", "2025-06-20")
    assert (
        not RecommendationPart.objects.overdue().filter(recommendation__action_plan=plan).exists()
    )
