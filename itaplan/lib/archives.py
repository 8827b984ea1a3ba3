"""Limits on ZIP-based uploads (.xlsx, .docx): what they expand to, checked before reading.

An Office file is a ZIP archive; a few kilobytes can expand to gigabytes. The sizes
declared in the archive's directory are also the most ``zipfile`` will ever
decompress for a part, so checking them first bounds every later read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext

#: The whole archive, uncompressed.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
#: Parts in one archive (a workbook or a document has a few dozen).
MAX_PARTS = 2_000


class ArchiveTooLarge(ValueError):
    """The archive expands beyond a limit; the message says which one, in Thai."""


@dataclass(frozen=True)
class Limits:
    """Uncompressed size limits: the whole archive, and some parts by name."""

    total: int = MAX_UNCOMPRESSED_BYTES
    #: part name (lower case) → the largest it may be
    parts: Mapping[str, int] | None = None


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_archive(archive: zipfile.ZipFile, kind: str, limits: Limits = Limits()) -> None:
    """Raise :class:`ArchiveTooLarge` when ``archive`` expands beyond ``limits``.

    ``kind`` names the file for the message (for example ``"ไฟล์ .xlsx"``).
    """
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ArchiveTooLarge(
            gettext("%(kind)sมีส่วนประกอบ %(count)s ส่วน เกินกว่าที่รับได้ (%(limit)s ส่วน)")
            % {"kind": kind, "count": f"{len(infos):,}", "limit": f"{MAX_PARTS:,}"}
        )
    total = 0
    for info in infos:
        total += info.file_size
        cap = (limits.parts or {}).get(info.filename.lower())
        if cap is not None and info.file_size > cap:
            raise ArchiveTooLarge(
                gettext("%(kind)sมีส่วน %(part)s ที่ขยายแล้วมีขนาด %(size)s เกินกว่าที่รับได้ (%(limit)s)")
                % {
                    "kind": kind,
                    "part": info.filename,
                    "size": megabytes(info.file_size),
                    "limit": megabytes(cap),
                }
            )
    if total > limits.total:
        raise ArchiveTooLarge(
            gettext(
                "%(kind)sเมื่อขยายแล้วมีขนาด %(size)s เกินกว่าที่รับได้ (%(limit)s) "
                "กรุณาลดขนาดไฟล์หรือแบ่งเป็นหลายไฟล์"
            )
            % {"kind": kind, "size": megabytes(total), "limit": megabytes(limits.total)}
        )
