"""The upload check on spreadsheets to import: the right article before a type's name, and a
message that says what is wrong with a zip before anything else reads it."""

import io
import zipfile

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from scraip.common.spreadsheets import SpreadsheetField
from scraip.common.tests import workbooks as w
from scraip.common.uploads import CheckedFileField

SOUND = w.workbook([w.HEADER])


class ImportForm(forms.Form):
    spreadsheet = SpreadsheetField()


class ExcelOnlyForm(forms.Form):
    spreadsheet = CheckedFileField(extensions=["xlsx"])


def errors_for(name: str, content: bytes, form_class=ImportForm) -> list[str]:
    form = form_class(files={"spreadsheet": SimpleUploadedFile(name, content)})
    form.is_valid()
    return form.errors.get("spreadsheet", [])


def test_types_are_named_with_the_right_article():
    assert errors_for("t.pdf", b"%PDF", ExcelOnlyForm) == ["The file must be an Excel spreadsheet"]
    assert errors_for("t.pdf", b"%PDF") == ["The file must be a CSV file or an Excel spreadsheet"]


def test_the_field_takes_excel_and_csv_and_marks_its_input():
    assert errors_for("t.xlsx", SOUND) == []
    assert errors_for("t.csv", b"Item ID\n1\n") == []
    assert "data-spreadsheet-import" in str(ImportForm()["spreadsheet"])
    assert 'accept=".xlsx,.csv"' in str(ImportForm()["spreadsheet"])


def test_garbled_packed_data_is_named_damaged():
    """zlib's own error used to escape the check as a server error."""
    data = bytearray(SOUND)
    start = 30 + int.from_bytes(data[26:28], "little") + int.from_bytes(data[28:30], "little")
    data[start : start + 20] = b"\xff" * 20
    assert errors_for("t.xlsx", bytes(data)) == [
        "The file is damaged: it is not a complete Excel spreadsheet"
    ]
    assert errors_for("t.xlsx", SOUND[:-30]) == [
        "The file is damaged: it is not a complete Excel spreadsheet"
    ]


def test_a_zip_of_too_many_parts_is_refused_unread():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", w.CONTENT_TYPES)
        for number in range(1000):
            archive.writestr(str(number), "")
    assert errors_for("t.xlsx", buffer.getvalue()) == [
        "The file has 1,001 parts, far more than a real Excel spreadsheet has"
    ]


def test_an_old_or_password_protected_workbook_is_named():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert errors_for("t.xlsx", ole) == [
        "The file is password-protected or in the old format (.xls): save it as an Excel "
        "spreadsheet (.xlsx) without a password"
    ]
