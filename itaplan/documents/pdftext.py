"""The text layer of our PDFs: each box of Thai text carries its own words as ``/ActualText``.

A PDF shows glyphs; a reader that copies, searches or reads text aloud turns them back
into characters through the font's ToUnicode map and then guesses the reading order
from where the glyphs stand. Thai defeats both steps. Vowels above and below and tone
marks are zero-width glyphs drawn over their consonant, so two stacked marks
("ขึ้น": SARA UE then MAI THO) stand at the same x; poppler takes the second for a
duplicate of the first (the overlap test that removes fake-bold text) and sends it to
another word, so ``pdftotext`` gave "ดีข้น" + a stray "ึ" for "ดีขึ้น". And WeasyPrint
maps each glyph to the first text it was drawn for, so a glyph the font shares between
characters (a lowered tone mark, the two parts of SARA AM) reads as the wrong letter
(WeasyPrint issue #2841, open). Every Thai font does this, Sarabun or the TLWG fonts.

The PDF standard's answer is marked content with replacement text (ISO 32000-1
§14.9.4): ``/Span <</ActualText (…)>> BDC … EMC`` around the glyphs tells the reader
what they say. :func:`install` wraps WeasyPrint's drawing of every text box that holds
Thai in such a span with the box's own text, without the zero-width spaces the layout
needed and with SARA AM composed again; poppler, pdfium and Acrobat then copy the text
exactly. Latin-only boxes are left as they are.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_THAI = re.compile("[\u0e00-\u0e7f]")
#: NIKHAHIT, an optional tone mark, SARA AA: SARA AM as :func:`pdf.decompose_sara_am` wrote it.
_DECOMPOSED_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
ZWSP = "\u200b"


def actual_text(drawn: str) -> str:
    """What a reader should get for the text of a box: no zero-width spaces, SARA AM whole."""
    return _DECOMPOSED_SARA_AM.sub("\\1\u0e33", drawn.replace(ZWSP, ""))


@functools.cache
def install() -> None:
    """Make WeasyPrint put every Thai text box in an ``/ActualText`` span (once per process)."""
    import pydyf
    from weasyprint import draw

    draw_text = draw.draw_text  # WeasyPrint 70: draw_text(stream, textbox, offset_x, ...)

    def draw_text_with_actual_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> None:
        text = textbox.text
        if not _THAI.search(text):
            draw_text(stream, textbox, *args, **kwargs)
            return
        properties = pydyf.Dictionary({"ActualText": pydyf.String(actual_text(text))})
        stream.begin_marked_content("Span", properties)
        try:
            draw_text(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    draw.draw_text = draw_text_with_actual_text
