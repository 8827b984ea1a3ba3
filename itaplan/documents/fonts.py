"""The Thai fonts the documents use.

Charts and PDFs embed Sarabun, shipped in ``fonts/`` (SIL Open Font License 1.1,
``fonts/OFL.txt``; the Google Fonts release of the Cadson Demak redesign of TH Sarabun
New), so a fresh machine needs no system font.

Sarabun is scaled like Latin fonts, TH Sarabun New (the government's standard) like
old Thai fonts: at the same point size Sarabun's Thai letters are about 1.5 times as
large (mean advance of the consonants ก–ฮ: 625 against 408 per em; digits 550 against
362). An official document "at 16 pt" means 16 pt of TH Sarabun, so the PDF sets
Sarabun at :func:`sarabun_pt` of the official size to look like what agencies print.

A DOCX cannot carry a font that way: it names the font and Word uses the one installed.
Agencies have "TH SarabunIT๙" (the font of official letters, with Thai digits drawn
like the letter forms of the regulation) and "TH Sarabun New" on their computers;
:data:`DOCX_FONT` is the first, and a deployment whose machines lack it passes
:data:`DOCX_FALLBACK_FONT` (or "Sarabun") instead.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR = FONT_DIR / "Sarabun-Regular.ttf"
BOLD = FONT_DIR / "Sarabun-Bold.ttf"
FAMILY = "Sarabun"

DOCX_FONT = "TH SarabunIT๙"
DOCX_FALLBACK_FONT = "TH Sarabun New"
BODY_SIZE_PT = 16
#: Size of Sarabun that matches one point of TH Sarabun New (see above).
SARABUN_SCALE = 0.66


def sarabun_pt(official_pt: float) -> float:
    """The Sarabun size that looks like ``official_pt`` of TH Sarabun New."""
    return round(official_pt * SARABUN_SCALE, 2)
