"""The Thai fonts the documents use.

PDFs embed Sarabun, shipped in ``fonts/`` (SIL Open Font License 1.1,
``fonts/OFL.txt``; the Google Fonts release of the Cadson Demak redesign of TH Sarabun
New), so a fresh machine needs no system font.

Sarabun is scaled like Latin fonts, TH Sarabun New (the government's standard) like
old Thai fonts: at the same point size Sarabun's Thai letters are about 1.5 times as
large (mean advance of the consonants ก–ฮ: 625 against 408 per em; digits 550 against
362). An official document "at 16 pt" means 16 pt of TH Sarabun, so the PDF sets
Sarabun at :func:`sarabun_pt` of the official size to look like what agencies print.

A DOCX names its font and the program that opens it uses the one installed. Agencies
have "TH SarabunIT๙" (:data:`GOVERNMENT_FONT`); LibreOffice on a fresh Debian does not,
and its 1.5 times wider fallback took seed 004's o27 from 14 pages to 41, breaking
table headings inside words. So the DOCX carries its own font, embedded as Word's
embedded TrueType fonts do (``docx.embed_fonts``): "Sarabun ITA" (:data:`DOCX_FONT`),
Sarabun itself with a larger em (:data:`DOCX_UNITS_PER_EM`), so that 16 pt of it is
16 pt of TH Sarabun, as the official sizes expect, and with one set of vertical
metrics that every program reads alike. :func:`write_docx_fonts` makes the two files
from Sarabun (the OFL allows modified versions under another name; Sarabun reserves
none). A deployment whose machines all have the government font passes
``font=GOVERNMENT_FONT``; nothing is embedded then.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR = FONT_DIR / "Sarabun-Regular.ttf"
BOLD = FONT_DIR / "Sarabun-Bold.ttf"
FAMILY = "Sarabun"

GOVERNMENT_FONT = "TH SarabunIT๙"
DOCX_FALLBACK_FONT = "TH Sarabun New"
BODY_SIZE_PT = 16
#: Size of Sarabun that matches one point of TH Sarabun New (see above).
SARABUN_SCALE = 0.66

DOCX_FONT = "Sarabun ITA"
DOCX_REGULAR = FONT_DIR / "SarabunITA-Regular.ttf"
DOCX_BOLD = FONT_DIR / "SarabunITA-Bold.ttf"
#: Sarabun's 1000 units per em made larger, so its glyphs are :data:`SARABUN_SCALE` as large.
DOCX_UNITS_PER_EM = round(1000 / SARABUN_SCALE)
#: Ascent and descent of "Sarabun ITA" in its units: Sarabun's Windows metrics, which
#: hold every glyph (a tone mark stacked over an upper vowel, SARA UU under ญ).
DOCX_ASCENT, DOCX_DESCENT = 1286, 567


def docx_line_spacing(line_height: float) -> float:
    """The "multiple" line spacing of "Sarabun ITA" that gives lines ``line_height`` times
    the size of Sarabun in the PDF (the CSS line-height): Word's single line is the
    font's ascent plus descent."""
    single = (DOCX_ASCENT + DOCX_DESCENT) / DOCX_UNITS_PER_EM
    return round(line_height * SARABUN_SCALE / single, 3)


def write_docx_fonts() -> tuple[Path, Path]:
    """Make "Sarabun ITA" Regular and Bold from the shipped Sarabun (run once, committed)."""
    from fontTools.ttLib import TTFont

    written = []
    for source, target, style in ((REGULAR, DOCX_REGULAR, "Regular"), (BOLD, DOCX_BOLD, "Bold")):
        font = TTFont(str(source))
        del font["DSIG"]  # Sarabun's signature does not sign the changed font
        font["head"].unitsPerEm = DOCX_UNITS_PER_EM
        hhea, os2 = font["hhea"], font["OS/2"]
        hhea.ascent, hhea.descent, hhea.lineGap = DOCX_ASCENT, -DOCX_DESCENT, 0
        os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = DOCX_ASCENT, -DOCX_DESCENT, 0
        os2.usWinAscent, os2.usWinDescent = DOCX_ASCENT, DOCX_DESCENT
        postscript = f"{DOCX_FONT.replace(' ', '')}-{style}"
        names = {
            1: DOCX_FONT,
            2: style,
            3: f"1.000;itaplan;{postscript}",
            4: f"{DOCX_FONT} {style}",
            6: postscript,
            10: "Sarabun with the em of TH Sarabun New, for itaplan's DOCX documents",
        }
        for name_id, text in names.items():
            font["name"].setName(text, name_id, 3, 1, 0x409)
            font["name"].setName(text, name_id, 1, 0, 0)
        font.save(str(target))
        written.append(target)
    return written[0], written[1]


def sarabun_pt(official_pt: float) -> float:
    """The Sarabun size that looks like ``official_pt`` of TH Sarabun New."""
    return round(official_pt * SARABUN_SCALE, 2)
