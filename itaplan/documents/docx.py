"""Editable DOCX of the o27 measures document and the o28 progress report (python-docx).

The layout is code; the look comes from a base ``.docx`` whose styles, header and
footer are kept: ``templates/base.docx`` by default (made by
:func:`write_base_template`), or one a deployment or an agency supplies with its own
letterhead. Its body is discarded. Styles the base lacks are added with our defaults.

The default font, "Sarabun ITA", travels inside the file (:mod:`.docxfonts`; why, in
:mod:`.fonts`), and the styles give it the PDF's line heights, so Word and LibreOffice
on any machine lay the document out as the PDF is laid out.

Thai is a complex script to Word: a run's Thai characters take the ``w:cs`` font,
``w:szCs`` size and ``w:bCs`` bold, so every font, size and bold set here is set for
both the Latin and the complex-script slots — otherwise Word shows Thai in a fallback
font at 11 pt, not bold.
"""

from __future__ import annotations

import datetime as dt
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

from itaplan.documents import charts, docxchart, docxfonts, fonts
from itaplan.documents.model import Agency, MeasuresDocument, ProgressDocument
from itaplan.documents.wording import WEAK_ITEMS, Table, measures_text, progress_text

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
#: Line heights of the PDF (CSS line-height), given to the embedded font's lines.
LINE_HEIGHT = {"ITA Table": 1.4}
BODY_LINE_HEIGHT = 1.5
BODY_INDENT_CM = 2.5  # the first-line indent of a Thai official paragraph
#: Height of a chart: its legend and axis title, and each row of bars.
CHART_FRAME_CM, CHART_BAR_CM = 3.4, 0.6


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
            doc.styles[name].paragraph_format.line_spacing = _line_spacing(name, font)


def _line_spacing(style: str, font: str) -> float:
    """Single lines, or in the embedded font the lines of the PDF (its single line is taller)."""
    if font != fonts.DOCX_FONT:
        return 1.0
    return fonts.docx_line_spacing(LINE_HEIGHT.get(style, BODY_LINE_HEIGHT))


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
        fmt.line_spacing = _line_spacing(name, font)
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
    # (Not the field switch \* ThaiArabic: LibreOffice prints it as Thai letters ก ข ค.)
    _child(section._sectPr, "pgNumType", _SECTPR, fmt="thaiNumbers" if thai_digits else "decimal")


def _text_width_cm(section: Section) -> float:
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return float(width / Cm(1))


def _add_page_number(section: Section) -> None:
    """A centred PAGE field in the footer, unless the base's footer already has content."""
    footer = section.footer
    if any(p.text.strip() for p in footer.paragraphs) or footer._element.xpath(".//w:fldChar"):
        return
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in ("begin", " PAGE ", "separate", "1", "end"):
        run = paragraph.add_run()
        if part == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = part
            run._r.append(instr)
        elif part == "1":
            run.text = part  # shown until the program updates the field
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), part)
            run._r.append(char)


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
    _drop_library_parts(doc)
    _drop_unused_styles(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


#: Parts of python-docx's own template that are no part of a document: a thumbnail of
#: its blank page, Word 2010's duplicate of the styles, a custom XML item.
_LIBRARY_PARTS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)


_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>itaplan</Application></Properties>"
)


def _drop_library_parts(doc: DocxDocument) -> None:
    """No trace of python-docx's template: its extra parts, its author and dates, and the
    Word for Mac statistics of its blank page."""
    for rels in (doc.part.package.rels, doc.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in _LIBRARY_PARTS:
                rels.pop(r_id)
            elif rel.reltype.endswith("/extended-properties"):
                rel.target_part._blob = _APP_PROPERTIES
    props = doc.core_properties
    props.author = props.last_modified_by = props.comments = props.title = ""
    props.created = props.modified = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    props.revision = 1


def _drop_unused_styles(doc: DocxDocument) -> None:
    """Keep the default styles, ours and those they lean on; drop the other 160 styles
    and the latent-style list of python-docx's template (400 kB read on every document)."""
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {i for i, s in by_id.items() if s.get(qn("w:default")) == "1"}
    keep |= {doc.styles[name].style_id for name in STYLES} | {"Header", "Footer"}
    keep &= by_id.keys()
    pending = list(keep)
    while pending:
        style = by_id[pending.pop()]
        for link in ("basedOn", "next", "link"):
            element = style.find(qn(f"w:{link}"))
            target = element.get(qn("w:val")) if element is not None else None
            if target in by_id and target not in keep:
                keep.add(target)
                pending.append(target)
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)


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


