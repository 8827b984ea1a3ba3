"""A deployment or one agency replaces the look of the DOCX documents by dropping a file."""

from __future__ import annotations

import io
from pathlib import Path

from django.test import override_settings
from docx import Document

from itaplan.documents import docx as writer
from itaplan.documents.services import docx_base_template


def _with_header(path: Path, text: str) -> Path:
    writer.write_base_template(path)
    doc = Document(str(path))
    doc.sections[0].header.paragraphs[0].text = text
    doc.save(str(path))
    return path


def test_without_files_the_built_in_look_is_used(tmp_path: Path) -> None:
    with override_settings(ITAPLAN_DOCX_TEMPLATES=tmp_path):
        assert docx_base_template("samruean") is None


def test_an_agency_file_wins_over_the_deployment_default(tmp_path: Path) -> None:
    _with_header(tmp_path / "default.docx", "หัวกระดาษของจังหวัด")
    own = _with_header(tmp_path / "samruean.docx", "หัวกระดาษ อบต.สามเรือน")
    with override_settings(ITAPLAN_DOCX_TEMPLATES=tmp_path):
        assert docx_base_template("samruean") == own
        assert docx_base_template("lumphli") == tmp_path / "default.docx"


def test_the_chosen_file_gives_the_document_its_header(tmp_path: Path) -> None:
    from itaplan.documents.tests.conftest import build_seed

    base = _with_header(tmp_path / "default.docx", "หัวกระดาษของจังหวัด")
    data = writer.measures_docx(build_seed("004").document, base_template=base)
    header = Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert header == "หัวกระดาษของจังหวัด"
