"""Charts of a result: the ranking of the indicators and year on year.

A chart is described once, as a :class:`BarChart` (its bars, their colours and their
labels in the agency's digits, the pass mark), and each format draws it in its own
terms: the DOCX as a native Word chart (:mod:`.docxchart`), which the agency can edit
and LibreOffice draws too, the PDF as HTML bars (``documents/_chart.html``), which
WeasyPrint lays out as text: sharp at any zoom, and its Thai can be searched and
copied. Drawing a PNG with matplotlib instead cost 120 ms a document and 0.4 s of
imports in every cold start.

Bars run across the page, one row per indicator, so its Thai name stands on one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from itaplan.documents.model import IndicatorScore, MeasuresDocument
from itaplan.documents.wording import Words

#: Bar colours by class: urgent, improve, maintain; grey when unscored.
CLASS_COLOURS = {"urgent": "#c0392b", "improve": "#e0a526", "maintain": "#2e8b57"}
CLASS_ORDER = ("urgent", "improve", "maintain")
PREVIOUS_COLOUR = "#9db4d3"
CURRENT_COLOUR = "#1f4e8c"
#: Scores run from 0 to this on the value axis.
SCALE_MAX = 100.0


@dataclass(frozen=True)
class Series:
    """One colour of bars: a class of indicators, or one year's scores."""

    name: str
    colour: str  # "#rrggbb"
    #: One value per category; ``None`` where the series has no bar.
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one row per category from the top down, a dashed line at the pass mark.

    With ``one_bar_per_row`` each category has a value in one series only (the series
    are classes): the bar takes the whole row. Otherwise the series' bars stand side by
    side in each row.
    """

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    pass_mark: float
    thai_digits: bool
    one_bar_per_row: bool

    @property
    def pass_label(self) -> str:
        return Words(self.thai_digits).text(f"เกณฑ์ {self.pass_mark:g} คะแนน")

    def value_label(self, value: float) -> str:
        """A bar's score, two decimals, in the agency's digits."""
        return Words(self.thai_digits).score(value)


def ranking_chart(
    indicators: Sequence[IndicatorScore],
    *,
    thai_digits: bool,
    pass_mark: float = 85.0,
    class_labels: Mapping[str, str] | None = None,
) -> BarChart:
    """The scored indicators as bars in the order given (pass them ranked, highest
    first), coloured by class, one series per class present."""
    w = Words(thai_digits)
    scored = [i for i in indicators if i.score is not None]
    labels = class_labels or {}
    present = [k for k in CLASS_ORDER if any(i.class_key == k for i in scored)]
    series = tuple(
        Series(
            labels.get(key, key),
            CLASS_COLOURS[key],
            tuple(i.score if i.class_key == key else None for i in scored),
        )
        for key in present
    )
    return BarChart(
        categories=tuple(w.text(f"{i.number}. {i.name}") for i in scored),
        series=series,
        pass_mark=pass_mark,
        thai_digits=thai_digits,
        one_bar_per_row=True,
    )


def comparison_chart(
    indicators: Sequence[IndicatorScore],
    *,
    previous_year: int,
    results_year: int,
    thai_digits: bool,
    pass_mark: float = 85.0,
) -> BarChart:
    """Every indicator in number order, last year's bar above this year's."""
    w = Words(thai_digits)
    return BarChart(
        categories=tuple(w.text(f"{i.number}. {i.name}") for i in indicators),
        series=(
            Series(w.year(previous_year), PREVIOUS_COLOUR, tuple(i.previous for i in indicators)),
            Series(w.year(results_year), CURRENT_COLOUR, tuple(i.score for i in indicators)),
        ),
        pass_mark=pass_mark,
        thai_digits=thai_digits,
        one_bar_per_row=False,
    )


def measures_charts(document: MeasuresDocument) -> tuple[BarChart, BarChart | None]:
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
