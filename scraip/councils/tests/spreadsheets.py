"""Setup spreadsheets built in code, as XLSX or CSV, and the upload-then-confirm round trip."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scraip.common import spreadsheets


def sheet(header, rows, fmt: str = "csv") -> SimpleUploadedFile:
    if fmt == "csv":
        content = b"".join(spreadsheets.csv_lines(header=list(header), rows=rows))
    else:
        buffer = io.BytesIO()
        spreadsheets.write_xlsx(buffer, header=list(header), rows=rows)
        content = buffer.getvalue()
    return SimpleUploadedFile(f"setup.{fmt}", content)


def upload(client, authority, kind, file):
    return client.post(
        reverse("councils:bulk_upload", args=[authority.pk, kind]), {"spreadsheet": file}
    )


def confirm(client, authority, kind):
    return client.post(reverse("councils:bulk_confirm", args=[authority.pk, kind]))
