"""Documents built from the seed texts with no database: parse → check → suggest → document.

Rendered files are kept in ``test-artifacts/documents/`` so a person can open them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument

from itaplan.documents.build import find_location, measures_document_from_result
from itaplan.documents.model import (
    Agency,
    Approval,
    Evidence,
    MeasuresDocument,
    ProgressDocument,
    ProgressRow,
    Status,
)
from itaplan.documents.pdftext import actual_text
from itaplan.domain import criteria
from itaplan.domain.checking import CheckReport, check_parsed
from itaplan.domain.knowledge import KnowledgeBase, default_selection, load_knowledge, suggest
from itaplan.domain.parsing import parse_result_text

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "itaplan" / "demo" / "seeds"
ARTIFACTS = ROOT / "test-artifacts" / "documents"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\u00ad"))

#: seed → the digits its agency prints in (one Arabic, the others Thai).
SEED_DIGITS = {"000": False, "003": True, "004": True}
APPROVER = Approval("นายสมชาย ใจดี", "นายกองค์การบริหารส่วนตำบลสามเรือน", dt.date(2025, 11, 14))


@dataclass(frozen=True)
class Seed:
    """A seed result, checked, with its suggestions and the document built from them."""

    key: str
    text: str
    report: CheckReport
    kb: KnowledgeBase
    document: MeasuresDocument


def seed_text(key: str) -> str:
    return next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")


@functools.cache
def build_seed(key: str) -> Seed:
    text = seed_text(key)
    parsed = parse_result_text(text)
    assert parsed.fiscal_year is not None
    report = check_parsed(parsed, criteria.load(parsed.fiscal_year))
    kb = load_knowledge(parsed.fiscal_year)
    suggestions = default_selection(suggest(report.assessment, kb))
    district, province = find_location(text)
    document = measures_document_from_result(
        report,
        Agency(parsed.agency or "", district, province),
        suggestions,
        kb=kb,
        thai_digits=SEED_DIGITS[key],
        approval=APPROVER if key == "004" else None,
        previous_total=parsed.previous_total,
    )
    return Seed(key, text, report, kb, document)


@pytest.fixture(scope="session", params=sorted(SEED_DIGITS))
def seed(request: pytest.FixtureRequest) -> Seed:
    return build_seed(request.param)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@functools.cache
def seed_pdf_file(key: str) -> Path:
    """The o27 PDF of a seed, written once per test run into the artifacts."""
    from itaplan.documents.pdf import measures_pdf

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"o27-seed-{key}.pdf"
    path.write_bytes(measures_pdf(build_seed(key).document))
    return path


@functools.cache
def seed_docx_bytes(key: str) -> bytes:
    """The o27 DOCX of a seed, written once per test run into the artifacts."""
    from itaplan.documents.docx import measures_docx

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = measures_docx(build_seed(key).document)
    (ARTIFACTS / f"o27-seed-{key}.docx").write_bytes(data)
    return data


def normalise(text: str) -> str:
    """Text for substring checks: no whitespace or zero-width characters, and SARA AM
    composed again where the PDF spells it NIKHAHIT + SARA AA."""
    text = "".join(text.translate(ZERO_WIDTH).split())
    return re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text)


THAI_RUN = re.compile("[\u0e00-\u0e7f]{4,}")


class _Runs(HTMLParser):
    """The Thai runs of the text an HTML document prints, inside tables and outside."""

    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.inside: set[str] = set()
        self.outside: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tables += tag == "table"

    def handle_endtag(self, tag: str) -> None:
        self.tables -= tag == "table"

    def handle_data(self, data: str) -> None:
        runs = THAI_RUN.findall(actual_text(data))
        (self.inside if self.tables else self.outside).update(runs)


def missing_thai_runs(html: str, path: Path) -> tuple[list[str], int]:
    """The Thai runs of four or more characters that ``html`` prints and ``pdftotext``
    does not give back from the PDF made of it at ``path``; and how many runs there are.

    Every run must be in the text in drawing order (``-raw``); a run outside the tables
    must also be in plain ``pdftotext``'s text, which orders the page the way a reader
    selecting it would (side-by-side table cells are interleaved there by design, so
    table runs are checked in ``-raw`` only). Only spaces and line breaks are taken out of
    the extracted text: a run may wrap onto the next line, any other difference counts.
    """
    runs = _Runs()
    runs.feed(html)
    raw = "".join(_without_page_numbers(pdf_text(path, "-raw")).split())
    plain = "".join(_without_page_numbers(pdf_text(path)).split())
    everything = runs.inside | runs.outside
    missing = {run for run in everything if run not in raw}
    missing |= {run for run in runs.outside if run not in plain}
    return sorted(missing), len(everything)


def _without_page_numbers(text: str) -> str:
    """``pdftotext`` output without the lines that are only a page number: a paragraph
    running over a page break would otherwise have the number in the middle of a word."""
    return "\n".join(
        line for line in text.splitlines() if not re.fullmatch(r"\s*[0-9๐-๙]+\s*", line)
    )


def pdf_text(path: Path, *mode: str) -> str:
    """``pdftotext`` output of a PDF (``-layout`` or ``-raw``)."""
    return subprocess.run(
        ["pdftotext", *mode, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def all_text(doc: DocxDocument) -> str:
    """Every paragraph of the body and of every table cell, one per line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def small_progress(*, thai_digits: bool) -> ProgressDocument:
    """A hand-built o28 report of four measures, one of them late."""
    units = ("สำนักปลัด",)
    return ProgressDocument(
        agency=Agency("องค์การบริหารส่วนตำบลสามเรือน", "เมืองราชบุรี", "ราชบุรี"),
        plan_year=2569,
        round_name="รอบ 6 เดือน",
        thai_digits=thai_digits,
        as_of=dt.date(2026, 3, 31),
        approval=APPROVER,
        measures=(
            ProgressRow(
                indicator=9,
                indicator_name="การเปิดเผยข้อมูล",
                title="เผยแพร่รายงานผลการจัดซื้อจัดจ้างประจำปี 2568 บนเว็บไซต์หลัก",
                steps=("รวบรวมข้อมูลการจัดซื้อจัดจ้าง", "วิเคราะห์ผลและเสนอผู้บริหาร"),
                units=("กองคลัง",),
                status=Status.DONE,
                percent=100,
                done="เผยแพร่รายงานเมื่อวันที่ 15 มกราคม 2569",
                evidence=(
                    Evidence("รายงานผลการจัดซื้อจัดจ้าง 2568", "https://samruean.go.th/o13/2568"),
                ),
                end=dt.date(2026, 1, 31),
            ),
            ProgressRow(
                indicator=4,
                indicator_name="การใช้ทรัพย์สินของราชการ",
                title="จัดทำคู่มือการยืมทรัพย์สินของราชการ",
                steps=("ยกร่างคู่มือ", "ประกาศใช้"),
                units=units,
                status=Status.IN_PROGRESS,
                percent=60,
                done="ยกร่างคู่มือแล้ว รอผู้บริหารลงนาม",
                evidence=(Evidence("", "https://samruean.go.th/manual/draft"),),
                end=dt.date(2026, 2, 28),
                problems="ต้องรอความเห็นของกองช่างเรื่องการยืมเครื่องมือ",
                next_step="เสนอผู้บริหารลงนามประกาศใช้ภายในเดือนเมษายน",
            ),
            ProgressRow(
                indicator=7,
                indicator_name="ประสิทธิภาพการสื่อสาร",
                title="ตอบข้อซักถามทางเฟซบุ๊กภายใน 1 วันทำการ",
                steps=("กำหนดผู้รับผิดชอบ", "ติดตามเวลาตอบ"),
                units=units,
                status=Status.NOT_STARTED,
                percent=0,
                done="",
                end=dt.date(2026, 9, 30),
            ),
            ProgressRow(
                indicator=8,
                indicator_name="การปรับปรุงระบบการทำงาน",
                title="เปิดระบบนัดหมายออนไลน์",
                steps=("เลือกระบบ", "ทดลองใช้"),
                units=units,
                status=Status.CANCELLED,
                percent=0,
                done="",
                reason="ใช้ระบบ e-service ของจังหวัดแทน",
            ),
        ),
    )
