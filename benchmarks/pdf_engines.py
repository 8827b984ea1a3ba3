"""The o27 of one document made into a PDF by several engines, judged side by side.

Engines: WeasyPrint as the product uses it (Thai line breaks by Pango's libthai,
/ActualText on Thai boxes); WeasyPrint with every Thai word cut by PyThaiNLP's newmm
and marked with a zero-width space (what the product did before);
Chromium's printing (Playwright, the same HTML); the Typst compiler from PyPI (``typst``,
the same text as Typst markup; ``pip install -e '.[bench]'``); LibreOffice converting
our DOCX. Each is judged on what the issue asks of a PDF:

- mid-word line breaks: a line ending and the next line starting inside one word of
  the Thai dictionary (PyThaiNLP newmm with our domain words);
- the Thai font embedded (``pdffonts``);
- Thai runs of four or more letters of the document found in ``pdftotext`` (plain,
  the reading a person copying gets) and ``pdftotext -raw`` (drawing order);
- pages, and the time to make the PDF (warm: in a process that made one before).
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from itaplan.documents import charts, fonts, pdf
from itaplan.documents.docx import measures_docx
from itaplan.documents.model import MeasuresDocument
from itaplan.documents.pdftext import actual_text
from itaplan.documents.wording import MeasuresText, Table, measures_text

THAI_RUN = re.compile("[\u0e00-\u0e7f]{4,}")
THAI_WORDS = re.compile("[\u0e00-\u0e7f]+")
THAI_EDGE = re.compile("[\u0e01-\u0e4f]+")  # Thai letters and marks, not Thai digits
#: A line may not start with a mark or a following vowel, nor end with a leading vowel.
CANNOT_START = re.compile("^[\u0e30-\u0e3a\u0e45-\u0e4e]")
CANNOT_END = re.compile("[\u0e40-\u0e44]$")


@dataclass
class Verdict:
    engine: str
    warm_ms: float | None
    note: str = ""
    pages: int | None = None
    syllable_breaks: int | None = None
    mid_word_breaks: int | None = None
    junctions: int | None = None
    font_embedded: bool | None = None
    plain_percent: float | None = None
    raw_percent: float | None = None


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def _pdftotext(path: Path, *mode: str) -> str:
    return subprocess.run(
        ["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def judge(verdict: Verdict, path: Path, text: MeasuresText) -> Verdict:
    """Fill in the quality of the PDF at ``path`` for the document text ``text``."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    verdict.pages = int(found[1]) if found else None
    listed = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in listed.splitlines()[2:]]
    thai_fonts = [
        r for r in rows if re.search("sarabun|th ?sarabun|garuda|loma|laksaman", r[0], re.I)
    ]
    verdict.font_embedded = bool(thai_fonts) and all("yes" in r[-5:-3] for r in thai_fonts)
    runs = {run for line in _strings(text) for run in THAI_RUN.findall(line)}
    raw = _pdftotext(path, "-raw")
    plain = "".join(_pdftotext(path).split())
    squeezed = "".join(raw.split())
    verdict.raw_percent = 100 * sum(run in squeezed for run in runs) / len(runs)
    verdict.plain_percent = 100 * sum(run in plain for run in runs) / len(runs)
    verdict.syllable_breaks, verdict.mid_word_breaks, verdict.junctions = line_breaks(raw)
    return verdict


def line_breaks(raw: str) -> tuple[int, int, int]:
    """Of the places in drawing order where a Thai line ends and the next line goes on in
    Thai: how many cut a syllable (a mark or vowel torn from its consonant: always
    wrong), how many fall inside one word of the dictionary (compounds such as
    หน่วย|งาน count too, so some are acceptable), and how many there are.
    """
    from pythainlp.tokenize import word_tokenize

    lines = [line.strip() for line in raw.replace("\f", "\n").splitlines() if line.strip()]
    syllables = words = junctions = 0
    for this, following in itertools.pairwise(lines):
        tail, head = THAI_EDGE.findall(this[-30:]), THAI_EDGE.findall(following[:30])
        if not (tail and head and this.endswith(tail[-1]) and following.startswith(head[0])):
            continue
        junctions += 1
        left, right = tail[-1], head[0]
        if CANNOT_START.search(right) or CANNOT_END.search(left):
            syllables += 1
        position = 0
        for word in word_tokenize(left + right, engine="newmm"):
            if position < len(left) < position + len(word):
                words += 1
                break
            position += len(word)
    return syllables, words, junctions


