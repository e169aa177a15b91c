"""Uploaded files: capped in size, checked by their content, stored and served under safe names.

For a form, `CheckedFileField`; on a model's FileField, `FileCheck()` as a validator (so the
admin checks too) and `SafeUploadTo("folder")` as `upload_to`; to hand a stored file back,
`safe_download_response`. A file is accepted only if its extension is allowed and its bytes are
what that extension claims: a PNG renamed .pdf, a plain zip renamed .docx or a macro-enabled
workbook renamed .xlsx is refused. The cap is SCRAIP_MAX_UPLOAD_BYTES (10 MB unless set); Django
reads the whole request before a form sees the file, so the web server in front should refuse
much larger request bodies itself.
"""

import codecs
import os
import re
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Enough of a file to see its signature, and the most of a zip's manifest worth reading.
HEAD_BYTES = 2048
MANIFEST_MAX_BYTES = 1024 * 1024
# More parts than any real office document has; a zip listing more is refused before its
# directory is read (a directory of a million tiny entries would take seconds and much memory).
MAX_ZIP_PARTS = 1000
# A zip ends with this record (after a comment of at most 65,535 bytes), which counts its parts.
_END_OF_DIRECTORY = struct.Struct("<4s4H2LH")
# Old Office files (.xls, .doc) and password-protected new ones are OLE compound files.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_upload_bytes() -> int:
    return getattr(settings, "SCRAIP_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def _read_head(file, size: int = HEAD_BYTES) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _is_pdf(file) -> bool:
    if not _read_head(file).startswith(b"%PDF-"):
        return False
    # A real PDF ends with %%EOF, give or take trailing whitespace.
    file.seek(max(file.size - 1024, 0))
    tail = file.read()
    file.seek(0)
    return b"%%EOF" in tail


def _starts_with(signature: bytes) -> Callable:
    return lambda file: _read_head(file).startswith(signature)


def zip_part_count(file) -> int | None:
    """How many parts a zip says it holds, read from its last bytes before anything else, or
    None if the file does not end as a zip does (not a zip, or cut short)."""
    size = file.seek(0, os.SEEK_END)
    file.seek(max(0, size - _END_OF_DIRECTORY.size - 65535))
    tail = file.read()
    file.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END_OF_DIRECTORY.size:
        return None
    return _END_OF_DIRECTORY.unpack_from(tail, at)[4]


class DamagedZip(Exception):
    """A zip whose directory opens but whose data does not unpack: cut short or garbled."""


def _zip_member(file, name: str) -> bytes | None:
    """One member of a zip upload, or None if the upload is not a zip that holds it (encrypted,
    oddly compressed, too many parts or a member missing all mean "not this type"); DamagedZip
    if its data is broken."""
    if _read_head(file, 4) != b"PK\x03\x04":
        return None
    if (zip_part_count(file) or MAX_ZIP_PARTS + 1) > MAX_ZIP_PARTS:
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            info = archive.getinfo(name)
            if info.file_size > MANIFEST_MAX_BYTES:
                return None
            return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise DamagedZip from None
    except (KeyError, NotImplementedError, RuntimeError, ValueError, OSError):
        return None
    finally:
        file.seek(0)


def _matches(file_type, file) -> bool:
    try:
        return file_type.matches(file)
    except DamagedZip:
        return False


def _office_document(main_part_type: str) -> Callable:
    """Office Open XML: a zip whose [Content_Types].xml declares the document's main part. A
    macro-enabled document declares a different type, so it cannot pass as .docx or .xlsx."""
    declaration = re.compile(
        rb"""ContentType\s*=\s*["']%s["']""" % re.escape(main_part_type.encode())
    )
    return lambda file: bool(declaration.search(_zip_member(file, "[Content_Types].xml") or b""))


def _opendocument(mimetype: str) -> Callable:
    """OpenDocument: a zip whose `mimetype` member names the kind of document."""
    return lambda file: _zip_member(file, "mimetype") == mimetype.encode()


def _is_utf8_text(file) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        for chunk in file.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        file.seek(0)
    return True


@dataclass(frozen=True)
class FileType:
    name: str
    content_type: str
    matches: Callable


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
_JPEG = FileType("JPEG image", "image/jpeg", _starts_with(b"\xff\xd8\xff"))
# Keyed by extension, lower case and without its dot.
FILE_TYPES = {
    "pdf": FileType("PDF", "application/pdf", _is_pdf),
    "docx": FileType(
        "Word document",
        f"{_OOXML}.wordprocessingml.document",
        _office_document(f"{_OOXML}.wordprocessingml.document.main+xml"),
    ),
    "xlsx": FileType(
        "Excel spreadsheet",
        f"{_OOXML}.spreadsheetml.sheet",
        _office_document(f"{_OOXML}.spreadsheetml.sheet.main+xml"),
    ),
    "pptx": FileType(
        "PowerPoint presentation",
        f"{_OOXML}.presentationml.presentation",
        _office_document(f"{_OOXML}.presentationml.presentation.main+xml"),
    ),
    "odt": FileType("OpenDocument text", f"{_ODF}.text", _opendocument(f"{_ODF}.text")),
    "ods": FileType(
        "OpenDocument spreadsheet", f"{_ODF}.spreadsheet", _opendocument(f"{_ODF}.spreadsheet")
    ),
    "png": FileType("PNG image", "image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "txt": FileType("text file", "text/plain; charset=utf-8", _is_utf8_text),
    "csv": FileType("CSV file", "text/csv; charset=utf-8", _is_utf8_text),
}


def _base_name(name: str) -> str:
    """The last part of a path from any system: "..\\..\\x.pdf" and "../../x.pdf" give "x.pdf"."""
    return PurePosixPath(name.replace("\\", "/")).name


def _extension(name: str) -> str:
    return PurePosixPath(_base_name(name)).suffix.lower().removeprefix(".")


def _size_text(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _with_article(name: str) -> str:
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def _type_list(extensions: Iterable[str]) -> str:
    """ "a PDF", "a CSV file or an Excel spreadsheet", "a CSV file, Excel spreadsheet… or text
    file"."""
    names = sorted({FILE_TYPES[extension].name for extension in extensions})
    if len(names) <= 2:
        return " or ".join(_with_article(name) for name in names)
    return f"{_with_article(names[0])}, {', '.join(names[1:-1])} or {names[-1]}"


def _damaged(file_type: FileType) -> str:
    return f"The file is damaged: it is not a complete {file_type.name}"


def _not_real(file, extension: str, file_type: FileType) -> str:
    """Why a file is not the type its extension says, as plainly as its first bytes tell."""
    head = _read_head(file, 8)
    if extension in ("docx", "xlsx", "pptx") and head.startswith(_OLE_SIGNATURE):
        return (
            f"The file is password-protected or in the old format (.{extension[:-1]}): save it "
            f"as {_with_article(file_type.name)} (.{extension}) without a password"
        )
    parts = zip_part_count(file) if head.startswith(b"PK\x03\x04") else 0
    if parts is None:
        return _damaged(file_type)
    if parts > MAX_ZIP_PARTS:
        return f"The file has {parts:,} parts, far more than a real {file_type.name} has"
    if extension == "csv":
        return (
            "The file is not a real CSV file: it must be UTF-8 text (in Excel, save it as "
            "“CSV UTF-8 (Comma delimited)”)"
        )
    return f"The file is not a real {file_type.name}"


def check_upload(file, extensions: Iterable[str] = tuple(FILE_TYPES)) -> FileType:
    """The file's type, once its size, extension and content all pass; ValidationError if not."""
    limit = max_upload_bytes()
    if file.size > limit:
        raise ValidationError(f"The file must be smaller than {_size_text(limit)}", code="size")
    extension = _extension(file.name or "")
    if extension not in extensions:
        raise ValidationError(f"The file must be {_type_list(extensions)}", code="extension")
    file_type = FILE_TYPES[extension]
    try:
        matches = file_type.matches(file)
    except DamagedZip:
        raise ValidationError(_damaged(file_type), code="content") from None
    if not matches:
        raise ValidationError(_not_real(file, extension, file_type), code="content")
    return file_type


def _known(extensions: Iterable[str]) -> tuple[str, ...]:
    extensions = tuple(extension.lower().removeprefix(".") for extension in extensions)
    unknown = set(extensions) - set(FILE_TYPES)
    if unknown:
        raise ValueError(f"No content check for {', '.join(sorted(unknown))}")
    return extensions


@deconstructible
class FileCheck:
    """A validator for a model's FileField, so the admin checks uploads too: see check_upload."""

    def __init__(self, extensions: Iterable[str] = tuple(FILE_TYPES)):
        self.extensions = _known(extensions)

    def __call__(self, file):
        check_upload(file, self.extensions)

    def __eq__(self, other):
        return isinstance(other, FileCheck) and self.extensions == other.extensions


class CheckedFileField(forms.FileField):
    """A file field for the given extensions (every type in FILE_TYPES unless told), checked by
    content and under the size cap. The cleaned file carries `file_type`, the checked type."""

    def __init__(self, *, extensions: Iterable[str] = tuple(FILE_TYPES), **kwargs):
        self.extensions = _known(extensions)
        super().__init__(**kwargs)
        # Lets the browser's file picker offer the right files; the server still checks.
        self.widget.attrs.setdefault("accept", ",".join(f".{ext}" for ext in self.extensions))

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            file.file_type = check_upload(file, self.extensions)
        return file


def stored_name(original_name: str) -> str:
    """A name to store an upload under: its slugified base name, a uuid so that no upload can
    replace or guess another, and its extension in lower case. Nothing of the original path
    survives: "../../etc/passwd.pdf" is stored as "passwd-<uuid>.pdf"."""
    stem = slugify(PurePosixPath(_base_name(original_name)).stem)[:40].strip("-") or "file"
    extension = re.sub(r"[^a-z0-9]", "", _extension(original_name))[:10]
    return f"{stem}-{uuid.uuid4().hex}" + (f".{extension}" if extension else "")


@deconstructible
class SafeUploadTo:
    """`upload_to` for a model's FileField: every upload goes in `folder` under stored_name.
    Give the field max_length=255: the folder, the name and its uuid add up."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder.strip('/')}/{stored_name(filename)}"

    def __eq__(self, other):
        return isinstance(other, SafeUploadTo) and self.folder == other.folder


def _download_name(name: str, extension: str) -> str:
    """The name offered to the browser: no path, no quotes or control characters, never empty,
    and always the stored file's own extension, whatever `name` ends in."""
    base = _base_name(name)
    if _extension(base) in FILE_TYPES:
        base = PurePosixPath(base).stem
    stem = slugify(base, allow_unicode=True)[:100].strip("-") or "download"
    return f"{stem}.{extension}" if extension else stem


def safe_download_response(file_field, download_name: str) -> FileResponse:
    """A stored upload, sent as an attachment so the browser never displays it as a page.

    The content type is that of the stored file's extension, and only if the stored bytes still
    pass that type's check; otherwise, and for any type not in FILE_TYPES, the browser is told
    only that it is binary data. Nothing the uploader sent decides it.
    """
    extension = _extension(file_field.name)
    file = file_field.open("rb")
    file_type = FILE_TYPES.get(extension)
    checked = file_type is not None and _matches(file_type, File(file))
    response = FileResponse(
        file,
        as_attachment=True,
        filename=_download_name(download_name, extension),
        content_type=file_type.content_type if checked else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
