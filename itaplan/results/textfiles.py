"""Text out of an uploaded result document: .txt, .docx or .pdf.

The parser reads plain text with tab-separated tables, so a DOCX table row
becomes its cells joined by tabs, and a PDF goes through poppler's
``pdftotext -layout`` (Debian package ``poppler-utils``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

PDF_TIMEOUT_SECONDS = 30


class ExtractError(ValueError):
    """The file cannot be turned into text; the message says why, in Thai."""


def extract_text(filename: str, data: bytes) -> str:
    """The text of an uploaded document; raise :class:`ExtractError` with a Thai reason."""
    name = filename.lower()
    if not data:
        raise ExtractError("ไฟล์ว่างเปล่า")
    if name.endswith(".docx"):
        return docx_text(data)
    if name.endswith(".pdf"):
        return pdf_text(data)
    if name.endswith(".txt"):
        return plain_text(data)
    raise ExtractError("รับเฉพาะไฟล์ .txt, .docx หรือ .pdf")


def plain_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-874/TIS-620."""
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ExtractError("อ่านไฟล์ข้อความไม่ได้ กรุณาบันทึกเป็น UTF-8 แล้วอัปโหลดใหม่")


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a DOCX in document order; table cells joined by tabs."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ExtractError("เปิดไฟล์ .docx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Word") from None
    except Exception:  # python-docx/lxml raise many kinds of errors on broken files
        raise ExtractError("เปิดไฟล์ .docx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Word") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_lines(table: object) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats: keep it once
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        lines.append("\t".join(cells))
    return lines


def pdftotext_path() -> str | None:
    """Where poppler's pdftotext is, or ``None`` when it is not installed."""
    return shutil.which("pdftotext")


def pdf_text(data: bytes) -> str:
    """Text of a PDF with its layout kept (``pdftotext -layout``)."""
    if not data.startswith(b"%PDF"):
        raise ExtractError("ไฟล์นี้ไม่ใช่ไฟล์ PDF")
    program = pdftotext_path()
    if program is None:
        raise ExtractError(
            "เครื่องแม่ข่ายนี้อ่านไฟล์ PDF ไม่ได้ เพราะยังไม่ได้ติดตั้งโปรแกรม pdftotext "
            "(แพ็กเกจ poppler-utils) กรุณาคัดลอกข้อความจาก PDF มาวางแทน"
        )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "upload.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [program, "-layout", "-enc", "UTF-8", str(source), "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ExtractError("อ่านไฟล์ PDF นานเกินไป กรุณาคัดลอกข้อความมาวางแทน") from None
    if done.returncode != 0:
        raise ExtractError("อ่านไฟล์ PDF ไม่ได้ ไฟล์อาจเสียหายหรือมีรหัสผ่าน")
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise ExtractError("ไฟล์ PDF นี้ไม่มีข้อความ (อาจเป็นภาพสแกน) กรุณาพิมพ์คะแนนในแบบฟอร์มแทน")
    return text