def median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1e3


# --- the engines ---------------------------------------------------------------------


def weasyprint_ours(document: MeasuresDocument, out: Path, repeat: int) -> Verdict:
    out.write_bytes(pdf.measures_pdf(document))
    ms = median_ms(lambda: pdf.measures_pdf(document), repeat)
    return Verdict("WeasyPrint 70 (ours: libthai, ActualText)", ms)


def weasyprint_newmm(document: MeasuresDocument, out: Path, repeat: int) -> Verdict:
    from pythainlp.tokenize import word_tokenize

    def cut(match: re.Match[str]) -> str:  # on the text as written, SARA AM whole
        words = word_tokenize(actual_text(match[0]), engine="newmm")
        return pdf.decompose_sara_am("\u200b".join(words))

    def make() -> bytes:
        return pdf.html_to_pdf(THAI_WORDS.sub(cut, pdf.measures_html(document)))

    out.write_bytes(make())
    return Verdict("WeasyPrint 70, newmm words + ZWSP (before)", median_ms(make, repeat))


def chromium(document: MeasuresDocument, out: Path, repeat: int) -> Verdict:
    from itaplan.lib.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        return Verdict("Chromium (Playwright)", None, f"{CHROMIUM} missing")
    from playwright.sync_api import sync_playwright

    html = pdf.measures_html(document)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "o27.html"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()

        def make() -> bytes:
            page_file.write_text(pdf.measures_html(document), encoding="utf-8")
            page.goto(page_file.as_uri())
            return bytes(page.pdf(prefer_css_page_size=True, print_background=True))

        page_file.write_text(html, encoding="utf-8")
        out.write_bytes(make())
        ms = median_ms(make, repeat)  # our CPU only: the browser works in its own processes
        start = time.perf_counter()
        for _ in range(repeat):
            make()
        wall = (time.perf_counter() - start) / repeat * 1e3
        browser.close()
    return Verdict("Chromium print (Playwright)", wall, f"wall time; {ms:.0f} ms CPU here")


def _typst_string(text: str) -> str:
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _typst_table(table: Table) -> str:
    columns = ", ".join(f"{w}fr" for w in table.widths)
    header = ", ".join(f"[*{_typst_string(h)}*]" for h in table.header)
    cells = ", ".join(
        "[" + " \\ ".join(_typst_string(line) for line in cell.lines) + "]"
        for row in table.rows
        for cell in row.cells
    )
    return (
        f"#table(columns: ({columns}), stroke: 0.5pt, inset: 3pt,\n"
        f"  table.header({header}),\n  {cells})\n"
    )


def _typst_chart(chart: charts.BarChart) -> str:
    """Bars as our PDF draws them (a grid of label and bars; the pass mark as a note)."""
    cells = []
    for index, category in enumerate(chart.categories):
        bars = " \\ ".join(
            f'#box(width: {0.85 * value:.2f}%, height: 8pt, fill: rgb("{series.colour}")) '
            f"{_typst_string(chart.value_label(value))}"
            for series in chart.series
            if (value := series.values[index]) is not None
        )
        cells += [f"align(right)[{_typst_string(category)}]", f"[{bars}]"]
    legend = "  ".join(_typst_string(s.name) for s in chart.series)
    return (
        f"#align(center)[{legend}  {_typst_string(chart.pass_label)}]\n"
        f"#grid(columns: (36%, 64%), column-gutter: 6pt, row-gutter: 3pt, {', '.join(cells)})\n"
    )


