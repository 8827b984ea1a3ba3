"""Charts of a result as PNG images: the ranking of the ten indicators and year on year.

Drawn with matplotlib's Agg canvas on a private ``Figure``: no pyplot, no global
backend switch, safe in a web worker. Thai labels use the shipped Sarabun font, registered with matplotlib once;
without it matplotlib's default font would draw Thai as empty boxes.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from itaplan.documents import fonts
from itaplan.documents.model import IndicatorScore, MeasuresDocument
from itaplan.documents.wording import Words

#: Bar colours by class: urgent, improve, maintain; grey when unscored.
CLASS_COLOURS = {"urgent": "#c0392b", "improve": "#e0a526", "maintain": "#2e8b57", None: "#999999"}
PREVIOUS_COLOUR = "#9db4d3"
CURRENT_COLOUR = "#1f4e8c"
DPI = 150  # 16 cm wide: about 950 px, sharp in print, small and quick to draw


@functools.cache
def _register_fonts() -> None:
    for path in (fonts.REGULAR, fonts.BOLD):
        font_manager.fontManager.addfont(str(path))


def _figure(width_cm: float, height_cm: float) -> Figure:
    fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    # zlib level 1: a tenth of the time of the default 6, and no bigger for flat charts
    fig.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


_PASS_LINE: dict[str, Any] = {"color": "#333333", "linestyle": "--", "linewidth": 1}


def _pass_label(w: Words, pass_mark: float) -> str:
    return w.text(f"เกณฑ์ {pass_mark:g} คะแนน")


def _style(ax: object) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]


def _thai() -> Any:
    """Settings under which every text of a chart is drawn in Sarabun."""
    _register_fonts()
    return matplotlib.rc_context({"font.family": fonts.FAMILY, "font.size": 11})


def ranking_figure(
    indicators: Sequence[IndicatorScore],
    *,
    thai_digits: bool,
    pass_mark: float = 85.0,
    class_labels: dict[str, str] | None = None,
) -> Figure:
    """Horizontal bars of the scored indicators, highest on top, a dashed line at the pass mark.

    ``indicators`` are drawn in the order given (pass them ranked). Bars are coloured by
    class and labelled with their score in the agency's digits. The figure is not drawn
    yet: saving it draws it once (drawing is most of the cost).
    """
    w = Words(thai_digits)
    scored = [i for i in indicators if i.score is not None]
    fig = _figure(16, 3.4 + 0.6 * max(len(scored), 1))
    with _thai():
        ax = fig.add_subplot()
        labels = [w.text(f"{i.number}. {i.name}") for i in scored]
        values = [i.score or 0.0 for i in scored]
        positions = range(len(scored))
        bars = ax.barh(
            positions, values, color=[CLASS_COLOURS.get(i.class_key, "#999999") for i in scored]
        )
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 108)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: w.text(f"{x:g}")))
        line = ax.axvline(pass_mark, **_PASS_LINE, label=_pass_label(w, pass_mark))
        ax.bar_label(bars, labels=[w.score(v) for v in values], padding=3, fontsize=10)
        ax.set_xlabel("คะแนน")
        _style(ax)
        present = [k for k in ("urgent", "improve", "maintain") if k in (class_labels or {})]
        handles = [Patch(color=CLASS_COLOURS[k], label=(class_labels or {})[k]) for k in present]
        ax.legend(
            handles=[*handles, line],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=len(handles) + 1,
            frameon=False,
            fontsize=10,
        )
    return fig


def ranking_chart(
    indicators: Sequence[IndicatorScore],
    *,
    thai_digits: bool,
    pass_mark: float = 85.0,
    class_labels: dict[str, str] | None = None,
) -> bytes:
    """:func:`ranking_figure` as PNG bytes."""
    with _thai():
        return _png(
            ranking_figure(
                indicators, thai_digits=thai_digits, pass_mark=pass_mark, class_labels=class_labels
            )
        )


def comparison_figure(
    indicators: Sequence[IndicatorScore],
    *,
    previous_year: int,
    results_year: int,
    thai_digits: bool,
    pass_mark: float = 85.0,
) -> Figure:
    """Grouped bars, previous year beside this year, for every indicator in number order."""
    w = Words(thai_digits)
    fig = _figure(16, 8.5)
    with _thai():
        ax = fig.add_subplot()
        numbers = [i.number for i in indicators]
        width = 0.38
        previous = [i.previous if i.previous is not None else 0.0 for i in indicators]
        current = [i.score if i.score is not None else 0.0 for i in indicators]
        left = [n - width / 2 for n in numbers]
        right = [n + width / 2 for n in numbers]
        before = ax.bar(left, previous, width, color=PREVIOUS_COLOUR, label=w.year(previous_year))
        now = ax.bar(right, current, width, color=CURRENT_COLOUR, label=w.year(results_year))
        ax.set_xticks(numbers, [w.text(str(n)) for n in numbers])
        ax.set_xlabel("ตัวชี้วัดที่")
        ax.set_ylim(0, 105)
        ax.set_ylabel("คะแนน")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: w.text(f"{y:g}")))
        line = ax.axhline(pass_mark, **_PASS_LINE, label=_pass_label(w, pass_mark))
        ax.legend(
            handles=[before, now, line],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=3,
            frameon=False,
        )
        _style(ax)
    return fig


def comparison_chart(
    indicators: Sequence[IndicatorScore],
    *,
    previous_year: int,
    results_year: int,
    thai_digits: bool,
    pass_mark: float = 85.0,
) -> bytes:
    """:func:`comparison_figure` as PNG bytes."""
    with _thai():
        return _png(
            comparison_figure(
                indicators,
                previous_year=previous_year,
                results_year=results_year,
                thai_digits=thai_digits,
                pass_mark=pass_mark,
            )
        )


def measures_charts(document: MeasuresDocument) -> tuple[bytes, bytes | None]:
    """The charts of an o27 document: the ranking, and year on year when last year is known."""
    ranking = ranking_chart(
        document.ranking,
        thai_digits=document.thai_digits,
        pass_mark=document.pass_mark,
        class_labels={
            i.class_key: i.class_label for i in document.indicators if i.class_key and i.class_label
        },
    )
    if not document.has_previous:
        return ranking, None
    compare = comparison_chart(
        document.indicators,
        previous_year=document.previous_year,
        results_year=document.results_year,
        thai_digits=document.thai_digits,
        pass_mark=document.pass_mark,
    )
    return ranking, compare
