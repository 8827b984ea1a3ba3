"""Text out of uploaded .txt, .docx and .pdf files."""

from __future__ import annotations

import io
import shutil

import docx
import pytest

from itaplan.results import textfiles
from itaplan.results.textfiles import ExtractError, extract_text


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"
    table.cell(0, 1).text = "๙๙.๒๙"
    table.cell(1, 0).text = "o13 การเปิดเผยข้อมูล"
    table.cell(1, 1).text = "50.00"
    document.add_paragraph("ท้ายเอกสาร")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII lines in Helvetica (enough for pdftotext)."""
    content = "BT /F1 12 Tf 72 750 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_docx_paragraphs_and_table_rows_come_in_document_order() -> None:
    text = extract_text("ผล.docx", docx_bytes())
    assert text.splitlines() == [
        "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘",
        "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่\t๙๙.๒๙",
        "o13 การเปิดเผยข้อมูล\t50.00",
        "ท้ายเอกสาร",
    ]


def test_a_broken_docx_is_refused_in_thai() -> None:
    with pytest.raises(ExtractError, match="docx"):
        extract_text("a.docx", b"PK\x03\x04 not really")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_text_keeps_the_layout() -> None:
    text = extract_text("a.pdf", pdf_bytes(["o13   50.00", "o12   100"]))
    assert "o13" in text and "50.00" in text


def test_without_pdftotext_the_user_is_told_in_thai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textfiles, "pdftotext_path", lambda: None)
    with pytest.raises(ExtractError, match="pdftotext"):
        extract_text("a.pdf", pdf_bytes(["x"]))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"not a pdf", "ไม่ใช่ไฟล์ PDF"),
        ("a.txt", b"", "ว่างเปล่า"),
        ("a.exe", b"MZ", "รับเฉพาะไฟล์"),
        ("a.txt", b"\x00\x01\x02", "อ่านไฟล์ข้อความไม่ได้"),
    ],
)
def test_unusable_files_are_refused_in_thai(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        extract_text(name, data)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_broken_pdf_is_refused_in_thai() -> None:
    with pytest.raises(ExtractError, match="PDF"):
        extract_text("a.pdf", b"%PDF-1.4 broken")


def test_text_files_in_thai_windows_encoding_are_read() -> None:
    assert extract_text("a.txt", "ตัวชี้วัดที่ 1\t98.64".encode("cp874")) == "ตัวชี้วัดที่ 1\t98.64"


def test_pdftotext_runs_under_prlimit_so_no_python_runs_between_fork_and_exec() -> None:
    # A preexec_fn deadlocked the queue worker's threads (a forked child stuck on a lock).
    import shutil

    from itaplan.results.textfiles import limited_command

    command, preexec = limited_command(["pdftotext", "a.pdf", "a.txt"])
    if shutil.which("prlimit"):
        assert preexec is None
        assert command[0].endswith("prlimit") and command[-3:] == ["pdftotext", "a.pdf", "a.txt"]
        assert any(part.startswith("--as=") for part in command)


def test_pdf_text_from_many_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from itaplan.readiness.tests.site import pdf_with_text
    from itaplan.results.textfiles import pdf_layer_text

    data = pdf_with_text("แผนการจัดซื้อจัดจ้าง พ.ศ. ๒๕๖๘")
    with ThreadPoolExecutor(max_workers=8) as pool:
        texts = list(pool.map(lambda _: pdf_layer_text(data), range(32)))
    assert all("จัดซื้อจัดจ้าง" in t for t in texts)
