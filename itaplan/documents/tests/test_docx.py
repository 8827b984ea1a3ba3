"""The o27 DOCX of each seed, read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from itaplan.documents import docx as writer
from itaplan.documents.model import APPROVER_LABEL
from itaplan.documents.tests.conftest import (
    Seed,
    all_text,
    build_seed,
    normalise,
    seed_docx_bytes,
)
from itaplan.documents.wording import MEASURE_HEADER, Words
from itaplan.domain.thai import format_score


@pytest.fixture(scope="session")
def seed_docx(seed: Seed) -> DocxDocument:
    return Document(io.BytesIO(seed_docx_bytes(seed.key)))


def test_every_indicator_score_is_printed_in_the_agency_digits(
    seed: Seed, seed_docx: DocxDocument
) -> None:
    text = all_text(seed_docx)
    thai = seed.document.thai_digits
    for ind in seed.document.indicators:
        assert ind.score is not None
        assert format_score(ind.score, thai_digits=thai) in text
        assert format_score(ind.score, thai_digits=not thai) not in text


def test_total_tools_and_level_are_in_the_results_table(
    seed: Seed, seed_docx: DocxDocument
) -> None:
    results = "\n".join(c.text for row in seed_docx.tables[0].rows for c in row.cells)
    w = Words(seed.document.thai_digits)
    assert w.score(seed.document.total) in results
    for tool in seed.document.tools:
        assert w.score(tool.score) in results
    assert seed.document.shown_level in results


def test_every_measure_title_and_the_analysis_are_printed(
    seed: Seed, seed_docx: DocxDocument
) -> None:
    text = normalise(all_text(seed_docx))
    w = Words(seed.document.thai_digits)
    for row in seed.document.measures:
        assert normalise(w.text(row.title)) in text
    for ind in seed.document.indicators:
        for paragraph in ind.analysis:
            assert normalise(w.text(paragraph)) in text


def test_the_approval_block_is_signed_as_data_certifier(seed_docx: DocxDocument) -> None:
    assert APPROVER_LABEL in all_text(seed_docx)


def test_seed_000_shows_indicators_9_and_10_urgent_and_level_d() -> None:
    doc = Document(io.BytesIO(seed_docx_bytes("000")))
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in doc.tables[0].rows}
    assert rows["ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"][2] == "แก้ไขโดยเร่งด่วน"
    assert rows["ตัวชี้วัดที่ 10 การป้องกันการทุจริต"][2] == "แก้ไขโดยเร่งด่วน"
    assert rows["ระดับผลการประเมิน"][1] == "D"


def test_seed_004_shows_passed_good_and_indicator_4_lowest_of_iit() -> None:
    text = all_text(Document(io.BytesIO(seed_docx_bytes("004"))))
    assert "ผ่านดี" in text
    assert "ตัวชี้วัดที่ได้คะแนนน้อยที่สุดของ IIT คือ ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ" in text
    assert "(นายสมชาย ใจดี)" in text and "วันที่ ๑๔ พฤศจิกายน ๒๕๖๘" in text


def test_page_one_is_a4_portrait_and_the_measures_are_landscape(seed_docx: DocxDocument) -> None:
    first, last = seed_docx.sections[0], seed_docx.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    margins = (first.top_margin, first.left_margin, first.right_margin)
    assert [round(m.cm, 2) for m in margins] == [2.5, 3.0, 2.0]  # stored in twips
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert last.page_width > last.page_height
    measures = seed_docx.tables[-1]
    assert [c.text for c in measures.rows[0].cells] == list(MEASURE_HEADER)


def test_thai_text_uses_the_complex_script_font_at_16_pt(seed_docx: DocxDocument) -> None:
    normal = seed_docx.styles["Normal"].element.rPr
    fonts = normal.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")) == "Sarabun ITA"
    assert normal.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert normal.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert normal.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_bold_runs_are_bold_for_thai_too(seed_docx: DocxDocument) -> None:
    title = seed_docx.paragraphs[0]
    style_rpr = seed_docx.styles[title.style.name].element.rPr
    assert style_rpr.find(qn("w:b")) is not None and style_rpr.find(qn("w:bCs")) is not None


def test_the_footer_numbers_pages_in_the_agency_digits(seed: Seed, seed_docx: DocxDocument) -> None:
    footer = seed_docx.sections[0].footer._element
    assert " PAGE " in [t.text for t in footer.iter(qn("w:instrText"))]
    expected = "thaiNumbers" if seed.document.thai_digits else "decimal"
    for section in seed_docx.sections:
        number_type = section._sectPr.find(qn("w:pgNumType"))
        assert number_type.get(qn("w:fmt")) == expected


def test_no_measure_row_breaks_across_pages(seed_docx: DocxDocument) -> None:
    measures = next(t for t in seed_docx.tables if t.rows[0].cells[0].text == MEASURE_HEADER[0])
    body = measures.rows[1:]
    assert body
    for row in body:
        assert row._tr.xpath("./w:trPr/w:cantSplit"), row.cells[2].text


def test_section_properties_keep_the_schema_order(seed_docx: DocxDocument) -> None:
    # Word rejects a file whose w:sectPr children are out of order.
    for section in seed_docx.sections:
        tags = [child.tag.split("}")[1] for child in section._sectPr]
        order = [writer._SECTPR.index(t) for t in tags]
        assert order == sorted(order), tags


def test_a_base_template_replaces_the_look(tmp_path: Path) -> None:
    base = writer.write_base_template(tmp_path / "agency.docx", font="TH Sarabun New")
    data = writer.measures_docx(build_seed("004").document, base_template=base)
    doc = Document(io.BytesIO(data))
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH Sarabun New"


def test_the_committed_base_template_has_our_styles() -> None:
    doc = Document(str(writer.DEFAULT_BASE))
    names = {s.name for s in doc.styles}
    assert set(writer.STYLES) <= names
    assert not doc.paragraphs or not any(p.text for p in doc.paragraphs)


def test_last_years_scores_add_columns_a_comparison_chart_and_changes() -> None:
    from itaplan.documents.build import measures_document_from_result
    from itaplan.documents.model import Agency

    seed = build_seed("003")
    document = measures_document_from_result(
        seed.report,
        Agency("ทดสอบ"),
        kb=seed.kb,
        thai_digits=True,
        previous=build_seed("000").report.assessment,
    )
    doc = Document(io.BytesIO(writer.measures_docx(document)))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[-2:] == ["ปีงบประมาณ พ.ศ. ๒๕๖๔", "เพิ่ม/ลด"]
    row9 = next(r for r in doc.tables[0].rows if r.cells[0].text.startswith("ตัวชี้วัดที่ ๙"))
    assert row9.cells[3].text == "๑๑.๕๘"
    assert row9.cells[4].text.startswith("+")
    assert len(doc.inline_shapes) == 2  # the ranking and the comparison
    assert "เพิ่มขึ้น" in all_text(doc)
