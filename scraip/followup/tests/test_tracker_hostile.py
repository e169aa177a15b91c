"""Broken and hostile spreadsheets posted to the tracker import: each is refused on the form with
a message saying what is wrong, and nothing is saved. (tests/test_fuzz_forms.py posts thousands
more, generated, to every import page.)"""

import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scraip.common.tests import workbooks as w
from scraip.followup.models import ProgressUpdate

pytestmark = pytest.mark.django_db

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def corrupted(content: bytes) -> bytes:
    """The workbook with the packed bytes of its first part garbled: a zip that opens, whose
    data does not unpack."""
    data = bytearray(content)
    start = 30 + int.from_bytes(data[26:28], "little") + int.from_bytes(data[28:30], "little")
    data[start : start + 20] = b"\xff" * 20
    return bytes(data)


def too_many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, part in w.parts_for([w.HEADER]).items():
            archive.writestr(name, part)
        for number in range(1200):
            archive.writestr(f"padding/{number}.xml", "<a/>")
    return buffer.getvalue()


SOUND = w.workbook([w.HEADER, [1, "On track", "Done.", None]])
CASES = [
    ("cut short", "t.xlsx", SOUND[: len(SOUND) // 2], "The file is damaged: it is not a complete"),
    ("garbled", "t.xlsx", corrupted(SOUND), "The file is damaged: it is not a complete Excel"),
    ("zip bomb", "t.xlsx", w.zip_bomb(), "it unpacks to more than 100 MB"),
    (
        "lying sizes",
        "t.xlsx",
        w.with_declared_sizes(SOUND, 5),
        "The file is damaged: it is not a complete Excel spreadsheet",
    ),
    ("too many parts", "t.xlsx", too_many_parts(), "The file has 1,205 parts, far more than"),
    ("entities", "t.xlsx", w.xlsx({**w.parts_for([]), w.SHEET: w.ENTITY_BOMB}), "(a DOCTYPE or"),
    (
        "external entity",
        "t.xlsx",
        w.xlsx({**w.parts_for([]), w.SHEET: w.EXTERNAL_ENTITY}),
        "DOCTYPE",
    ),
    (
        "bad character reference",
        "t.xlsx",
        w.xlsx({**w.parts_for([]), w.SHEET: w.BROKEN_SHEETS[2]}),
        "reference to invalid character number",
    ),
    (
        "sheet missing",
        "t.xlsx",
        w.xlsx({name: part for name, part in w.parts_for([]).items() if name != w.SHEET}),
        "The workbook has no worksheet",
    ),
    ("huge dimension", "t.xlsx", w.workbook([w.HEADER], dimension="A1:XFD1048576"), "1,048,576"),
    ("old or locked Excel file", "t.xlsx", OLE, "password-protected or in the old format (.xls)"),
    ("CSV not in UTF-8", "t.csv", "Item ID,New update\n1,Café\n".encode("cp1252"), "UTF-8"),
    ("too many rows", "t.csv", b"Item ID,New status\n" + b"1,On track\n" * 5001, "5,000 rows"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_broken_file_is_refused_on_the_form(client, officer, followed, name, content, message):
    client.force_login(officer)
    for url in (
        reverse("followup:plan_tracker_import", args=[followed.plan.pk]),
        reverse("followup:committee_tracker_import", args=[followed.plan.committee_id]),
    ):
        response = client.post(url, {"spreadsheet": SimpleUploadedFile(name, content)})
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert "There is a problem" in page
        assert message in page
    assert not ProgressUpdate.objects.exists()


def test_hostile_text_is_imported_clean(client, officer, followed):
    client.force_login(officer)
    url = reverse("followup:plan_tracker_import", args=[followed.plan.pk])

    def post(narrative):
        content = w.workbook([w.HEADER, [followed.item_g.pk, "On track", narrative, None]])
        return client.post(url, {"spreadsheet": SimpleUploadedFile("t.xlsx", content)})

    # A raw control character cannot be in XML at all: the whole file is refused.
    page = html.unescape(post("Bell\x07").content.decode())
    assert "is not well-formed XML (not well-formed (invalid token)" in page
    # Excel writes it escaped: the import drops it, and a vertical tab becomes a line break.
    assert post("=cmd|' /C calc'!A0_x000B_next_x0007_").status_code == 302
    assert ProgressUpdate.objects.get().narrative == "=cmd|' /C calc'!A0\nnext"
