"""The SCRAIP as a Word document, for the committee report that quotes it: each test downloads
the .docx through the view and opens it with python-docx, as the officer's Word would."""

import io

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from scraip.common.word import DOCX
from scraip.councils.tests.factories import OfficerFactory, UserFactory
from scraip.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def fetch_word(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan_docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert 'filename="scraip-review-of-partnerships.docx"' in response["Content-Disposition"]
    return docx.Document(io.BytesIO(response.content))


def cell_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_plan_page_offers_the_word_copy(client, officer, responded_plan):
    client.force_login(officer)
    page = client.get(responded_plan.get_absolute_url()).content.decode()
    assert reverse("plans:plan_docx", args=[responded_plan.pk]) in page


def test_headings_use_words_styles_and_the_title_and_language_are_set(
    client, officer, responded_plan
):
    document = fetch_word(client, officer, responded_plan)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert headings == [
        ("Title", "SCRAIP: Review of Partnerships"),
        ("Heading 1", "Scrutiny Committee Recommendation Action and Implementation Plan (SCRAIP)"),
        ("Heading 2", "Dates to report back on action taken to the committee"),
        ("Heading 2", "Recommendations and responses"),
    ]
    assert document.core_properties.title == "SCRAIP: Review of Partnerships"
    assert document.core_properties.language == "en-GB"
    language = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    details = [p.text for p in document.paragraphs if p.style.name == "Normal"]
    assert "Date of publication: 17 September 2026" in details
    assert "Response due by: 1 December 2026" in details
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape, as the PDF
    assert section.header.paragraphs[0].text == "SCRAIP: Review of Partnerships"


def test_the_tables_hold_the_report_backs_and_every_answer(client, officer, responded_plan):
    report_backs, recommendations = fetch_word(client, officer, responded_plan).tables
    assert cell_texts(report_backs) == [
        ["Update", "Date", "Completed?", "Note"],
        ["1st", "1 April 2027", "Yes", "Definition adopted by full council."],
        ["2nd", "October 2027", "No", ""],
        ["3rd", "27 November 2027", "No", ""],
    ]
    rows = cell_texts(recommendations)
    assert rows[0] == ["Recommendation", "Cabinet member", "Response", "Timetable", "Lead officer"]
    by_letter = {row[0].split("\n")[0]: row for row in rows[1:]}
    a = by_letter["Recommendation A"]
    assert "(i) Adopt it." in a[0] and "(ii) Keep a database." in a[0]
    assert a[1] == "Leader of the Council\nCllr Alice Leader"
    assert "(i) Accepted. The definition should be adopted." in a[2]
    assert "Action: Adopt the definition." in a[2]
    assert "(ii) Partially accepted. A database of priority partnerships only." in a[2]
    assert a[3] == "(i) March 2027\n(ii) Mid/Late September 2027"
    assert a[4] == "(i) Liam Lead\n(ii) Liam Lead"
    assert by_letter["Recommendation G"][2] == (
        "Rejected. The council website already lists its partners."
    )
    assert by_letter["Recommendation C"][2] == "Awaiting response."
    # The header row is marked to repeat on every page; no answer's row splits across two.
    header_row, *answer_rows = recommendations.rows
    assert header_row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in answer_rows)


def test_a_draft_says_so_on_every_page_and_prints_no_answers(client, officer, responded_plan):
    ActionPlan.objects.filter(pk=responded_plan.pk).update(status=ActionPlan.Status.DRAFT)
    document = fetch_word(client, officer, responded_plan)
    assert document.sections[0].header.paragraphs[0].text.startswith("DRAFT.")
    assert "Response due by" not in "\n".join(p.text for p in document.paragraphs)
    rows = cell_texts(document.tables[1])
    assert all(row[2] == "" for row in rows[1:])


def test_only_those_who_may_read_the_plan_get_its_word_copy(
    client, other_authority, responded_plan, councillor
):
    outsider = UserFactory(username="outsider")
    OfficerFactory(authority=other_authority, user=outsider, in_scrutiny_team=True)
    client.force_login(outsider)
    assert client.get(reverse("plans:plan_docx", args=[responded_plan.pk])).status_code == 404
    client.logout()
    anonymous = client.get(reverse("plans:plan_docx", args=[responded_plan.pk]))
    assert anonymous.status_code == 302
    client.force_login(councillor)
    assert client.get(reverse("plans:plan_docx", args=[responded_plan.pk])).status_code == 200
