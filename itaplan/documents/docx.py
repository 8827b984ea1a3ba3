"""Editable DOCX of the o27 measures document and the o28 progress report (python-docx).

The layout is code; the look comes from a base ``.docx`` whose styles, header and
footer are kept: ``templates/base.docx`` by default (made by
:func:`write_base_template`), or one a deployment or an agency supplies with its own
letterhead. Its body is discarded. Styles the base lacks are added with our defaults.

Thai is a complex script to Word: a run's Thai characters take the ``w:cs`` font,
``w:szCs`` size and ``w:bCs`` bold, so every font, size and bold set here is set for
both the Latin and the complex-script slots — otherwise Word shows Thai in a fallback
font at 11 pt, not bold.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from itaplan.documents import charts, fonts
from itaplan.documents.model import MeasuresDocument, ProgressDocument
from itaplan.documents.wording import Table, measures_text, progress_text

TEMPLATE_DIR = Path(__file__).with_name("templates")
DEFAULT_BASE = TEMPLATE_DIR / "base.docx"

#: Page size and margins of Thai official documents (ระเบียบงานสารบรรณ), in cm.
A4 = (21.0, 29.7)
PORTRAIT_MARGINS = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}
LANDSCAPE_MARGINS = {"top": 2.0, "bottom": 2.0, "left": 2.0, "right": 2.0}
HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"

# Our styles: name → (size in pt, bold, alignment, space before, space after in pt).
STYLES: dict[str, tuple[float, bool, WD_ALIGN_PARAGRAPH | None, float, float]] = {
    "ITA Title": (18, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
    "ITA Heading": (16, True, None, 12, 6),
    "ITA Subheading": (16, True, None, 6, 0),
    "ITA Body": (16, False, WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, 0, 0),
    "ITA Table": (14, False, None, 0, 0),
    "ITA Caption": (14, False, WD_ALIGN_PARAGRAPH.CENTER, 3, 9),
    "ITA Signature": (16, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0),
}
BODY_INDENT_CM = 2.5  # the first-line indent of a Thai official paragraph


# --- fonts and low-level XML --------------------------------------------------------

# WordprocessingML fixes the order of child elements; Word refuses a file that breaks
# it, so every element added below is put in its place by these sequences.


def _sequence(names: str) -> list[str]:
    return names.split()


_RPR = _sequence(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_SECTPR = _sequence(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
)
_TCPR = _sequence(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)
_TBLPR = _sequence(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)
_DEFAULTS = ["rPrDefault", "pPrDefault"]
_ANY_ORDER: list[str] = []  # w:trPr accepts its children in any order


def _child(parent: Any, name: str, order: Sequence[str], **attrs: str) -> Any:
    """The ``w:name`` child of ``parent``, created in schema order if missing, with ``attrs``."""
    element = parent.find(qn(f"w:{name}"))
    if element is None:
        element = OxmlElement(f"w:{name}")
        later = order[order.index(name) + 1 :] if name in order else []
        later_tags = {qn(f"w:{n}") for n in later}
        follower = next((c for c in parent if c.tag in later_tags), None)
        if follower is None:
            parent.append(element)
        else:
            follower.addprevious(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _set_fonts(rpr: Any, font: str) -> None:
    """Name ``font`` for every script slot, dropping theme fonts (which would win)."""
    rfonts = _child(rpr, "rFonts", _RPR)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), font)


def _set_size(rpr: Any, points: float) -> None:
    half_points = str(round(points * 2))
    _child(rpr, "sz", _RPR, val=half_points)
    _child(rpr, "szCs", _RPR, val=half_points)


def _set_bold(rpr: Any, bold: bool) -> None:
    for name in ("b", "bCs"):
        element = rpr.find(qn(f"w:{name}"))
        if bold and element is None:
            _child(rpr, name, _RPR)
        elif not bold and element is not None:
            rpr.remove(element)


def _set_thai_language(rpr: Any) -> None:
    _child(rpr, "lang", _RPR, val="th-TH", eastAsia="th-TH", bidi="th-TH")


def _doc_defaults_rpr(doc: DocxDocument) -> Any:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = _child(defaults, "rPrDefault", _DEFAULTS)
    return _child(rpr_default, "rPr", ["rPr"])


def set_font(doc: DocxDocument, font: str, size: float = fonts.BODY_SIZE_PT) -> None:
    """Make ``font`` the document's font for Thai and Latin text, at ``size`` points."""
    for rpr in (_doc_defaults_rpr(doc), doc.styles["Normal"].element.get_or_add_rPr()):
        _set_fonts(rpr, font)
        _set_size(rpr, size)
        _set_thai_language(rpr)
    existing = {s.name for s in doc.styles}
    for name in STYLES:
        if name in existing:
            _set_fonts(doc.styles[name].element.get_or_add_rPr(), font)


