"""The scoping report, on screen and as a PDF, with seed 002's eight sections in order."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from reviews.tests.helpers import page_text
from scraip.common.word import DOCX

pytestmark = pytest.mark.django_db

A4_POINTS = (595.28, 841.89)
SECTIONS = [
    "1. Aim of the review",
    "2. Why has this review been selected?",
    "3. Who will carry out the review?",
    "4. Officer support",
    "5. How the review will be carried out",
    "6. Cost and community implications",
    "7. What are the expected outputs?",
    "8. Timescale",
]


def fetch_pdf(client, user, review):
    client.force_login(user)
    response = client.get(reverse("reviews:scoping_pdf", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def pdf_texts(reader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def in_order(text: str, parts: list[str]) -> bool:
    positions = [text.index(part) for part in parts]
    return positions == sorted(positions)


def test_the_page_has_seed_002s_sections_in_order(client, swale_councillor, scoped_review):
    client.force_login(swale_councillor)
    text = page_text(client.get(reverse("reviews:scoping_report", args=[scoped_review.pk])))
    assert in_order(text, SECTIONS)
    assert (
        "Swale – Councillors Graham Tilley and Nina Pryce with substitutes Councillors "
        "Lisa Crane and/or Owen Harte" in text
    )
    assert "Cllr Ruth Ashdown chairs the group." in text
    assert "The main officer support will be Olive Officer, Overview and Scrutiny Officer" in text
    assert "the council of the group's chair" in text
    assert "Sam Swale (Swale) will help when and where needed." in text


def test_the_session_plan_is_numbered_with_vague_dates_and_lettered_parts(
    client, officer, scoped_review
):
    client.force_login(officer)
    text = page_text(client.get(reverse("reviews:scoping_report", args=[scoped_review.pk])))
    assert in_order(
        text,
        [
            "1. Session 1 – 10 September 2014",
            "2. Session 2 – Mid/Late September 2014",
            "C. Evidence C of Mid/Late September 2014.",
            "3. Members' survey – October 2014",
            "4. Session 3 – October 2014",
            "5. Session 4 – Early November 2014",
            "6. Session 5 – Mid/Late November 2014",
            "7. Report back: Joint meeting of the three scrutiny committees – December 2014",
        ],
    )


def test_the_pdf_is_a4_tagged_numbered_and_headed_with_the_review(client, officer, scoped_review):
    reader = fetch_pdf(client, officer, scoped_review)
    texts = pdf_texts(reader)
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4_POINTS[1], abs=1)
        assert f"Scoping report: {scoped_review.title}" in text
        assert f"Page {number} of {len(texts)}" in text
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == f"Scoping report: {scoped_review.title}"
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()


def test_the_pdf_reads_back_with_every_section_members_sessions_and_costs(
    client, officer, scoped_review
):
    text = " ".join(pdf_texts(fetch_pdf(client, officer, scoped_review)))
    assert in_order(text, SECTIONS)
    assert "Maidstone – Councillors Ruth Ashdown and Kevin Doyle" in text
    assert "2. Session 2 – Mid/Late September 2014" in text
    assert "Witnesses: Witness A 10 09" in text
    # 8 shared days at £350 split three ways, and 1.5 days paid by each council in full: the
    # total is the sum of the lines, and each council's cost shows its arithmetic.
    assert "1.5 days × £350 × 3 councils = £1,575" in text
    assert "Cost to Swale £2,800 ÷ 3 + £525 = £1,458.33" in text
    assert "Total 12.5 days £2,800 + £1,575 = £4,375" in text


def test_the_word_copy_has_every_section_members_sessions_and_costs(client, officer, scoped_review):
    client.force_login(officer)
    detail = client.get(reverse("reviews:detail", args=[scoped_review.pk])).content.decode()
    url = reverse("reviews:scoping_docx", args=[scoped_review.pk])
    assert url in detail
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == SECTIONS
    assert document.core_properties.title == f"Scoping report: {scoped_review.title}"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Maidstone – Councillors Ruth Ashdown and Kevin Doyle" in text
    assert "2. Session 2 – Mid/Late September 2014" in text
    (costs,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in costs.rows]
    assert rows[0] == ["Activity", "Support time", "Cost", "Paid by", "Comments"]
    assert ["Cost to Swale", "", "£2,800 ÷ 3 + £525 = £1,458.33", "", ""] in rows
    assert rows[-1] == ["Total", "12.5 days", "£2,800 + £1,575 = £4,375", "", ""]


def test_a_session_is_never_split_across_pages(client, officer, scoped_review):
    from reviews.models import ActivityPart, number_steps

    filler = "The group will hear how decisions are taken and communicated. " * 12
    for part in ActivityPart.objects.all():
        part.description = f"{filler}End of part {part.pk}."
        part.save()
    texts = pdf_texts(fetch_pdf(client, officer, scoped_review))
    assert len(texts) > 2
    for activity in number_steps(scoped_review.activities.all()):
        heading = f"{activity.step}. {activity.label} –"
        pages = {index for index, text in enumerate(texts) if heading in text}
        for part in activity.parts.all():
            pages |= {
                index for index, text in enumerate(texts) if f"End of part {part.pk}." in text
            }
        assert len(pages) == 1, f"{activity.label} is on pages {sorted(pages)}"


def test_a_council_taking_no_part_cannot_print_it(client, kent_officer, scoped_review):
    client.force_login(kent_officer)
    assert client.get(reverse("reviews:scoping_pdf", args=[scoped_review.pk])).status_code == 404
