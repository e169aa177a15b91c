"""Documents of a review: checked by content on upload, downloaded only through a view that
checks the review may be seen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import ReviewDocument
from reviews.tests.factories import MINIMAL_PDF, DocumentFactory
from reviews.tests.helpers import page_text

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, review, name, content, **fields):
    body = {"kind": "agenda", "title": "", **fields, "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("reviews:document_upload", args=[review.pk]), body)


def download(client, document):
    return client.get(reverse("reviews:document_download", args=[document.pk]))


def test_an_officer_uploads_a_pdf_and_the_councils_taking_part_download_it(
    client, officer, swale_councillor, joint_review, media_root
):
    client.force_login(officer)
    response = upload(client, joint_review, "Evidence day agenda.pdf", MINIMAL_PDF)
    assert response.status_code == 302
    document = ReviewDocument.objects.get()
    assert document.title == "Evidence day agenda"
    assert (document.original_name, document.size, document.uploaded_by) == (
        "Evidence day agenda.pdf",
        len(MINIMAL_PDF),
        officer,
    )
    # Stored under a name of our making, inside the media folder.
    assert document.file.name.startswith("reviews/evidence-day-agenda-")
    assert (media_root / document.file.name).read_bytes() == MINIMAL_PDF

    client.force_login(swale_councillor)
    page = client.get(joint_review.get_absolute_url())
    assert document.get_absolute_url() in page.content.decode()
    assert "/media/" not in page.content.decode()
    file = download(client, document)
    assert file.status_code == 200
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"].startswith("attachment;")
    assert file["X-Content-Type-Options"] == "nosniff"
    assert b"".join(file.streaming_content) == MINIMAL_PDF


def test_a_council_taking_no_part_cannot_download(client, joint_review, kent_officer):
    document = DocumentFactory(review=joint_review)
    client.force_login(kent_officer)
    assert download(client, document).status_code == 404


def test_a_50_mb_upload_is_refused_with_a_clear_message(client, officer, joint_review):
    client.force_login(officer)
    big = MINIMAL_PDF + b"\x00" * (50 * 1024 * 1024)
    response = upload(client, joint_review, "minutes.pdf", big, title="Minutes of the day")
    assert response.status_code == 200
    text = page_text(response)
    assert "The file must be smaller than 10 MB" in text
    assert not ReviewDocument.objects.exists()
    # The rest of the form is kept; only the file must be chosen again.
    assert 'value="Minutes of the day"' in response.content.decode()
    assert "choose the file again" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", PNG, "The file is not a real PDF"),
        ("report.docx", MINIMAL_PDF, "The file is not a real Word document"),
        ("run-me.exe", b"MZ\x90\x00", "The file must be a"),
    ],
)
def test_a_mislabelled_or_unsupported_file_is_refused(
    client, officer, joint_review, name, content, message
):
    client.force_login(officer)
    response = upload(client, joint_review, name, content)
    assert message in page_text(response)
    assert not ReviewDocument.objects.exists()


def test_a_removed_document_is_kept_and_can_be_restored(client, officer, joint_review):
    document = DocumentFactory(review=joint_review)
    client.force_login(officer)
    response = client.post(reverse("reviews:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert download(client, document).status_code == 404
    assert "Removed documents" in page_text(client.get(joint_review.get_absolute_url()))
    client.post(reverse("reviews:document_restore", args=[document.pk]))
    assert download(client, document).status_code == 200


def test_only_the_reviews_officers_upload(client, councillor, joint_review):
    client.force_login(councillor)
    response = upload(client, joint_review, "agenda.pdf", MINIMAL_PDF)
    assert response.status_code == 403
    assert not ReviewDocument.objects.exists()
