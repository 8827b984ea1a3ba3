"""The o27 PDF of each seed, read back with poppler's pdftotext, pdffonts and pdftoppm."""

from __future__ import annotations

import itertools
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from itaplan.documents import pdf, pdftext
from itaplan.documents.model import APPROVER_LABEL
from itaplan.documents.tests.conftest import (
    ROOT,
    Seed,
    build_seed,
    missing_thai_runs,
    normalise,
    pdf_text,
    seed_pdf_file,
)
from itaplan.documents.tests.stored import pdf_body
from itaplan.documents.wording import Words, indicator_paragraphs
from itaplan.domain.thai import format_score

A4_PORTRAIT = (595, 842)  # points, rounded


@pytest.fixture(scope="session")
def seed_pdf(seed: Seed) -> Path:
    return seed_pdf_file(seed.key)


def test_every_indicator_score_is_printed_in_the_agency_digits(seed: Seed, seed_pdf: Path) -> None:
    text = pdf_text(seed_pdf, "-layout")
    thai = seed.document.thai_digits
    for ind in seed.document.indicators:
        assert ind.score is not None
        assert format_score(ind.score, thai_digits=thai) in text
        assert format_score(ind.score, thai_digits=not thai) not in text
    assert Words(thai).score(seed.document.total) in text
    assert APPROVER_LABEL in text.translate({0x200B: None})


def test_every_measure_title_and_the_analysis_are_printed(seed: Seed, seed_pdf: Path) -> None:
    # -raw keeps each table cell's lines together; -layout interleaves the columns. The
    # page numbers go: a paragraph may run over a page break.
    text = pdf_body(seed_pdf)
    w = Words(seed.document.thai_digits)
    for number, row in enumerate(seed.document.measures, start=1):
        assert normalise(w.text(f"{number}. {row.title}")) in text
    for ind in seed.document.indicators:
        for paragraph in indicator_paragraphs(seed.document, ind, w):
            assert normalise(paragraph) in text


def test_every_thai_run_of_the_document_is_copied_back_exactly_from_the_pdf(
    seed: Seed, seed_pdf: Path
) -> None:
    missing, runs = missing_thai_runs(pdf.measures_html(seed.document), seed_pdf)
    assert runs > 250  # one measure per indicator below 100: some 300 runs a seed
    assert missing == [], f"{len(missing)} of {runs} Thai runs not in pdftotext's text"


def test_a_thai_text_box_carries_its_words_without_zero_width_spaces() -> None:
    assert pdftext.actual_text("ดี\u200bขึ้น ประจ\u0e4d\u0e32ปี น\u0e4d\u0e49\u0e32") == "ดีขึ้น ประจำปี น้ำ"


def test_the_thai_font_is_embedded(seed_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(seed_pdf)], check=True, capture_output=True, text=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("Sarabun" in row[0] for row in rows)
    # columns from the right: object ID (2), uni, sub, emb
    assert all(row[-5] == "yes" for row in rows), fonts


