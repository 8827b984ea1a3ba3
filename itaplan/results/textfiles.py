"""Text out of an uploaded result document: .txt, .docx or .pdf.

The parser reads plain text with tab-separated tables, so a DOCX table row
becomes its cells joined by tabs, and a PDF goes through poppler's
``pdftotext -layout`` (Debian package ``poppler-utils``).
"""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from itaplan.lib.archives import ArchiveTooLarge, Limits, check_archive, megabytes

PDF_TIMEOUT_SECONDS = 30
#: The text a result document may hold: the longest seed is 80,000 characters.
MAX_TEXT_CHARACTERS = 1_000_000
#: A DOCX's main part, uncompressed (python-docx builds its whole tree in memory).
MAX_DOCX_BODY_BYTES = 16 * 1024 * 1024
#: Memory pdftotext may use, in bytes.
PDF_MEMORY_BYTES = 512 * 1024 * 1024


class ExtractError(ValueError):
    """The file cannot be turned into text; the message says why, in Thai."""


def extract_text(filename: str, data: bytes) -> str:
    """The text of an uploaded document; raise :class:`ExtractError` with a Thai reason."""
    name = filename.lower()
    if not data:
        raise ExtractError("ไฟล์ว่างเปล่า")
    if name.endswith(".docx"):
        return check_length(docx_text(data))
    if name.endswith(".pdf"):
        return check_length(pdf_text(data))
    if name.endswith(".txt"):
        return check_length(plain_text(data))
    raise ExtractError("รับเฉพาะไฟล์ .txt, .docx หรือ .pdf")


def too_long(length: int) -> str:
    return (
        f"ข้อความในไฟล์ยาวเกินไป ({length:,} ตัวอักษร) รับได้ไม่เกิน {MAX_TEXT_CHARACTERS:,} ตัวอักษร "
        "กรุณาคัดลอกเฉพาะส่วนที่เป็นผลการประเมินมาวางแทน"
    )


def check_length(text: str) -> str:
    """``text`` when it is within :data:`MAX_TEXT_CHARACTERS`; else a Thai refusal."""
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ExtractError(too_long(len(text)))
    return text


def read_file(path: Path) -> str:
    """Text of a result file on disk, read as an upload of that name would be: .docx and
    .pdf extracted, anything else decoded as :func:`plain_text`. The command line and the
    documents written from a file read through here."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"ไม่พบไฟล์ {path}") from None
    except OSError as exc:
        raise ExtractError(f"อ่านไฟล์ {path} ไม่ได้: {exc.strerror}") from None
    try:
        if path.suffix.lower() in (".docx", ".pdf"):
            return extract_text(path.name, data)
        return check_length(plain_text(data))
    except ExtractError as exc:
        raise ExtractError(f"{path}: {exc}") from None


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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(
                archive, "ไฟล์ .docx ", Limits(parts={"word/document.xml": MAX_DOCX_BODY_BYTES})
            )
        document = docx.Document(io.BytesIO(data))
    except ArchiveTooLarge as exc:
        raise ExtractError(str(exc)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ExtractError("เปิดไฟล์ .docx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Word") from None
    except Exception:  # python-docx/lxml raise many kinds of errors on broken files
        raise ExtractError("เปิดไฟล์ .docx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Word") from None
    lines: list[str] = []
    length = 0
    for block in document.iter_inner_content():
        found = _table_lines(block) if isinstance(block, Table) else [block.text]
        lines.extend(found)
        length += sum(len(line) + 1 for line in found)
        if length > MAX_TEXT_CHARACTERS:  # stop early: merged cells repeat text many times
            raise ExtractError(too_long(length))
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
    text = pdf_layer_text(data)
    if not text.strip():
        raise ExtractError("ไฟล์ PDF นี้ไม่มีข้อความ (อาจเป็นภาพสแกน) กรุณาพิมพ์คะแนนในแบบฟอร์มแทน")
    return text


def pdf_layer_text(data: bytes) -> str:
    """The text layer of a PDF (``pdftotext -layout``), empty for a scan without one."""
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
        output = Path(folder) / "upload.txt"
        try:
            command, limit = limited_command(
                [program, "-layout", "-enc", "UTF-8", str(source), str(output)]
            )
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
                check=False,
                preexec_fn=limit,
            )
        except subprocess.TimeoutExpired:
            raise ExtractError("อ่านไฟล์ PDF นานเกินไป กรุณาคัดลอกข้อความมาวางแทน") from None
        if done.returncode == -signal.SIGXFSZ:
            raise ExtractError(_pdf_too_long(4 * MAX_TEXT_CHARACTERS))
        if done.returncode != 0 or not output.exists():
            raise ExtractError("อ่านไฟล์ PDF ไม่ได้ ไฟล์อาจเสียหายหรือมีรหัสผ่าน")
        size = output.stat().st_size
        # UTF-8 takes up to 4 bytes a character: more bytes than that is too long for sure.
        if size > 4 * MAX_TEXT_CHARACTERS:
            raise ExtractError(_pdf_too_long(size))
        return output.read_bytes().decode("utf-8", errors="replace")


def _pdf_too_long(size: int) -> str:
    return (
        f"ข้อความในไฟล์ PDF ยาวเกินไป (เกิน {megabytes(size)}) รับได้ไม่เกิน "
        f"{MAX_TEXT_CHARACTERS:,} ตัวอักษร กรุณาคัดลอกเฉพาะส่วนที่เป็นผลการประเมินมาวางแทน"
    )


def limited_command(command: list[str]) -> tuple[list[str], Callable[[], None] | None]:
    """``command`` run under pdftotext's memory and output-size limits.

    util-linux's ``prlimit`` sets them and then runs the command, so no Python code runs
    between fork and exec: a ``preexec_fn`` there can deadlock a process with threads
    (the queue worker's threads, gunicorn's ``--threads``), the child stuck on a lock
    another thread held. Without ``prlimit`` the limits fall back to ``preexec_fn``.
    """
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return command, _limit_memory
    most = 4 * MAX_TEXT_CHARACTERS
    return [prlimit, f"--as={PDF_MEMORY_BYTES}", f"--fsize={most}", "--", *command], None


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    """pdftotext's memory and the size of the text file it writes."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY_BYTES, PDF_MEMORY_BYTES))
    most = 4 * MAX_TEXT_CHARACTERS
    resource.setrlimit(resource.RLIMIT_FSIZE, (most, most))


def xlsx_text(data: bytes, max_cells: int = 200_000) -> str:
    """Every non-empty cell of every sheet, row by row, cells joined by tabs (bounded)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, "ไฟล์ .xlsx ")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ArchiveTooLarge as exc:
        raise ExtractError(str(exc)) from None
    except Exception:  # openpyxl raises many kinds of errors on broken files
        raise ExtractError("เปิดไฟล์ .xlsx ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Excel") from None
    lines: list[str] = []
    seen = 0
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                seen += len(row)
                if cells:
                    lines.append("\t".join(cells))
                if seen > max_cells:
                    return "\n".join(lines)
    finally:
        book.close()
    return "\n".join(lines)
