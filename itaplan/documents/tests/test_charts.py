"""Charts of a result: bars by class in the agency's digits and the pass mark, drawn as a
native Word chart in the DOCX and as HTML bars in the PDF."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import openpyxl
from lxml import etree

from itaplan.documents import charts, docx, pdf
from itaplan.documents.docxchart import CHART
from itaplan.documents.model import MeasuresDocument
from itaplan.documents.tests.conftest import (
    build_seed,
    normalise,
    pdf_text,
    seed_docx_bytes,
    seed_pdf_file,
)
from itaplan.documents.wording import Words

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}


def with_last_year(document: MeasuresDocument) -> MeasuresDocument:
    return dataclasses.replace(
        document,
        indicators=tuple(
            dataclasses.replace(i, previous=(i.score or 0) - 5) for i in document.indicators
        ),
    )


def chart_parts(data: bytes) -> list[tuple[etree._Element, zipfile.ZipFile, str]]:
    """Each chart part of a DOCX (in document order), with the package and its name."""
    package = zipfile.ZipFile(io.BytesIO(data))
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    body = etree.fromstring(package.read("word/document.xml"))
    rid = f"{{{NS['r']}}}id"
    names = [f"word/{targets[c.get(rid)]}" for c in body.iterfind(".//c:chart", NS)]
    return [(etree.fromstring(package.read(name)), package, name) for name in names]


def test_the_ranking_has_one_bar_per_indicator_highest_first_coloured_by_class() -> None:
    document = build_seed("004").document
    ranking, compare = charts.measures_charts(document)
    assert compare is None  # no indicator scores of the previous year
    w = Words(document.thai_digits)
    assert ranking.categories == tuple(w.text(f"{i.number}. {i.name}") for i in document.ranking)
    assert ranking.categories[-1].endswith("การใช้ทรัพย์สินของราชการ")  # the lowest, last
    for row, indicator in enumerate(document.ranking):
        bars = [(s.name, s.colour, s.values[row]) for s in ranking.series if s.values[row]]
        assert bars == [
            (indicator.class_label, charts.CLASS_COLOURS[indicator.class_key], indicator.score)
        ]


def test_labels_follow_the_agency_digits() -> None:
    document = build_seed("004").document
    for thai, pass_label, lowest in (
        (True, "เกณฑ์ ๘๕ คะแนน", "๘๙.๐๕"),
        (False, "เกณฑ์ 85 คะแนน", "89.05"),
    ):
        chart = charts.ranking_chart(document.ranking, thai_digits=thai)
        assert chart.pass_label == pass_label
        assert chart.value_label(document.ranking[-1].score or 0) == lowest
        assert chart.categories[0] == Words(thai).text(chart.categories[0])


def test_the_year_on_year_chart_appears_when_last_year_is_known() -> None:
    document = with_last_year(build_seed("000").document)
    _, compare = charts.measures_charts(document)
    assert compare is not None and not compare.one_bar_per_row
    assert [s.name for s in compare.series] == ["พ.ศ. 2563", "พ.ศ. 2564"]
    assert compare.series[1].values == tuple(i.score for i in document.indicators)
    assert compare.series[0].values == tuple((i.score or 0) - 5 for i in document.indicators)


def test_the_docx_holds_a_native_chart_of_the_ten_scores_in_thai_digits() -> None:
    document = build_seed("004").document
    [(space, package, name)] = chart_parts(seed_docx_bytes("004"))
    assert name.startswith("word/charts/")
    types = package.read("[Content_Types].xml").decode()
    assert f'ContentType="{CHART}"' in types
    bar = space.find(".//c:barChart", NS)
    assert bar.find("c:barDir", NS).get("val") == "bar"
    # Word draws the first category at the bottom: the cache holds them bottom up.
    categories = [v.text for v in bar.find("c:ser", NS).iterfind("c:cat//c:pt/c:v", NS)]
    w = Words(document.thai_digits)
    assert categories[::-1] == [w.text(f"{i.number}. {i.name}") for i in document.ranking]
    values: dict[int, float] = {}
    labels: dict[int, str] = {}
    for series in bar.iterfind("c:ser", NS):
        for point in series.iterfind("c:val//c:pt", NS):
            values[int(point.get("idx"))] = float(point.find("c:v", NS).text)
        for label in series.iterfind("c:dLbls/c:dLbl", NS):
            labels[int(label.find("c:idx", NS).get("val"))] = "".join(label.itertext())
    scores = [i.score for i in reversed(document.ranking)]
    assert [values[i] for i in range(len(scores))] == scores
    assert [labels[i] for i in range(len(scores))] == [
        Words(True).score(s) for s in scores
    ]  # Thai digits, as the agency prints
    axis = space.find(".//c:valAx", NS)
    assert float(axis.find("c:majorUnit", NS).get("val")) == document.pass_mark
    assert "เกณฑ์ ๘๕ คะแนน" in "".join(axis.find("c:title", NS).itertext())


def test_the_chart_data_opens_as_a_workbook_to_edit_in_word() -> None:
    document = build_seed("004").document
    [(space, package, name)] = chart_parts(seed_docx_bytes("004"))
    rid = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
    rels_name = name.replace("charts/", "charts/_rels/") + ".rels"
    rels = etree.fromstring(package.read(rels_name))
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    book = openpyxl.load_workbook(io.BytesIO(package.read(f"word/{target.lstrip('./')}")))
    cells = [c for row in book.active.iter_rows(min_row=2, values_only=True) for c in row]
    assert sorted(c for c in cells if isinstance(c, float | int)) == sorted(
        i.score for i in document.ranking
    )


def test_arabic_digit_labels_are_the_values_in_a_number_format() -> None:
    [(space, _, _)] = chart_parts(seed_docx_bytes("000"))
    assert space.find(".//c:dLbl", NS) is None
    formats = {f.get("formatCode") for f in space.iterfind(".//c:dLbls/c:numFmt", NS)}
    assert formats == {"0.00"}


def test_last_years_scores_add_a_second_native_chart() -> None:
    document = with_last_year(build_seed("000").document)
    first, second = chart_parts(docx.measures_docx(document))
    names = [s.find("c:tx//c:v", NS).text for s in second[0].iterfind(".//c:ser", NS)]
    assert names == ["พ.ศ. 2564", "พ.ศ. 2563"]  # bottom up: last year's bar above
    assert first[2] != second[2]


def test_the_pdf_draws_the_chart_as_text_in_reading_order() -> None:
    document = build_seed("004").document
    ranking, _ = charts.measures_charts(document)
    raw = normalise(pdf_text(seed_pdf_file("004"), "-raw"))
    expected = [
        normalise(c) + normalise(ranking.value_label(i.score or 0))
        for c, i in zip(ranking.categories, document.ranking, strict=True)
    ]
    assert normalise("".join(expected)) in raw
    assert normalise(ranking.pass_label) in raw


def test_the_pdf_chart_is_in_the_html_without_an_image() -> None:
    html = pdf.measures_html(build_seed("004").document)
    assert "<img" not in html
    assert html.count('class="fill"') == 10
