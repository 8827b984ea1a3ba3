"""Charts of a result: Thai labels in a Thai font, digits of the agency, the 85 line."""

from __future__ import annotations

import dataclasses
import warnings

from itaplan.documents import charts
from itaplan.documents.tests.conftest import build_seed

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_ranking_chart_is_a_png_drawn_without_a_missing_glyph() -> None:
    document = build_seed("004").document
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)" for every Thai letter it
        # cannot draw, which would come out as boxes.
        warnings.simplefilter("error")
        ranking, compare = charts.measures_charts(document)
    assert ranking.startswith(PNG)
    assert compare is None  # no indicator scores of the previous year


def test_labels_are_thai_in_sarabun_and_digits_follow_the_agency() -> None:
    document = build_seed("004").document
    for thai, eighty in ((True, "๘๐"), (False, "80")):
        fig = charts.ranking_figure(document.ranking, thai_digits=thai)
        fig.canvas.draw()
        ax = fig.axes[0]
        names = [t.get_text() for t in ax.get_yticklabels()]
        assert names[-1].endswith("การใช้ทรัพย์สินของราชการ")  # the lowest, at the bottom
        assert {t.get_fontname() for t in ax.get_yticklabels()} == {"Sarabun"}
        assert eighty in [t.get_text() for t in ax.get_xticklabels()]


def test_the_pass_mark_is_a_dashed_line_at_85() -> None:
    document = build_seed("000").document
    ax = charts.ranking_figure(document.ranking, thai_digits=False).axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [tuple(line.get_xdata()) for line in dashed] == [(85.0, 85.0)]


def test_the_year_on_year_chart_appears_when_last_year_is_known() -> None:
    document = build_seed("000").document
    previous = {i.number: (i.score or 0) - 5 for i in document.indicators}
    with_previous = dataclasses.replace(
        document,
        indicators=tuple(
            dataclasses.replace(i, previous=previous[i.number]) for i in document.indicators
        ),
    )
    _, compare = charts.measures_charts(with_previous)
    assert compare is not None and compare.startswith(PNG)
    fig = charts.comparison_figure(
        with_previous.indicators, previous_year=2563, results_year=2564, thai_digits=True
    )
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["พ.ศ. ๒๕๖๓", "พ.ศ. ๒๕๖๔", "เกณฑ์ ๘๕ คะแนน"]