def ensure_styles(doc: DocxDocument, font: str) -> None:
    """Add the paragraph styles the writers use, where the base document lacks them."""
    existing = {s.name for s in doc.styles}
    if "Normal" in existing and doc.styles["Normal"].element.rPr is None:
        set_font(doc, font)
    for name, (size, bold, align, before, after) in STYLES.items():
        if name in existing:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr, font)
        _set_size(rpr, size)
        _set_bold(rpr, bold)
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = 1.0
        if align is not None:
            fmt.alignment = align
        if name in ("ITA Heading", "ITA Subheading"):
            fmt.keep_with_next = True


def _set_page(section: Section, *, landscape: bool, thai_digits: bool) -> None:
    width, height = A4
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Cm(height if landscape else width)
    section.page_height = Cm(width if landscape else height)
    section.top_margin = Cm(margins["top"])
    section.bottom_margin = Cm(margins["bottom"])
    section.left_margin = Cm(margins["left"])
    section.right_margin = Cm(margins["right"])
    section.footer_distance = Cm(1.0)
    # The PAGE field is printed in the section's number format: Thai digits or Arabic.
    _child(section._sectPr, "pgNumType", _SECTPR, fmt="thaiNumbers" if thai_digits else "decimal")


def _text_width_cm(section: Section) -> float:
    return float((section.page_width - section.left_margin - section.right_margin) / Cm(1))


def _add_page_number(section: Section) -> None:
    """A centred PAGE field in the footer, unless the base's footer already has content."""
    footer = section.footer
    if any(p.text.strip() for p in footer.paragraphs) or footer._element.xpath(".//w:fldChar"):
        return
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def write_base_template(path: Path = DEFAULT_BASE, *, font: str = fonts.DOCX_FONT) -> Path:
    """Write the default base document: A4 portrait, our styles, a page number footer."""
    doc = Document()
    set_font(doc, font)
    ensure_styles(doc, font)
    section = doc.sections[0]
    _set_page(section, landscape=False, thai_digits=True)
    _add_page_number(section)
    for paragraph in list(doc.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _open_base(base_template: Path | None, font: str | None) -> DocxDocument:
    """The base document with an empty body: its styles, sections, header and footer."""
    doc = Document(str(base_template or DEFAULT_BASE))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if font:
        set_font(doc, font)
    ensure_styles(doc, font or fonts.DOCX_FONT)
    return doc


# --- content ------------------------------------------------------------------------


def _para(doc: DocxDocument | Any, text: str, style: str, *, bold: bool = False) -> Paragraph:
    paragraph: Paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if bold:
        _set_bold(run._r.get_or_add_rPr(), True)
    return paragraph


def _body(doc: DocxDocument, text: str, *, bold: bool = False) -> Paragraph:
    paragraph = _para(doc, text, "ITA Body", bold=bold)
    paragraph.paragraph_format.first_line_indent = Cm(BODY_INDENT_CM)
    return paragraph


def _shade(cell: Any, fill: str) -> None:
    _child(cell._tc.get_or_add_tcPr(), "shd", _TCPR, val="clear", color="auto", fill=fill)


def _borders(table: DocxTable) -> None:
    """Single-line borders on every cell, set directly so any base template shows them."""
    tbl_pr = table._tbl.tblPr
    borders = _child(tbl_pr, "tblBorders", _TBLPR)
    sides = ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"]
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, side, sides, val="single", sz="4", space="0", color="000000")


def _fill_cell(cell: Any, lines: Sequence[str], *, bold: bool, centred: bool) -> None:
    first, *rest = lines or ("",)
    paragraphs = [cell.paragraphs[0]]
    paragraphs[0].style = "ITA Table"
    paragraphs[0].add_run(first)
    for line in rest:
        paragraph = cell.add_paragraph(style="ITA Table")
        paragraph.add_run(line)
        paragraphs.append(paragraph)
    for paragraph in paragraphs:
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if bold:
            for run in paragraph.runs:
                _set_bold(run._r.get_or_add_rPr(), True)


def _table(doc: DocxDocument, table: Table, width_cm: float) -> DocxTable:
    """A bordered table with a repeated, shaded header row and merged group cells."""
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _borders(grid)
    scale = width_cm / sum(table.widths)
    widths = [Cm(w * scale) for w in table.widths]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    header = grid.rows[0]
    _child(header._tr.get_or_add_trPr(), "tblHeader", _ANY_ORDER, val="true")
    for cell, text in zip(header.cells, table.header, strict=True):
        _fill_cell(cell, (text,), bold=True, centred=True)
        _shade(cell, HEADER_FILL)
    group_start: tuple[int, str] | None = None
    for index, row in enumerate(table.rows, start=1):
        cells = grid.rows[index].cells
        same_group = bool(row.group) and group_start is not None and group_start[1] == row.group
        for column, (cell, content) in enumerate(zip(cells, row.cells, strict=True)):
            if column == 0 and same_group:
                continue  # merged below into the group's first cell
            _fill_cell(cell, content.lines, bold=content.bold, centred=column in table.centred)
            if content.bold:
                _shade(cell, GROUP_FILL)
        if same_group and group_start is not None:
            grid.cell(group_start[0], 0).merge(grid.cell(index, 0))
        else:
            group_start = (index, row.group) if row.group else None
    return grid