class _Writer:
    """Appends paragraphs, tables and pictures to a document in our styles.

    Style ids are looked up once: python-docx resolves a style given by name by
    scanning every style, which made a long document several times slower.
    """

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.style_ids = {name: doc.styles[name].style_id for name in STYLES}

    def para(self, text: str, style: str, *, bold: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_ids[style]
        run = paragraph.add_run(text)
        if bold:
            _set_bold(run._r.get_or_add_rPr(), True)
        return paragraph

    def body(self, text: str, *, bold: bool = False) -> Paragraph:
        """A body paragraph with the official first-line indent."""
        paragraph = self.para(text, "ITA Body", bold=bold)
        paragraph.paragraph_format.first_line_indent = Cm(BODY_INDENT_CM)
        return paragraph

    def header(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.para(line, "ITA Title")
        self.para("", "ITA Body")

    def chart(self, chart: charts.BarChart, width_cm: float, caption: str) -> None:
        """A native Word chart across the text width, kept with its caption."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        bars = len(chart.categories) * (1 if chart.one_bar_per_row else len(chart.series))
        height = Cm(CHART_FRAME_CM + CHART_BAR_CM * bars * (1 if chart.one_bar_per_row else 0.7))
        docxchart.add_chart(
            self.doc, paragraph.add_run(), chart, Cm(width_cm), height, _thai_font(self.doc)
        )
        self.para(caption, "ITA Caption")

    def signature(
        self, lines: Sequence[str], text_width_cm: float, *, with_next: bool = False
    ) -> None:
        """A signature block in the right half of the page, kept on one page (and with
        the block after it when ``with_next``: the preparer's with the approver's)."""
        for n, line in enumerate(lines):
            paragraph = self.para(line, "ITA Signature")
            fmt = paragraph.paragraph_format
            fmt.left_indent = Cm(text_width_cm / 2)
            fmt.keep_with_next = with_next or n < len(lines) - 1
            if n == 0:
                fmt.space_before = Pt(36)

    def _fill_cell(self, cell: Any, lines: Sequence[str], *, bold: bool, centred: bool) -> None:
        paragraphs = [cell.paragraphs[0]]
        paragraphs += [cell.add_paragraph() for _ in lines[1:]]
        for paragraph, line in zip(paragraphs, lines or ("",), strict=False):
            paragraph._p.style = self.style_ids["ITA Table"]
            run = paragraph.add_run(line)
            if bold:
                _set_bold(run._r.get_or_add_rPr(), True)
            if centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def table(self, table: Table, width_cm: float, *, whole_rows: bool = False) -> DocxTable:
        """A bordered table with a shaded header row repeated on every page. With
        ``whole_rows`` no row breaks across pages and the rows under one merged cell are
        kept on one page where they fit: a row carried over would show its merged cells
        empty on the next page."""
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        _borders(grid)
        scale = width_cm / sum(table.widths)
        widths = [Cm(w * scale) for w in table.widths]
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        rows = [row.cells for row in grid.rows]
        for cells in rows:
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
        _child(grid.rows[0]._tr.get_or_add_trPr(), "tblHeader", _ANY_ORDER, val="true")
        for cell, text in zip(rows[0], table.header, strict=True):
            self._fill_cell(cell, (text,), bold=True, centred=True)
            _shade(cell, HEADER_FILL)
        spans = []
        for index, (cells, row) in enumerate(zip(rows[1:], table.rows, strict=True), start=1):
            for column, (cell, content) in enumerate(zip(cells, row.cells, strict=True)):
                if content.covered:
                    continue
                self._fill_cell(
                    cell, content.lines, bold=content.bold, centred=column in table.centred
                )
                if content.bold:
                    _shade(cell, GROUP_FILL)
                if content.span > 1:
                    spans.append((index, column, content.span))
        for index, column, span in spans:
            grid.cell(index, column).merge(grid.cell(index + span - 1, column))
        if whole_rows:
            _keep_rows_whole(grid, table)
        return grid  # type: ignore[no-any-return]

    def landscape_section(self, thai_digits: bool) -> float:
        """Start a landscape section on a new page; return its text width in cm."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _set_page(section, landscape=True, thai_digits=thai_digits)
        return _text_width_cm(section)


def _thai_font(doc: DocxDocument) -> str:
    """The font the document sets its Thai body text in."""
    for style in ("ITA Body", "Normal"):
        found = doc.styles[style].element.xpath("./w:rPr/w:rFonts/@w:cs")
        if found:
            return str(found[0])
    return fonts.DOCX_FONT


def _keep_rows_whole(grid: DocxTable, table: Table) -> None:
    """Rows that do not split, each kept with the next while its merged cells go on."""
    body = grid.rows[1:]
    for n, (row, content) in enumerate(zip(body, table.rows, strict=True)):
        _child(row._tr.get_or_add_trPr(), "cantSplit", _ANY_ORDER, val="true")
        following = table.rows[n + 1] if n + 1 < len(table.rows) else None
        if following is not None and any(cell.covered for cell in following.cells):
            for cell, cell_content in zip(row.cells, content.cells, strict=True):
                if not cell_content.covered:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True


def _shade(cell: Any, fill: str) -> None:
    _child(cell._tc.get_or_add_tcPr(), "shd", _TCPR, val="clear", color="auto", fill=fill)


def _borders(table: DocxTable) -> None:
    """Single-line borders on every cell, set directly so any base template shows them."""
    borders = _child(table._tbl.tblPr, "tblBorders", _TBLPR)
    sides = ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"]
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, side, sides, val="single", sz="4", space="0", color="000000")


def _start(
    title: str, agency: Agency, base_template: Path | None, font: str | None
) -> tuple[_Writer, DocxDocument]:
    doc = _open_base(base_template, font)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = agency.name
    props.created = props.modified = now
    props.comments = ""
    props.revision = 1
    props.language = "th-TH"
    if _names_font(doc, fonts.DOCX_FONT):
        docxfonts.embed_fonts(
            doc, fonts.DOCX_FONT, {"Regular": fonts.DOCX_REGULAR, "Bold": fonts.DOCX_BOLD}
        )
    return _Writer(doc), doc


def _names_font(doc: DocxDocument, family: str) -> bool:
    """Whether a style of ``doc`` sets its Thai text in ``family``."""
    return bool(doc.styles.element.xpath(f'.//w:rFonts[@w:cs="{family}"]'))


def measures_docx(
    document: MeasuresDocument,
    *,
    base_template: Path | None = None,
    font: str | None = None,
) -> bytes:
    """The o27 measures document as DOCX bytes.

    Page one and the analysis are A4 portrait; the measures table and the approval
    block follow in a landscape section. ``base_template`` replaces the default look
    (styles, header, footer); ``font`` (e.g. :data:`~itaplan.documents.fonts.GOVERNMENT_FONT`)
    replaces the base's font. The embedded "Sarabun ITA" goes in the file whenever a
    style names it (the default), so the layout holds where no Thai font is installed.
    """
    text = measures_text(document)
    out, doc = _start(" ".join(text.header[:2]), document.agency, base_template, font)
    first = doc.sections[0]
    _set_page(first, landscape=False, thai_digits=document.thai_digits)
    _add_page_number(first)
    width = _text_width_cm(first)
    ranking_chart, compare_chart = charts.measures_charts(document)

    out.header(text.header)
    out.para(text.results_heading, "ITA Heading")
    out.body(text.summary)
    out.table(text.results, width)
    if text.classes is not None or text.levels is not None:
        out.para(text.legend_heading, "ITA Caption")
        for legend in (text.classes, text.levels):
            if legend is not None:
                out.table(legend, width * 0.8)
                out.para("", "ITA Table")
        if text.levels_note:
            out.para(text.levels_note, "ITA Table")
    out.para(text.ranking_heading, "ITA Heading")
    out.chart(ranking_chart, width, text.chart_caption)
    out.table(text.ranking, width)
    if text.ranking_note:
        out.body(text.ranking_note)
    if compare_chart:
        out.chart(compare_chart, width, text.compare_caption)
    if text.items is not None:
        out.para(text.items_heading, "ITA Heading")
        out.table(text.items, width)
    out.para(text.analysis_heading, "ITA Heading")
    for tool in text.analysis:
        out.para(tool.heading, "ITA Subheading")
        for indicator in tool.indicators:
            out.body(indicator.heading, bold=True)
            for paragraph in indicator.paragraphs:
                out.body(paragraph)
            if indicator.weak_items:
                out.body(WEAK_ITEMS)
                for item in indicator.weak_items:
                    bullet = out.para(f"– {item}", "ITA Body")
                    bullet.paragraph_format.left_indent = Cm(BODY_INDENT_CM)

    wide = out.landscape_section(document.thai_digits)
    out.para(text.measures_heading, "ITA Heading")
    out.body(text.measures_intro)
    out.table(text.measures, wide, whole_rows=True)
    if text.corrections_note:
        out.para(text.corrections_note, "ITA Table")
    if text.preparer:
        out.signature(text.preparer, wide, with_next=True)
    out.signature(text.approval, wide)
    return _save(doc)


def progress_docx(
    document: ProgressDocument,
    *,
    base_template: Path | None = None,
    font: str | None = None,
) -> bytes:
    """The o28 progress report as DOCX bytes, A4 landscape throughout."""
    text = progress_text(document)
    out, doc = _start(" ".join(text.header[:2]), document.agency, base_template, font)
    section = doc.sections[0]
    _set_page(section, landscape=True, thai_digits=document.thai_digits)
    _add_page_number(section)
    width = _text_width_cm(section)
    out.header(text.header)
    out.para(text.round_line, "ITA Heading")
    out.body(text.summary)
    out.table(text.counts, width / 2)
    if text.overdue_note:
        out.body(text.overdue_note)
    out.para("", "ITA Body")
    out.table(text.progress, width)
    if text.closing:
        out.para(text.closing_heading, "ITA Heading")
        for line in text.closing:
            out.body(line)
    if text.preparer:
        out.signature(text.preparer, width, with_next=True)
    out.signature(text.approval, width)
    return _save(doc)


def _save(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