def test_pages_are_a4_with_the_measures_in_landscape(seed_pdf: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(seed_pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = [
        (round(float(w)), round(float(h)))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]
    assert sizes[0] == A4_PORTRAIT
    assert sizes[-1] == A4_PORTRAIT[::-1]
    assert set(sizes) == {A4_PORTRAIT, A4_PORTRAIT[::-1]}


def test_every_page_of_the_measures_table_opens_on_an_indicator(seed_pdf: Path) -> None:
    """No measure row is carried over a page: the first row under the repeated header of
    every page names its indicator, so no page starts with empty merged cells."""
    pages = pdf_text(seed_pdf, "-layout").split("\f")
    table_pages = [page for page in pages if "ตัวชี้วัด/คะแนน" in page]
    assert table_pages
    for number, page in enumerate(table_pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        header = next(n for n, line in enumerate(lines) if line.startswith("ตัวชี้วัด/คะแนน"))
        first_row = lines[header + 2]  # the header takes two lines ("…ระยะเวลา / ดำเนินการ")
        assert first_row.startswith("ตัวชี้วัดที่"), (number, first_row)


def test_page_one_renders_to_png(seed: Seed, seed_pdf: Path, artifacts: Path) -> None:
    prefix = artifacts / f"o27-seed-{seed.key}-page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(seed_pdf), str(prefix)],
        check=True,
    )
    pages = sorted(artifacts.glob(f"{prefix.name}-*.png"))
    assert pages and pages[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_seed_000_shows_indicators_9_and_10_urgent_and_level_d() -> None:
    lines = pdf_text(seed_pdf_file("000"), "-layout").translate({0x200B: None}).splitlines()
    for label in ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", "ตัวชี้วัดที่ 10 การป้องกันการทุจริต"):
        row = next(line for line in lines if label in line)
        assert "แก้ไขโดยเร่งด่วน" in row
    level = next(line for line in lines if "ระดับผลการประเมิน" in line)
    assert level.split()[-1] == "D"


def test_seed_004_shows_passed_good_and_indicator_4_lowest_of_iit() -> None:
    text = normalise(pdf_text(seed_pdf_file("004"), "-raw"))
    assert "อยู่ในระดับผ่านดี" in text
    assert normalise("ตัวชี้วัดที่ได้คะแนนน้อยที่สุดของ IIT คือ ตัวชี้วัดที่ ๔") in text


def test_thai_lines_break_only_between_words(tmp_path: Path) -> None:
    # Pango breaks Thai lines with libthai's dictionary (Debian's Pango has it); without
    # it lines would break anywhere or not at all. A narrow column of unspaced Thai must
    # break several times, each time between two words of the dictionary (a compound such
    # as บริหาร|งาน may be split, not a word such as เจตจำนง).
    sentence = (
        "ผู้บริหารสูงสุดประกาศเจตจำนงสุจริตในการบริหารงานต่อหน้าบุคลากร"
        "และเผยแพร่บนเว็บไซต์ของหน่วยงานภายในเดือนธันวาคม"
    )
    html = pdf.render_html(
        "documents/base.html",
        {**pdf._common(True, "test"), "content": sentence},
        template_dirs=[_one_paragraph(tmp_path)],
    )
    path = tmp_path / "narrow.pdf"
    path.write_bytes(pdf.html_to_pdf(html))
    text = pdf_text(path, "-raw").split("\f")[0]  # the page number is drawn last
    lines = [line.strip() for line in text.splitlines() if line.strip()][:-1]
    assert "".join(lines) == sentence and len(lines) >= 5, lines
    assert bad_breaks(sentence, lines) == []


def bad_breaks(sentence: str, lines: list[str]) -> list[tuple[str, str]]:
    """The line breaks of ``sentence`` that fall inside a dictionary word, as (before, after)."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    dictionary, allowed, position = set(thai_words()), set(), 0
    for word in word_tokenize(sentence, engine="newmm"):
        allowed |= {position, position + len(word)}
        allowed |= {position + k for k in range(1, len(word)) if {word[:k], word[k:]} <= dictionary}
        position += len(word)
    cuts = itertools.accumulate(len(line) for line in lines[:-1])
    return [(sentence[c - 6 : c], sentence[c : c + 6]) for c in cuts if c not in allowed]


def test_a_break_inside_a_word_is_found_and_one_inside_a_compound_is_not() -> None:
    sentence = "ประกาศเจตจำนงสุจริตในการบริหารงาน"
    assert bad_breaks(sentence, ["ประกาศเจตจำ", "นงสุจริตในการบริหารงาน"]) == [("ศเจตจำ", "นงสุจร")]
    assert bad_breaks(sentence, ["ประกาศเจตจำนงสุจริตในการบริหาร", "งาน"]) == []


def _one_paragraph(folder: Path) -> Path:
    """A template directory whose documents/one.html is base.html with one narrow paragraph."""
    (folder / "documents").mkdir()
    (folder / "documents" / "base.html").write_text(
        (pdf.TEMPLATE_DIR / "documents" / "base.html")
        .read_text(encoding="utf-8")
        .replace(
            "{% block content %}{% endblock %}",
            '<p style="width: 3cm; text-indent: 0">{{ content }}</p>',
        ),
        encoding="utf-8",
    )
    return folder


def test_the_agency_name_is_never_split_across_lines() -> None:
    html = pdf.measures_html(build_seed("004").document)
    name = pdf.decompose_sara_am("องค์การบริหารส่วนตำบลสามเรือน")
    assert f'<span class="nobr">{name}</span>' in html


def test_sara_am_is_written_as_the_shaper_draws_it_so_copied_text_keeps_it() -> None:
    assert pdf.decompose_sara_am("น้ำ ประจำ") == "น\u0e4d\u0e49\u0e32 ประจ\u0e4d\u0e32"


def test_html_is_rendered_without_django_settings() -> None:
    code = (
        "from itaplan.documents.tests.conftest import build_seed\n"
        "from itaplan.documents.pdf import measures_html\n"
        "assert 'ผู้รับรองข้อมูล' in measures_html(build_seed('003').document)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


def test_a_deployment_template_directory_replaces_the_look(tmp_path: Path) -> None:
    own = tmp_path / "documents"
    own.mkdir()
    base = (pdf.TEMPLATE_DIR / "documents" / "base.html").read_text(encoding="utf-8")
    (own / "base.html").write_text(base.replace("<body>", "<body><p>ตราหน่วยงาน</p>"), "utf-8")
    html = pdf.measures_html(build_seed("004").document, template_dirs=[tmp_path])
    assert "ตราหน่วยงาน" in html


def test_a_district_named_inside_the_agency_name_does_not_cut_it() -> None:
    keep = ("องค์การบริหารส่วนตำบลบ้านใหม่", "อำเภอบ้านใหม่")
    html = pdf._html_text("องค์การบริหารส่วนตำบลบ้านใหม่ อำเภอบ้านใหม่", keep)
    assert html.count('<span class="nobr">') == 2
    assert pdf.decompose_sara_am(keep[0]) in html


def test_the_measures_pages_are_well_filled_though_no_row_is_carried_over() -> None:
    # Each measure row stays whole (its indicator and measure cells would show empty on
    # the next page), and still no landscape page is left near blank.
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(seed_pdf_file("004")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    landscape = [
        (float(height), [float(y) for y in re.findall(r'yMax="([\d.]+)"', body)])
        for width, height, body in pages
        if float(width) > float(height)
    ]
    assert len(landscape) >= 2
    filled = []
    for height, bottoms in landscape[:-1]:
        page_number = max(bottoms)
        filled.append(max(y for y in bottoms if y < page_number - 1) / height)
    # The text area ends at 0.90 of the page: whole rows fill 0.82 to 0.83 of seed 004's.
    assert min(filled) > 0.6, filled
    assert statistics.mean(filled) > 0.75, filled
