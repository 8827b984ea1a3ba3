"""PDF of the o27 measures document and the o28 progress report (WeasyPrint).

HTML templates in ``templates/documents/`` are rendered with Django's template
engine used standalone (no settings), then laid out by WeasyPrint: A4 portrait,
the wide tables on a named landscape page, Sarabun embedded through ``@font-face``,
page numbers from CSS counters in the Thai or Arabic digits of the agency.

Thai is written without spaces between words, so a line may only break where a
dictionary says a word ends. Pango finds those places with libthai's dictionary:
Debian's Pango (the Dockerfile's, CI's) is built with it, and a test checks that lines
break between words. (Words used to be cut with PyThaiNLP's ``newmm`` and joined by
zero-width spaces: libthai broke the same places anyway, as the engine comparison of
``benchmarks/bench_documents.py`` shows, and building the 62,000-word dictionary cost
0.6 s of every cold start.) Names that must not be split at all (the agency, its
district and province) are set ``white-space: nowrap``.

SARA AM (ำ) is written decomposed, NIKHAHIT + SARA AA, as the shaper would draw it:
WeasyPrint maps each glyph to one text per font, so the shaper's own decomposition
made copied or searched text read "ประจาปี" for "ประจำปี". What a reader copies is
set apart from the glyphs anyway: see :mod:`itaplan.documents.pdftext`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from django.template import Context, Engine
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from itaplan.documents import charts, fonts, pdftext
from itaplan.documents.model import MeasuresDocument, ProgressDocument
from itaplan.documents.wording import WEAK_ITEMS, Table, measures_text, progress_text
from itaplan.lib.collector import fewer_collections

TEMPLATE_DIR = Path(__file__).with_name("templates")
# A tone mark before SARA AM goes after the NIKHAHIT, so it is drawn above it.
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")

T = TypeVar("T")


def decompose_sara_am(text: str) -> str:
    """``text`` with every SARA AM as NIKHAHIT + (tone mark) + SARA AA; it looks the same."""
    return _SARA_AM.sub("\u0e4d\\1\u0e32", text)


def _html_text(text: str, keep_whole: Sequence[str]) -> SafeString:
    """``text`` escaped for HTML, each of ``keep_whole`` in a no-break span."""
    parts = [text]
    for phrase in (p for p in keep_whole if p):
        parts = [
            piece
            for part in parts
            for piece in ([part] if part in keep_whole else _split_keep(part, phrase))
        ]
    html = "".join(
        f'<span class="nobr">{escape(part)}</span>' if part in keep_whole else escape(part)
        for part in parts
        if part
    )
    return mark_safe(decompose_sara_am(html))


def _split_keep(text: str, phrase: str) -> list[str]:
    pieces = text.split(phrase)
    out = [pieces[0]]
    for piece in pieces[1:]:
        out += [phrase, piece]
    return out


def _map_strings(value: T, func: Callable[[str], str]) -> T:
    """A copy of a tree of dataclasses, tuples and lists with ``func`` applied to every string."""
    if isinstance(value, str):
        return func(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_strings(getattr(value, f.name), func) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(_map_strings(v, func) for v in value)
    return value


def _table_view(table: Table | None, css: str = "") -> dict[str, Any] | None:
    """A table as the template reads it, with percent column widths.

    Every value is a string: Django's engine would format a number through the
    settings this standalone use does not have.
    """
    if table is None:
        return None
    total = sum(table.widths)
    rows = [
        [
            {
                "lines": cell.lines,
                "span": str(cell.span) if cell.span > 1 else "",
                "css": " ".join(
                    name
                    for name, on in (("centred", column in table.centred), ("bold", cell.bold))
                    if on
                ),
            }
            for column, cell in enumerate(row.cells)
            if not cell.covered
        ]
        for row in table.rows
    ]
    # Rows under one merged cell (an indicator over its measures) form one group, one <tbody>.
    groups: list[list[Any]] = []
    for row, cells in zip(table.rows, rows, strict=True):
        if not groups or not any(cell.covered for cell in row.cells):
            groups.append([])
        groups[-1].append(cells)
    return {
        "header": table.header,
        "widths": [f"{100 * w / total:.2f}" for w in table.widths],
        "groups": groups,
        "css": css,
    }


def _chart_view(chart: charts.BarChart | None, keep: Sequence[str]) -> dict[str, Any] | None:
    """A chart as ``documents/_chart.html`` draws it: rows of bars, widths in percent."""
    if chart is None:
        return None
    rows = [
        {
            "category": _html_text(category, keep),
            "bars": [
                {
                    "width": f"{100 * value / charts.SCALE_MAX:.2f}",
                    "colour": series.colour,
                    "label": _html_text(chart.value_label(value), keep),
                }
                for series in chart.series
                if (value := series.values[index]) is not None
            ],
        }
        for index, category in enumerate(chart.categories)
    ]
    return {
        "rows": rows,
        "legend": [{"name": _html_text(s.name, keep), "colour": s.colour} for s in chart.series],
        "pass_label": _html_text(chart.pass_label, keep),
        "pass_left": f"{100 * chart.pass_mark / charts.SCALE_MAX:.2f}",
    }


@functools.cache
def _engine(dirs: tuple[Path, ...]) -> Engine:
    return Engine(dirs=[str(d) for d in dirs], autoescape=True)


def render_html(
    template: str, context: dict[str, Any], *, template_dirs: Sequence[Path] = ()
) -> str:
    """Render one of our templates; ``template_dirs`` come first, so a deployment can
    replace ``documents/base.html`` (the look) without touching the others."""
    engine = _engine((*template_dirs, TEMPLATE_DIR))
    html: str = engine.get_template(template).render(Context(context, use_l10n=False, use_tz=False))
    return html


def _common(thai_digits: bool, title: str, landscape: bool = False) -> dict[str, Any]:
    return {
        "title": title,
        "font_family": fonts.FAMILY,
        "font_regular": fonts.REGULAR.as_uri(),
        "font_bold": fonts.BOLD.as_uri(),
        "page_counter": "thai" if thai_digits else "decimal",
        "size": {
            name: f"{fonts.sarabun_pt(points)}pt"
            for name, points in (("body", fonts.BODY_SIZE_PT), ("small", 14), ("title", 18))
        },
        "landscape": landscape,
    }


def measures_html(document: MeasuresDocument, *, template_dirs: Sequence[Path] = ()) -> str:
    """The o27 document as HTML ready for WeasyPrint (names kept whole, SARA AM decomposed)."""
    keep = document.agency.names()
    text = _map_strings(measures_text(document), lambda s: _html_text(s, keep))
    ranking, compare = charts.measures_charts(document)
    context = {
        **_common(document.thai_digits, " ".join(measures_text(document).header[:2])),
        "t": text,
        "results": _table_view(text.results),
        "ranking": _table_view(text.ranking),
        "items": _table_view(text.items),
        "classes": _table_view(text.classes, css="legend"),
        "levels": _table_view(text.levels, css="legend"),
        # A measure's row, and an indicator's rows, stay on one page: a row carried over
        # would leave its indicator and measure cells empty on the next page.
        "measures": _table_view(text.measures, css="whole-rows"),
        "ranking_chart": _chart_view(ranking, keep),
        "compare_chart": _chart_view(compare, keep),
        "weak_items": WEAK_ITEMS,
    }
    return render_html("documents/measures.html", context, template_dirs=template_dirs)


def progress_html(document: ProgressDocument, *, template_dirs: Sequence[Path] = ()) -> str:
    """The o28 report as HTML ready for WeasyPrint, A4 landscape throughout."""
    keep = document.agency.names()
    text = _map_strings(progress_text(document), lambda s: _html_text(s, keep))
    context = {
        **_common(document.thai_digits, " ".join(progress_text(document).header[:2]), True),
        "t": text,
        "counts": _table_view(text.counts, css="half"),
        "progress": _table_view(text.progress),
    }
    return render_html("documents/progress.html", context, template_dirs=template_dirs)


_thread = threading.local()


def font_configuration() -> Any:
    """This thread's WeasyPrint font configuration, made once.

    It holds the fonts of our ``@font-face`` rules (WeasyPrint adds a face once per
    configuration) and Pango's font map, whose caches of fonts and glyphs then serve
    every later document: a long-running worker pays them once. One per thread, as a
    Pango font map is not to be shared between threads.
    """
    config = getattr(_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _thread.font_config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """Lay out HTML with WeasyPrint; fonts named in ``@font-face`` are embedded (subset)."""
    from weasyprint import HTML

    pdftext.install()
    with fewer_collections():
        document = HTML(string=html, base_url=str(TEMPLATE_DIR))
        return bytes(document.write_pdf(font_config=font_configuration()))


def measures_pdf(document: MeasuresDocument, *, template_dirs: Sequence[Path] = ()) -> bytes:
    """The o27 measures document as PDF bytes."""
    return html_to_pdf(measures_html(document, template_dirs=template_dirs))


def progress_pdf(document: ProgressDocument, *, template_dirs: Sequence[Path] = ()) -> bytes:
    """The o28 progress report as PDF bytes."""
    return html_to_pdf(progress_html(document, template_dirs=template_dirs))