def typst_markup(document: MeasuresDocument) -> str:
    """The o27 as Typst markup: the same strings, tables and charts as our PDF."""
    text = measures_text(document)
    ranking, compare = charts.measures_charts(document)
    size = fonts.sarabun_pt(fonts.BODY_SIZE_PT)
    out = [
        '#set page(paper: "a4", margin: (top: 2.5cm, bottom: 2cm, left: 3cm, right: 2cm), '
        'numbering: "1")',
        f'#set text(font: "Sarabun", size: {size}pt, lang: "th")',
        "#set par(first-line-indent: (amount: 2.5cm, all: true), spacing: 0.65em)",
    ]
    out += [f"#align(center)[*{_typst_string(line)}*]" for line in text.header]
    out += [f"*{_typst_string(text.results_heading)}*", _typst_string(text.summary)]
    out += [_typst_table(text.results), f"*{_typst_string(text.ranking_heading)}*"]
    out += [_typst_chart(ranking), _typst_table(text.ranking)]
    if compare:
        out.append(_typst_chart(compare))
    if text.items is not None:
        out += [f"*{_typst_string(text.items_heading)}*", _typst_table(text.items)]
    out.append(f"*{_typst_string(text.analysis_heading)}*")
    for tool in text.analysis:
        out.append(f"*{_typst_string(tool.heading)}*")
        for indicator in tool.indicators:
            out.append(f"*{_typst_string(indicator.heading)}*")
            out += [_typst_string(p) for p in indicator.paragraphs]
            out += [f"- {_typst_string(item)}" for item in indicator.weak_items]
    out.append("#set page(flipped: true, margin: 2cm)")
    out += [f"*{_typst_string(text.measures_heading)}*", _typst_string(text.measures_intro)]
    out.append(_typst_table(text.measures))
    out += [f"#align(right)[{_typst_string(line)}]" for line in text.approval]
    return "\n\n".join(out) + "\n"


def typst(document: MeasuresDocument, out: Path, repeat: int) -> Verdict:
    try:
        import typst as typst_compiler
    except ImportError:
        return Verdict("Typst (PyPI typst)", None, "not installed: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "o27.typ"

        def make() -> bytes:
            source.write_text(typst_markup(document), encoding="utf-8")
            return bytes(typst_compiler.compile(str(source), font_paths=[str(fonts.FONT_DIR)]))

        out.write_bytes(make())
        ms = median_ms(make, repeat)
    return Verdict("Typst 0.15 (PyPI typst)", ms, "same strings as Typst markup")


def libreoffice(document: MeasuresDocument, out: Path, repeat: int) -> Verdict:
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "o27.docx"
        start = time.perf_counter()
        docx.write_bytes(measures_docx(document))
        try:
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(docx),
                ],
                capture_output=True,
                check=True,
                timeout=300,
            )
        except (OSError, subprocess.CalledProcessError) as exc:
            return Verdict("LibreOffice from our DOCX", None, f"soffice failed: {exc}")
        wall = (time.perf_counter() - start) * 1e3
        out.write_bytes((Path(folder) / "o27.pdf").read_bytes())
    return Verdict("LibreOffice 7.4 from our DOCX", wall, "wall time of a cold soffice")


ENGINES: tuple[Callable[[MeasuresDocument, Path, int], Verdict], ...] = (
    weasyprint_ours,
    weasyprint_newmm,
    chromium,
    typst,
    libreoffice,
)


def compare(document: MeasuresDocument, folder: Path, repeat: int) -> list[Verdict]:
    text = measures_text(document)
    verdicts = []
    for engine in ENGINES:
        out = folder / f"o27-{engine.__name__}.pdf"
        verdict = engine(document, out, repeat)
        if verdict.warm_ms is not None:
            judge(verdict, out, text)
        verdicts.append(verdict)
    return verdicts


def print_comparison(verdicts: list[Verdict]) -> None:
    def cell(value: Any, unit: str = "") -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return "yes" if value else "NO"
        if isinstance(value, float):
            return f"{value:.0f}{unit}" if unit == " ms" else f"{value:.1f}{unit}"
        return f"{value}{unit}"

    print(
        f"  {'engine':<40}{'ms':>7}{'pages':>6}{'syllable':>9}{'in-word':>9}{'font':>6}"
        f"{'plain%':>8}{'raw%':>7}  note"
    )
    for v in verdicts:
        joins = f"/{v.junctions}" if v.junctions is not None else ""
        print(
            f"  {v.engine:<40}{cell(v.warm_ms, ' ms')[:-3] if v.warm_ms else '–':>7}"
            f"{cell(v.pages):>6}{cell(v.syllable_breaks):>9}{cell(v.mid_word_breaks) + joins:>9}"
            f"{cell(v.font_embedded):>6}{cell(v.plain_percent):>8}{cell(v.raw_percent):>7}  {v.note}"
        )
    print(
        "  ms: CPU of this process (median), warm; Chromium and LibreOffice: wall time.\n"
        "  syllable: Thai line breaks that tear a vowel or mark from its consonant (wrong);\n"
        "  in-word: breaks inside one dictionary word, compounds included / all Thai breaks;\n"
        "  plain%, raw%: Thai runs of 4+ letters of the text found by pdftotext, -raw."
    )
