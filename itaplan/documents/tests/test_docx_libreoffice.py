"""Seed 004's o27 DOCX laid out by LibreOffice (headless, Debian's libreoffice-writer-nogui),
which has none of the government's Thai fonts: the embedded font must hold the layout."""

from __future__ import annotations

import functools
import io
import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from pythainlp.tokenize import word_tokenize

from itaplan.documents import charts, fonts
from itaplan.documents.tests.conftest import (
    ARTIFACTS,
    all_text,
    build_seed,
    normalise,
    pdf_text,
    seed_docx_bytes,
    seed_pdf_file,
)

SOFFICE_TIMEOUT_SECONDS = 300


@functools.cache
def libreoffice_pdf(key: str) -> Path:
    """The seed's o27 DOCX converted to PDF by LibreOffice, kept in the artifacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docx = ARTIFACTS / f"o27-seed-{key}.docx"
    docx.write_bytes(seed_docx_bytes(key))
    with tempfile.TemporaryDirectory() as profile:  # its own profile: runs side by side
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(ARTIFACTS / "libreoffice"),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=SOFFICE_TIMEOUT_SECONDS,
        )
    return ARTIFACTS / "libreoffice" / f"{docx.stem}.pdf"


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    found = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert found is not None
    return int(found[1])


def test_libreoffice_lays_the_docx_out_in_the_embedded_font() -> None:
    listed = subprocess.run(
        ["pdffonts", str(libreoffice_pdf("004"))], check=True, capture_output=True, text=True
    ).stdout
    names = [line.split()[0] for line in listed.splitlines()[2:]]
    family = fonts.DOCX_FONT.replace(" ", "")
    assert names and all(family in name for name in names), listed


def test_libreoffice_needs_about_as_many_pages_as_our_pdf() -> None:
    ours, theirs = pages(seed_pdf_file("004")), pages(libreoffice_pdf("004"))
    assert abs(theirs - ours) <= 0.2 * ours, f"LibreOffice {theirs} pages, our PDF {ours}"


def test_no_table_heading_word_is_split_across_lines_by_libreoffice() -> None:
    # Each heading word must stand whole on a line of LibreOffice's PDF at least as
    # often as the document holds it (headings repeat on every page, so more is usual).
    # -raw gives the lines in the order LibreOffice wrote them, marks in place.
    document = Document(io.BytesIO(seed_docx_bytes("004")))
    headings = {cell.text for table in document.tables for cell in table.rows[0].cells}
    words = {w for h in headings for w in word_tokenize(h, engine="newmm") if len(w.strip()) > 1}
    lines = pdf_text(libreoffice_pdf("004"), "-raw").splitlines()
    text = all_text(document)
    split = {w for w in words if sum(line.count(w) for line in lines) < text.count(w)}
    assert words and not split, sorted(split)


def test_libreoffice_draws_the_native_chart_with_its_labels() -> None:
    # "๔. การใช้ทรัพย์สินของราชการ" and the like are the chart's categories: the tables
    # write "ตัวชี้วัดที่ ๔ …". Their scores follow as the bars' labels, in Thai digits.
    ranking, _ = charts.measures_charts(build_seed("004").document)
    text = normalise(pdf_text(libreoffice_pdf("004")))
    missing = [c for c in ranking.categories if normalise(c) not in text]
    assert not missing, missing
    for series in ranking.series:
        for value in filter(None, series.values):
            assert ranking.value_label(value) in text
    assert normalise(ranking.pass_label) in text
