"""Time the o27 documents of seed 004 against python-docx writing the same rows bare.

Run: .venv/bin/python benchmarks/bench_documents.py [--repeat N] [--no-engines]
Prints the median time of: building the document data from the parsed result, the
DOCX's native chart (its chart part and workbook, written by python-pptx), the styled
DOCX, the HTML (its chart is HTML bars) and the PDF; then python-docx alone writing a
bare document with the same tables (same rows and cell text, no styles, fonts, chart
or sections), and the ratio of our DOCX to that floor, with and without the chart.
Imports, the fonts and the first layout are warmed up first: a long-running web
worker pays them once. Then the CLI from a cold process (imports included), each
format; then the PDF engines side by side (``pdf_engines.py``).
Targets (issue 11): PDF <= 0.6 s warm; either format <= 1.5 s from a cold CLI; the DOCX
<= 2x bare python-docx, chart included.
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document

from itaplan.documents import charts, docxchart, fonts
from itaplan.documents.build import find_location, measures_document_from_result
from itaplan.documents.docx import measures_docx
from itaplan.documents.model import Agency
from itaplan.documents.pdf import html_to_pdf, measures_html, measures_pdf
from itaplan.documents.wording import measures_text
from itaplan.domain.parsing import parse_result_text

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "itaplan" / "demo" / "seeds").glob("004_*.txt"))


def median_seconds(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``func``: on a shared machine the CPU time is
    the steadier of the two."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def page_count(pdf: bytes) -> str:
    """Pages of a PDF by poppler's pdfinfo, or "?" without it."""
    try:
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    found = re.search(rb"Pages:\s+(\d+)", info)
    return found[1].decode() if found else "?"


def bare_docx(document: object) -> bytes:
    """The same paragraphs and tables written with python-docx defaults only."""
    text = measures_text(document)  # type: ignore[arg-type]
    doc = Document()
    for line in text.header:
        doc.add_paragraph(line)
    doc.add_paragraph(text.summary)
    tables = [text.results, text.ranking, text.items, text.measures]
    for table in (t for t in tables if t is not None):
        grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
        for cell, heading in zip(grid.rows[0].cells, table.header, strict=True):
            cell.text = heading
        for row, content in zip(grid.rows[1:], table.rows, strict=True):
            for cell, value in zip(row.cells, content.cells, strict=True):
                cell.text = value.text
    for tool in text.analysis:
        doc.add_paragraph(tool.heading)
        for indicator in tool.indicators:
            doc.add_paragraph(indicator.heading)
            for paragraph in (*indicator.paragraphs, *indicator.weak_items):
                doc.add_paragraph(paragraph)
    for line in text.approval:
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def cold_cli(suffix: str, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``itaplan document measures --from-file`` in a
    fresh Python process (imports, fonts and the Thai dictionary included)."""
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "itaplan.cli",
            "document",
            "measures",
            "--from-file",
            str(SEED),
            "--out",
            str(Path(folder) / f"o27{suffix}"),
        ]
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-engines", action="store_true", help="skip the engine comparison")
    arguments = parser.parse_args()
    repeat = arguments.repeat
    text = SEED.read_text(encoding="utf-8")
    parsed = parse_result_text(text)

    def build() -> object:
        return measures_document_from_result(
            parsed, Agency(parsed.agency or "", *find_location(text))
        )

    start = time.perf_counter()
    document = build()
    measures_docx(document)  # type: ignore[arg-type]
    measures_pdf(document)  # type: ignore[arg-type]
    bare_docx(document)
    print(
        f"first run in a fresh process (imports, fonts, dictionary): {time.perf_counter() - start:.2f} s"
    )

    html = measures_html(document)  # type: ignore[arg-type]
    pages = page_count(html_to_pdf(html))
    rows = len(document.measures)  # type: ignore[attr-defined]
    print(f"seed 004: {rows} measures, PDF of {pages} pages; median of {repeat} runs")

    def docx_charts() -> None:
        for chart in charts.measures_charts(document):  # type: ignore[arg-type]
            if chart is not None:
                docxchart.chart_part_xml(chart, fonts.DOCX_FONT, "rId1")
                docxchart.chart_workbook(chart)

    timings = {
        "document data from the parsed result": median_seconds(build, repeat),
        "DOCX native chart (XML + workbook)": median_seconds(docx_charts, repeat),
        "o27 DOCX (charts included)": median_seconds(lambda: measures_docx(document), repeat),  # type: ignore[arg-type]
        "o27 HTML (charts included)": median_seconds(lambda: measures_html(document), repeat),  # type: ignore[arg-type]
        "o27 PDF (HTML + WeasyPrint)": median_seconds(lambda: measures_pdf(document), repeat),  # type: ignore[arg-type]
        "python-docx bare, same tables": median_seconds(lambda: bare_docx(document), repeat),
    }
    print(f"  {'':<40}{'wall ms':>9}{'CPU ms':>9}")
    for name, (wall, cpu) in timings.items():
        print(f"  {name:<40}{wall * 1e3:>9.0f}{cpu * 1e3:>9.0f}")
    ours = timings["o27 DOCX (charts included)"][1]
    floor = timings["python-docx bare, same tables"][1]
    charts_time = timings["DOCX native chart (XML + workbook)"][1]
    print(
        f"o27 DOCX / bare python-docx (CPU): {ours / floor:.1f}x with the chart "
        f"(target <= 2x), {(ours - charts_time) / floor:.1f}x without it; "
        f"/ bare + the same chart: {ours / (floor + charts_time):.1f}x"
    )
    print(
        f"o27 PDF warm (CPU): {timings['o27 PDF (HTML + WeasyPrint)'][1]:.2f} s (target <= 0.6 s)"
    )
    cold = max(1, repeat // 3)
    for suffix in (".pdf", ".docx"):
        wall, cpu = cold_cli(suffix, cold)
        print(
            f"cold CLI, o27 {suffix}: {wall:.2f} s wall, {cpu:.2f} s CPU "
            f"(median of {cold}; target <= 1.5 s)"
        )
    if not arguments.no_engines:
        import pdf_engines

        print(f"\nPDF engines on the same o27 (seed 004), median of {repeat}:")
        with tempfile.TemporaryDirectory() as folder:
            verdicts = pdf_engines.compare(document, Path(folder), repeat)  # type: ignore[arg-type]
        pdf_engines.print_comparison(verdicts)


if __name__ == "__main__":
    main()
