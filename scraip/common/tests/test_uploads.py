import io
import re
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from weasyprint import HTML

from scraip.common.uploads import (
    CheckedFileField,
    FileCheck,
    SafeUploadTo,
    safe_download_response,
    stored_name,
)

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def zip_of(**entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name.replace("__", "[Content_Types].xml"), content)
    return buffer.getvalue()


def office_file(main_part: str) -> bytes:
    content_types = f'<Types><Override PartName="/main.xml" ContentType="{main_part}"/></Types>'
    return zip_of(__=content_types, main_xml="<document/>")


class EvidenceForm(forms.Form):
    evidence = CheckedFileField()


class PdfOnlyForm(forms.Form):
    evidence = CheckedFileField(extensions=["pdf"])


def errors_for(name: str, content: bytes, form_class=EvidenceForm) -> list[str]:
    form = form_class(files={"evidence": SimpleUploadedFile(name, content)})
    form.is_valid()
    return form.errors.get("evidence", [])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", MINIMAL_PDF),
        ("REPORT.PDF", MINIMAL_PDF),
        ("photo.png", PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"JFIF"),
        ("minutes.docx", office_file(DOCX_MAIN)),
        ("budget.xlsx", office_file(XLSX_MAIN)),
        ("notes.odt", zip_of(mimetype="application/vnd.oasis.opendocument.text")),
        ("figures.ods", zip_of(mimetype="application/vnd.oasis.opendocument.spreadsheet")),
        ("notes.txt", "Café minutes, 1 October 2026".encode()),
        ("figures.csv", b"ward,count\nHigh Street,3\n"),
    ],
)
def test_genuine_files_are_accepted(name, content):
    assert errors_for(name, content) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", PNG, "The file is not a real PDF"),
        ("minutes.docx", zip_of(readme_txt="just a zip"), "The file is not a real Word document"),
        ("minutes.docx", office_file(XLSX_MAIN), "The file is not a real Word document"),
        ("minutes.docx", MINIMAL_PDF, "The file is not a real Word document"),
        (
            "notes.odt",
            zip_of(mimetype="application/zip"),
            "The file is not a real OpenDocument text",
        ),
        ("photo.png", b"GIF89a", "The file is not a real PNG image"),
        ("notes.txt", b"binary\x00data", "The file is not a real text file"),
        (
            "figures.csv",
            b"\xff\xfe not utf-8",
            "The file is not a real CSV file: it must be UTF-8 text (in Excel, save it as "
            "“CSV UTF-8 (Comma delimited)”)",
        ),
    ],
)
def test_content_must_match_the_extension(name, content, message):
    assert errors_for(name, content) == [message]


def image(format_: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format_)
    return buffer.getvalue()


