"""Which evidence files are accepted: by extension **and** by what the file really is.

An ``.exe`` renamed ``.pdf`` must not become a "PDF" that a colleague opens, so the
first bytes of every upload are checked against the signature of its type (``%PDF-``,
the PNG and JPEG signatures, a ZIP archive holding the parts of an OOXML or
OpenDocument file). The browser's content type is never trusted: the one stored
and sent back is the one of the type the file proved to be.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext

#: Used when the setting is absent: 10 MB.
DEFAULT_MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
#: Longest original file name kept (the model field's length).
MAX_NAME_LENGTH = 255


class EvidenceFileError(ValueError):
    """A file that is refused; ``message`` is Thai and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _starts_with(*signatures: bytes) -> Callable[[IO[bytes]], bool]:
    def check(stream: IO[bytes]) -> bool:
        stream.seek(0)
        head = stream.read(16)
        return any(head.startswith(s) for s in signatures)

    return check


def _ooxml(part: str) -> Callable[[IO[bytes]], bool]:
    """A Word/Excel/PowerPoint file: a ZIP with ``[Content_Types].xml`` and its main part."""

    def check(stream: IO[bytes]) -> bool:
        names = _zip_names(stream)
        return names is not None and "[Content_Types].xml" in names and part in names

    return check


def _opendocument(mimetype: str) -> Callable[[IO[bytes]], bool]:
    """An OpenDocument file: a ZIP whose ``mimetype`` entry names its type."""

    def check(stream: IO[bytes]) -> bool:
        if _zip_names(stream) is None:
            return False
        stream.seek(0)
        try:
            with zipfile.ZipFile(stream) as archive:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return False
                return archive.read(info).decode("ascii", "replace").strip() == mimetype
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            return False

    return check


def _zip_names(stream: IO[bytes]) -> set[str] | None:
    """The entry names of a ZIP archive (read from its directory, nothing unpacked)."""
    if not _starts_with(b"PK\x03\x04")(stream):
        return None
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


@dataclass(frozen=True)
class FileType:
    """An accepted kind of evidence file."""

    label: str
    content_type: str
    matches: Callable[[IO[bytes]], bool]


_PDF = FileType("PDF", "application/pdf", _starts_with(b"%PDF-"))
_PNG = FileType("PNG", "image/png", _starts_with(b"\x89PNG\r\n\x1a\n"))
_JPEG = FileType("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff"))

#: Accepted extensions (lower case, no dot) and what the file must then be.
FILE_TYPES: dict[str, FileType] = {
    "pdf": _PDF,
    "png": _PNG,
    "jpg": _JPEG,
    "jpeg": _JPEG,
    "docx": FileType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ooxml("word/document.xml"),
    ),
    "xlsx": FileType(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ooxml("xl/workbook.xml"),
    ),
    "pptx": FileType(
        "PPTX",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ooxml("ppt/presentation.xml"),
    ),
    "odt": FileType(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        _opendocument("application/vnd.oasis.opendocument.text"),
    ),
    "ods": FileType(
        "ODS",
        "application/vnd.oasis.opendocument.spreadsheet",
        _opendocument("application/vnd.oasis.opendocument.spreadsheet"),
    ),
}

#: What the upload page says is accepted.
ACCEPTED_LABEL = "PDF, รูปภาพ (PNG, JPEG), เอกสารสำนักงาน (DOCX, XLSX, PPTX, ODT, ODS)"
#: The ``accept`` attribute of the file input.
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in FILE_TYPES)


def max_evidence_bytes() -> int:
    """The largest evidence file accepted (setting ``ITAPLAN_MAX_EVIDENCE_BYTES``)."""
    return int(getattr(settings, "ITAPLAN_MAX_EVIDENCE_BYTES", DEFAULT_MAX_EVIDENCE_BYTES))


def size_text(size: int) -> str:
    """``10 MB``, ``2.5 MB``, ``300 KB``: a size as people read it."""
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} ไบต์"
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def clean_file_name(name: str) -> str:
    """The file's own name, without any folder, control characters or excess length.

    Thai names with spaces are kept as they are (in NFC), so the download carries
    the same name the officer gave the file.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > MAX_NAME_LENGTH:
        path = PurePath(name)
        suffix = path.suffix[:20]
        name = path.stem[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name


def file_type_of(name: str) -> FileType | None:
    """The accepted type a file name's extension claims, or ``None``."""
    return FILE_TYPES.get(PurePath(name).suffix.lower().lstrip("."))


def check_evidence_file(name: str, size: int, stream: IO[bytes]) -> FileType:
    """The type of an uploaded evidence file, or :class:`EvidenceFileError` saying why not.

    Checks, in order: the extension is one of :data:`FILE_TYPES`; the file is not
    empty; it is not larger than :func:`max_evidence_bytes`; its content is what
    the extension says.
    """
    shown = name or "ไม่มีชื่อ"
    kind = file_type_of(name)
    if kind is None:
        raise EvidenceFileError(
            gettext("ไฟล์ '%(shown)s': รับเฉพาะไฟล์ %(ACCEPTED_LABEL)s")
            % {"shown": shown, "ACCEPTED_LABEL": ACCEPTED_LABEL}
        )
    if size <= 0:
        raise EvidenceFileError(
            gettext("ไฟล์ '%(shown)s' ว่างเปล่า (0 ไบต์) กรุณาเลือกไฟล์ที่มีเนื้อหา") % {"shown": shown}
        )
    limit = max_evidence_bytes()
    if size > limit:
        raise EvidenceFileError(
            gettext("ไฟล์ '%(shown)s' มีขนาด %(value)s เกินขนาดสูงสุด %(value2)s ต่อไฟล์")
            % {"shown": shown, "value": size_text(size), "value2": size_text(limit)}
        )
    try:
        matches = kind.matches(stream)
    finally:
        stream.seek(0)
    if not matches:
        raise EvidenceFileError(
            gettext(
                "ไฟล์ '%(shown)s' ไม่ใช่ไฟล์ %(label)s จริง (เนื้อไฟล์ไม่ตรงกับนามสกุล) กรุณาตรวจสอบแล้วเลือกไฟล์ใหม่"
            )
            % {"shown": shown, "label": kind.label}
        )
    return kind
