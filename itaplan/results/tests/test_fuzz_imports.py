"""Random and mutated XLSX, CSV, DOCX and PDF bytes fed to the import services.

Every case ends in a preview (rows or a draft) or in the Thai refusal the pages show
(:class:`SheetError`, :class:`ExtractError`, a Thai ``ValueError``); nothing else is
raised, and reading one file never needs more than a bounded amount of memory.
"""

from __future__ import annotations

import io
import re
import shutil
import tracemalloc
from collections.abc import Callable
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itaplan.agencies.models import Agency
from itaplan.lib.testing import csv_bytes, seed_text, sheet_row, xlsx_bytes
from itaplan.results.intake import draft_from_text
from itaplan.results.spreadsheet import SheetError, parse_rows, read_table
from itaplan.results.tests.test_textfiles import pdf_bytes
from itaplan.results.textfiles import ExtractError, extract_text

THAI = re.compile(r"[\u0e00-\u0e7f]")
MEMORY_BOUND = 96 * 1024 * 1024
AGENCY = Agency(code="samruean", name="องค์การบริหารส่วนตำบลสามเรือน")


def docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines()[:80]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SEEDS: dict[str, bytes] = {
    "xlsx": xlsx_bytes(sheet_row(), sheet_row(code="b", i4="1O5"), extra_sheets=1),
    "csv": csv_bytes(sheet_row(), sheet_row(code="b", year="๒๕๖๗")),
    "docx": docx_of(seed_text("004")),
    "pdf": pdf_bytes(["ITA 2568", "Indicator 1 99.29", "Indicator 2 99.05"]),
}


@st.composite
def mutated(draw: Any, seed: bytes) -> bytes:
    """``seed`` with a few flips, cuts, insertions or duplications, or random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=4096))
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if kind == "flip":
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[where : where + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "repeat":
            data[where:where] = data[where : where + draw(st.integers(1, 256))] * draw(
                st.integers(2, 50)
            )
        else:
            del data[where:]
    return bytes(data)


def bounded(read: Callable[[], Any]) -> Any:
    tracemalloc.start()
    try:
        result = read()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"{peak / 1024 / 1024:.0f} MB"
    return result


def preview_sheet(name: str, data: bytes) -> None:
    try:
        table = read_table(name, data, max_bytes=5 * 1024 * 1024)
    except SheetError as refused:
        assert refused.messages and all(THAI.search(m) for m in refused.messages)
        return
    rows, errors, _ = parse_rows(table)
    assert all(THAI.search(e) for e in errors)
    assert rows or errors


def preview_document(name: str, data: bytes) -> None:
    try:
        text = extract_text(name, data)
        draft_from_text(text, AGENCY, None, 2568, name)
    except (ExtractError, ValueError) as refused:
        assert THAI.search(str(refused)), str(refused)


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@FUZZ
@given(data=mutated(SEEDS["xlsx"]))
def test_mutated_xlsx_ends_in_a_preview_or_a_thai_refusal(data: bytes) -> None:
    bounded(lambda: preview_sheet("r.xlsx", data))


@FUZZ
@given(data=st.one_of(mutated(SEEDS["csv"]), st.text(max_size=2000).map(str.encode)))
def test_mutated_csv_ends_in_a_preview_or_a_thai_refusal(data: bytes) -> None:
    bounded(lambda: preview_sheet("r.csv", data))


@pytest.mark.django_db
@FUZZ
@given(data=mutated(SEEDS["docx"]))
def test_mutated_docx_ends_in_a_draft_or_a_thai_refusal(data: bytes) -> None:
    bounded(lambda: preview_document("r.docx", data))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.django_db
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(data=mutated(SEEDS["pdf"]))
def test_mutated_pdf_ends_in_a_draft_or_a_thai_refusal(data: bytes) -> None:
    bounded(lambda: preview_document("r.pdf", data))


@pytest.mark.django_db
@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text_ends_in_a_draft_or_a_thai_refusal(text: str) -> None:
    bounded(lambda: preview_document("r.txt", text.encode()))