def _picture(doc: DocxDocument, png: bytes, width_cm: float, caption: str) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    picture_paragraph = doc.paragraphs[-1]
    picture_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture_paragraph.paragraph_format.keep_with_next = True
    _para(doc, caption, "ITA Caption")


def _signature(doc: DocxDocument, lines: Sequence[str], text_width_cm: float) -> None:
    """The approval block in the right half of the page, kept on one page."""
    doc.add_paragraph(style="ITA Signature")
    for n, line in enumerate(lines):
        paragraph = _para(doc, line, "ITA Signature")
        paragraph.paragraph_format.left_indent = Cm(text_width_cm / 2)
        paragraph.paragraph_format.keep_with_next = n < len(lines) - 1
        if n == 0:
            paragraph.paragraph_format.space_before = Pt(24)


def _header(doc: DocxDocument, lines: Sequence[str]) -> None:
    for line in lines:
        _para(doc, line, "ITA Title")
    doc.add_paragraph(style="ITA Body")


def _new_landscape_section(doc: DocxDocument, thai_digits: bool) -> Section:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, landscape=True, thai_digits=thai_digits)
    return section


def _set_properties(doc: DocxDocument, title: str, author: str) -> None:
    props = doc.core_properties
    props.title = title
    props.author = author
    props.language = "th-TH"


def measures_docx(
    document: MeasuresDocument,
    *,
    base_template: Path | None = None,
    font: str | None = None,
) -> bytes:
    """The o27 measures document as DOCX bytes.

    Page one and the analysis are A4 portrait; the measures table and the approval
    block follow in a landscape section. ``base_template`` replaces the default look
    (styles, header, footer); ``font`` (e.g. :data:`~itaplan.documents.fonts.DOCX_FALLBACK_FONT`)
    replaces the base's font.
    """
    text = measures_text(document)
    doc = _open_base(base_template, font)
    first = doc.sections[0]
    _set_page(first, landscape=False, thai_digits=document.thai_digits)
    _add_page_number(first)
    width = _text_width_cm(first)
    _set_properties(doc, " ".join(text.header[:2]), document.agency.name)

    _header(doc, text.header)
    _para(doc, text.results_heading, "ITA Heading")
    _body(doc, text.summary)
    _table(doc, text.results, width)
    _para(doc, text.ranking_heading, "ITA Heading")
    _picture(
        doc,
        charts.ranking_chart(
            document.ranking,
            thai_digits=document.thai_digits,
            pass_mark=document.pass_mark,
            class_labels={
                i.class_key: i.class_label
                for i in document.indicators
                if i.class_key and i.class_label
            },
        ),
        width,
        text.chart_caption,
    )
    _table(doc, text.ranking, width)
    if text.ranking_note:
        _body(doc, text.ranking_note)
    if document.has_previous:
        _picture(
            doc,
            charts.comparison_chart(
                document.indicators,
                previous_year=document.previous_year,
                results_year=document.results_year,
                thai_digits=document.thai_digits,
                pass_mark=document.pass_mark,
            ),
            width,
            text.compare_caption,
        )
    if text.items is not None:
        _para(doc, text.items_heading, "ITA Heading")
        _table(doc, text.items, width)
    _para(doc, text.analysis_heading, "ITA Heading")
    for tool in text.analysis:
        _para(doc, tool.heading, "ITA Subheading")
        for indicator in tool.indicators:
            _body(doc, indicator.heading, bold=True)
            for paragraph in indicator.paragraphs:
                _body(doc, paragraph)
            if indicator.weak_items:
                _body(doc, "ประเด็นที่ยังไม่ได้คะแนนเต็ม:")
                for item in indicator.weak_items:
                    bullet = _para(doc, f"– {item}", "ITA Body")
                    bullet.paragraph_format.left_indent = Cm(BODY_INDENT_CM)

    section = _new_landscape_section(doc, document.thai_digits)
    wide = _text_width_cm(section)
    _para(doc, text.measures_heading, "ITA Heading")
    _body(doc, text.measures_intro)
    _table(doc, text.measures, wide)
    _signature(doc, text.approval, wide)
    return _save(doc)


def progress_docx(
    document: ProgressDocument,
    *,
    base_template: Path | None = None,
    font: str | None = None,
) -> bytes:
    """The o28 progress report as DOCX bytes, A4 landscape throughout."""
    text = progress_text(document)
    doc = _open_base(base_template, font)
    section = doc.sections[0]
    _set_page(section, landscape=True, thai_digits=document.thai_digits)
    _add_page_number(section)
    width = _text_width_cm(section)
    _set_properties(doc, " ".join(text.header[:2]), document.agency.name)
    _header(doc, text.header)
    _para(doc, text.round_line, "ITA Heading")
    _body(doc, text.summary)
    _table(doc, text.counts, width / 2)
    doc.add_paragraph(style="ITA Body")
    _table(doc, text.progress, width)
    _signature(doc, text.approval, width)
    return _save(doc)


def _save(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
