"""Document bombs: a small .docx, .pdf or .txt whose text is huge is refused in Thai.

The files are built here, never stored.
"""

from __future__ import annotations

import io
import shutil
import tracemalloc
import zipfile
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from itaplan.lib.testing import BaseTestCase
from itaplan.results import textfiles
from itaplan.results.models import Result
from itaplan.results.textfiles import MAX_TEXT_CHARACTERS, ExtractError, extract_text

BODY = "word/document.xml"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(paragraphs: str) -> bytes:
    """A real .docx from python-docx with its body replaced by ``paragraphs``."""
    base = io.BytesIO()
    docx.Document().save(base)
    source = zipfile.ZipFile(base)
    body = f"<w:document {W}><w:body>{paragraphs}</w:body></w:document>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, body if info.filename == BODY else source.read(info))
    return out.getvalue()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_docx_expanding_past_the_body_limit_is_refused_before_parsing() -> None:
    data = docx_with_body(paragraph("ก" * 100) * 60_000)  # 18 MB of body
    assert len(data) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError) as refused:
            extract_text("bomb.docx", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "word/document.xml" in str(refused.value) and "(16 MB)" in str(refused.value)
    assert peak < 16 * 1024 * 1024


def test_a_docx_whose_text_passes_the_character_limit_is_refused_naming_it() -> None:
    data = docx_with_body(paragraph("ก" * 1000) * (MAX_TEXT_CHARACTERS // 1000 + 5))
    with pytest.raises(ExtractError) as refused:
        extract_text("long.docx", data)
    assert f"รับได้ไม่เกิน {MAX_TEXT_CHARACTERS:,} ตัวอักษร" in str(refused.value)


def test_a_text_file_over_the_character_limit_is_refused() -> None:
    with pytest.raises(ExtractError, match="ยาวเกินไป"):
        extract_text("long.txt", b"9" * (MAX_TEXT_CHARACTERS + 1))


def pdf_of_many_pages(pages: int, lines: int) -> bytes:
    """A PDF whose every page shows the same compressed content stream: tiny, huge text."""
    content = "BT /F1 6 Tf 20 780 Td 7 TL " + " ".join(f"({'A' * 90}) '" for _ in range(lines))
    stream = zlib.compress((content + " ET").encode())
    kids = " ".join(f"{n + 6} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>"
    ] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_pdf_whose_text_passes_the_limit_is_refused_not_read_whole() -> None:
    data = pdf_of_many_pages(pages=500, lines=100)  # 4.5 million characters of text
    assert len(data) < 200_000
    with pytest.raises(ExtractError) as refused:
        extract_text("bomb.pdf", data)
    assert "ข้อความในไฟล์ PDF ยาวเกินไป" in str(refused.value)
    assert f"{MAX_TEXT_CHARACTERS:,} ตัวอักษร" in str(refused.value)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_pdf_of_a_few_pages_is_still_read() -> None:
    assert extract_text("few.pdf", pdf_of_many_pages(pages=2, lines=3)).count("A" * 90) == 6


class DocumentBombUploadTestCase(BaseTestCase):
    def test_a_long_docx_upload_is_refused_on_the_form_and_nothing_is_stored(self) -> None:
        self.login(self.owner)
        data = docx_with_body(paragraph("๙" * 1000) * (MAX_TEXT_CHARACTERS // 1000 + 5))
        response = self.client.post(
            self.url("results:import_text"), {"file": SimpleUploadedFile("r.docx", data)}
        )
        self.assertContains(response, "ยาวเกินไป", status_code=400)
        self.assertFalse(Result.objects.exists())

    def test_pasted_text_over_the_character_limit_is_refused(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.url("results:import_text"), {"text": "1" * (textfiles.MAX_TEXT_CHARACTERS + 1)}
        )
        self.assertContains(response, "ยาวเกินไป", status_code=400)
