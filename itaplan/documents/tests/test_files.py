"""Writing a document straight from a result file, as the CLI does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from itaplan.documents.files import DocumentError, write_measures_document_from_file
from itaplan.documents.tests.conftest import SEEDS


def seed_path(key: str) -> Path:
    return next(SEEDS.glob(f"{key}_*.txt"))


def test_a_docx_is_written_from_a_seed_file_in_arabic_digits(tmp_path: Path) -> None:
    out = write_measures_document_from_file(
        seed_path("004"), tmp_path / "o27.docx", thai_digits=False, approver="นายสมชาย ใจดี"
    )
    doc = Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ประจำปีงบประมาณ พ.ศ. 2569" in text
    assert "(นายสมชาย ใจดี)" in text


def test_an_xlsx_and_an_html_are_written_too(tmp_path: Path) -> None:
    xlsx = write_measures_document_from_file(seed_path("003"), tmp_path / "o27.xlsx")
    html = write_measures_document_from_file(seed_path("003"), tmp_path / "o27.html")
    assert xlsx.read_bytes()[:2] == b"PK"
    assert "ผู้รับรองข้อมูล" in html.read_text(encoding="utf-8")


def test_an_unknown_format_is_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"\.odt"):
        write_measures_document_from_file(seed_path("004"), tmp_path / "o27.odt")


def test_a_text_without_a_year_is_refused_in_thai(tmp_path: Path) -> None:
    source = tmp_path / "result.txt"
    source.write_text("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 90.00\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="ปีงบประมาณ"):
        write_measures_document_from_file(source, tmp_path / "o27.docx")


def test_the_plan_year_can_be_given(tmp_path: Path) -> None:
    out = write_measures_document_from_file(
        seed_path("000"), tmp_path / "o27.docx", thai_digits=False, plan_year=2566
    )
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "ประจำปีงบประมาณ พ.ศ. 2566" in text


def test_a_missing_result_file_is_a_document_error_in_thai(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="ไม่พบไฟล์"):
        write_measures_document_from_file(tmp_path / "missing.txt", tmp_path / "o27.docx")


def test_the_documents_read_files_without_importing_the_command_line() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, itaplan.documents.files as f; import pathlib, tempfile;"
        "d = pathlib.Path(tempfile.mkdtemp());"
        "f.write_measures_document_from_file(pathlib.Path(sys.argv[1]), d / 'o27.html');"
        "print('itaplan.cli' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(seed_path("004"))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"
