"""What the agency's own voice never says: the phrasings kept out of the knowledge base and
out of every generated document (o27, o28).

The documents are the agency writing about itself in formal ภาษาราชการ: it does not
accuse or speculate about its own people, it does not advise itself ("หน่วยงานควร…"),
and its measures improve the work rather than prepare for the NACC's check.
"""

from __future__ import annotations

import re

#: Phrasings that must never appear, with why.
FORBIDDEN = {
    "ก่อนการตรวจ": "a measure improves the work, it does not prepare for a check",
    "ก่อนวันปิดระบบ": "a measure improves the work, it does not prepare for a check",
    "เก็บเงียบ": "speculates about the agency's people",
    "บั่นทอน": "speculates about the agency's people",
    "ไม่กล้า": "speculates about the agency's people",
    "ยักยอก": "accuses the agency's people",
    "ซื้อขายตำแหน่ง": "accuses the agency's people",
    "มักเกิด": "speculates about causes",
    "มักมาจาก": "speculates about causes",
    "มักถูก": "speculates about causes",
    "หน่วยงานควร": "an adviser's voice, not the agency's",
    "จึงควร": "an adviser's voice, not the agency's",
    "(ไม่ทราบ)": "a placeholder, not a fact",
    "ประพฤติ มิชอบ": "a stray space inside a word",
    "รับ สินบน": "a stray space inside a word",
}
#: Said only of an indicator that needs urgent repair (below 85).
LOW_SCORE = "คะแนนต่ำ"
#: A space before a following vowel, tone mark or other combining sign, or after a
#: leading vowel: a space inside a Thai syllable, as text copied from a PDF has.
STRAY_SPACE = re.compile(
    r"[เแโใไ] [\u0e01-\u0e2e]|[\u0e01-\u0e2e] [\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]"
)


def faults(text: str) -> list[str]:
    """Every forbidden phrasing and stray space in ``text``, each with a little context."""
    found = [
        f"{phrase!r} ({why}): …{text[max(0, i - 30) : i + 30]}…"
        for phrase, why in FORBIDDEN.items()
        for i in [m.start() for m in re.finditer(re.escape(phrase), text)]
    ]
    found += [
        f"stray space: …{text[max(0, m.start() - 20) : m.end() + 20]}…"
        for m in STRAY_SPACE.finditer(text)
    ]
    return found