def test_real_documents_and_images_pass():
    pdf = HTML(string="<h1>Review of Partnerships</h1>").write_pdf()
    assert errors_for("review.pdf", pdf) == []
    assert errors_for("photo.png", image("PNG")) == []
    assert errors_for("photo.jpeg", image("JPEG")) == []
    assert errors_for("photo.png", image("JPEG")) == ["The file is not a real PNG image"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Word's macro-enabled document declares its own type: it cannot pass as a .docx.
        ("minutes.docx", office_file(DOCM_MAIN), "The file is not a real Word document"),
        (
            "minutes.docx",
            b"PK\x03\x04 cut short",
            "The file is damaged: it is not a complete Word document",
        ),
        ("review.pdf", MINIMAL_PDF[:40], "The file is not a real PDF"),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_disguised_and_broken_files_are_refused(name, content, message):
    assert errors_for(name, content) == [message]


def test_the_cleaned_file_carries_its_checked_type():
    form = EvidenceForm(files={"evidence": SimpleUploadedFile("a.pdf", MINIMAL_PDF, "text/html")})
    assert form.is_valid()
    assert form.cleaned_data["evidence"].file_type.content_type == "application/pdf"
    assert form["evidence"].as_widget().count('accept=".pdf,') == 1


def test_model_fields_check_uploads_with_file_check():
    check = FileCheck(["PDF"])
    check(SimpleUploadedFile("report.pdf", MINIMAL_PDF))
    with pytest.raises(ValidationError, match="The file is not a real PDF"):
        check(SimpleUploadedFile("report.pdf", PNG))
    with pytest.raises(ValidationError, match="The file must be a PDF"):
        check(SimpleUploadedFile("photo.png", PNG))
    # Migrations record it: the default must stay argument-free and the path stable.
    assert FileCheck().deconstruct() == ("scraip.common.uploads.FileCheck", (), {})
    with pytest.raises(ValueError, match="No content check for exe"):
        FileCheck(["exe"])


def pdf_of_size(size: int) -> bytes:
    """A PDF made bigger by a comment inside it, so it still ends with %%EOF."""
    padding = b"%" + b" " * (size - len(MINIMAL_PDF) - 2) + b"\n"
    return MINIMAL_PDF.replace(b"trailer", padding + b"trailer")


def test_files_over_the_limit_are_refused(settings):
    settings.SCRAIP_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    assert errors_for("big.pdf", pdf_of_size(2 * 1024 * 1024 + 1)) == [
        "The file must be smaller than 2 MB"
    ]
    assert errors_for("fits.pdf", pdf_of_size(2 * 1024 * 1024)) == []


def test_the_default_limit_is_10_mb(settings):
    del settings.SCRAIP_MAX_UPLOAD_BYTES  # absent, as in a deployment that never sets it
    oversized = pdf_of_size(10 * 1024 * 1024 + 1)
    assert errors_for("big.pdf", oversized) == ["The file must be smaller than 10 MB"]
    assert errors_for("fits.pdf", pdf_of_size(10 * 1024 * 1024)) == []


def test_types_outside_the_allowed_list_are_refused():
    assert errors_for("tool.exe", b"MZ\x90\x00") == [
        "The file must be a CSV file, Excel spreadsheet, JPEG image, OpenDocument spreadsheet, "
        "OpenDocument text, PDF, PNG image, PowerPoint presentation, Word document or text file"
    ]
    assert errors_for("photo.png", PNG, PdfOnlyForm) == ["The file must be a PDF"]
    assert errors_for("no-extension", MINIMAL_PDF, PdfOnlyForm) == ["The file must be a PDF"]


STORED = re.compile(r"^[a-z0-9-]+-[0-9a-f]{32}\.[a-z]+$")


@pytest.mark.parametrize(
    ("uploaded_as", "stem", "extension"),
    [
        ("Annual Report 2026.PDF", "annual-report-2026", "pdf"),
        ("../../etc/passwd.pdf", "passwd", "pdf"),
        ("..\\..\\windows\\system.ini.pdf", "systemini", "pdf"),
        ("Résumé – Überprüfung.docx", "resume-uberprufung", "docx"),
        ("報告書.pdf", "file", "pdf"),
        ("---.pdf", "file", "pdf"),
    ],
)
def test_stored_names_are_our_own(uploaded_as, stem, extension):
    name = stored_name(uploaded_as)
    assert STORED.match(name), name
    assert name.startswith(f"{stem}-")
    assert name.endswith(f".{extension}")
    assert stored_name(uploaded_as) != name  # a uuid each time, so no upload replaces another


def test_upload_to_puts_files_in_their_folder():
    upload_to = SafeUploadTo("evidence")
    path = upload_to(None, "../../etc/passwd.pdf")
    assert path.startswith("evidence/passwd-")
    assert ".." not in path
    assert SafeUploadTo("evidence").deconstruct() == (
        "scraip.common.uploads.SafeUploadTo",
        ("evidence",),
        {},
    )


@pytest.fixture
def stored_file(tmp_path):
    class Stored:
        """Stands for a model's FieldFile: a name in a storage."""

        def __init__(self, name, content):
            self.storage = FileSystemStorage(location=tmp_path)
            self.name = self.storage.save(name, ContentFile(content))

        def open(self, mode="rb"):
            return self.storage.open(self.name, mode)

    return Stored


@pytest.mark.parametrize(
    ("download_name", "filename"),
    [
        ("Annual report 2026", "annual-report-2026.pdf"),
        ('evil"; filename=x.html', "evil-filenamexhtml.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("report.docx", "report.pdf"),
        ("report.html", "reporthtml.pdf"),
    ],
)
def test_downloads_are_attachments_typed_by_the_checked_extension(
    stored_file, download_name, filename
):
    response = safe_download_response(stored_file("report.pdf", MINIMAL_PDF), download_name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    response.file_to_stream.close()


def test_download_names_keep_unicode_safely(stored_file):
    response = safe_download_response(stored_file("notes.txt", b"hello"), "Réunion 報告")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''r%C3%A9union-%E5%A0%B1%E5%91%8A.txt"
    )
    response.file_to_stream.close()


def test_a_stored_file_that_fails_its_check_is_sent_as_binary(stored_file):
    response = safe_download_response(stored_file("report.pdf", b"<script>"), "report")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    response.file_to_stream.close()


def test_unknown_stored_types_are_never_rendered(stored_file):
    response = safe_download_response(stored_file("page.html", b"<script>"), "page")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    response.file_to_stream.close()
