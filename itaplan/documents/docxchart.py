"""A :class:`~itaplan.documents.charts.BarChart` as a native chart of a DOCX.

A Word chart is a DrawingML chart part (``word/charts/chartN.xml``, ECMA-376 Part 1
§21.2) related from the document and placed inline by a ``<c:chart r:id=…>`` graphic;
the data it was made from travels beside it as an embedded workbook, so "Edit Data"
in Word opens the scores. python-pptx writes both: its chart XML writer and chart
object model are the same in a presentation and a document, only the package differs;
python-docx holds the parts. Word and LibreOffice draw the chart from the values
cached in its XML.

Scores written in Thai digits are each a data label's own text: no number format of
Word's draws Thai digits that LibreOffice reads (``[$-D07041E]`` falls back to
"General" there). With Arabic digits the labels are the values in the format
``0.00``, so they follow an edit of the data.

The pass mark is the value axis' only step: its one gridline, dashed, stands at the
pass mark, and the axis title says so.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Length
from docx.text.run import Run
from lxml import etree

from itaplan.documents.charts import SCALE_MAX, BarChart

CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_INLINE = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
    '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{id}" name="{name}"/>'
    "<wp:cNvGraphicFramePr/><a:graphic>"
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
)
LABEL_PT, TEXT_PT = 13, 14


def _rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#"))


def _chart_data(chart: BarChart) -> Any:
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format="0.00")
    # A bar chart draws its first category at the bottom, and in each category its first
    # series lowest: give both bottom up, so the chart reads top down as the PDF's does.
    data.categories = list(reversed(chart.categories))
    for series in reversed(chart.series):
        data.add_series(series.name, list(reversed(series.values)))
    return data


def _set_font(text_properties: Any, family: str) -> None:
    """``family`` for Latin and Thai (complex script) text of a chart's text properties."""
    for child in text_properties.findall(f"{{{_A}}}latin"):
        text_properties.remove(child)
    for slot in ("latin", "cs"):
        etree.SubElement(text_properties, f"{{{_A}}}{slot}", typeface=family)


def chart_part_xml(chart: BarChart, font: str, workbook_rid: str | None = None) -> bytes:
    """The chart part's XML, written by python-pptx; ``workbook_rid`` relates its data."""
    from pptx.chart.chart import Chart
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml import parse_xml as parse_chart_xml
    from pptx.util import Pt

    space = parse_chart_xml(
        ChartXmlWriter(XL_CHART_TYPE.BAR_CLUSTERED, _chart_data(chart)).xml.encode()
    )
    view = Chart(space, None)
    view.font.size = Pt(TEXT_PT)
    _set_font(view.font._rPr, font)
    view.has_legend = True
    view.legend.position = XL_LEGEND_POSITION.TOP
    view.legend.include_in_layout = False
    plot = view.plots[0]
    plot.gap_width = 40
    plot.overlap = 100 if chart.one_bar_per_row else 0
    for series, drawn in zip(reversed(chart.series), plot.series, strict=True):
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = _rgb(series.colour)
        labels = drawn.data_labels
        labels.font.size = Pt(LABEL_PT)
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.show_value = True
        labels.number_format, labels.number_format_is_linked = "0.00", False
        if chart.thai_digits:
            values = list(reversed(series.values))
            for point, value in zip(drawn.points, values, strict=True):
                if value is not None:
                    point.data_label.text_frame.text = chart.value_label(value)
                    point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    axis = view.value_axis
    axis.minimum_scale, axis.maximum_scale = 0, SCALE_MAX
    axis.major_unit = chart.pass_mark
    axis.has_major_gridlines = True
    line = axis.major_gridlines.format.line
    line.dash_style = MSO_LINE_DASH_STYLE.DASH
    line.color.rgb = _rgb("#333333")
    line.width = Pt(1)
    axis.tick_label_position = TICK_LABELS.NONE
    axis.has_title = True
    axis.axis_title.text_frame.text = f"คะแนน (เส้นประ: {chart.pass_label})"
    if workbook_rid:
        space._add_externalData().rId = workbook_rid
    return bytes(etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True))


def chart_workbook(chart: BarChart) -> bytes:
    """The chart's data as the workbook Word opens to edit it (python-pptx, XlsxWriter)."""
    return bytes(_chart_data(chart).xlsx_blob)


def add_chart(
    doc: DocxDocument, run: Run, chart: BarChart, width: Length, height: Length, font: str
) -> None:
    """Put ``chart`` in ``run`` of ``doc``, ``width`` by ``height``, its text in ``font``."""
    package = doc.part.package
    used = {p.partname for p in package.iter_parts()}
    number = 1
    while PackURI(f"/word/charts/chart{number}.xml") in used:
        number += 1
    part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART, b"", package)
    sheet = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        WORKBOOK,
        chart_workbook(chart),
        package,
    )
    part._blob = chart_part_xml(chart, font, part.relate_to(sheet, RT.PACKAGE))
    graphic = _INLINE.format(
        cx=int(width),
        cy=int(height),
        id=doc.part.next_id,
        name=f"Chart {number}",
        rid=doc.part.relate_to(part, RT.CHART),
    )
    run._r.append(parse_xml(graphic))
