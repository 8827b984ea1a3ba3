"""Numbers as result texts print them: scores, years and levels.

Digits are written ``[0-9๐-๙]`` rather than ``\\d``, which would also accept every
other script's digits. Every pattern here is written so that no two quantifiers
compete for the same characters: reading stays linear on long or hostile text.
"""

from __future__ import annotations

import re

from itaplan.domain.thai import BE_OFFSET, parse_number, to_arabic_digits

#: Printed levels: the AA–F letters used up to FY2565 and the words used since,
#: longest first so that "ผ่านดีเยี่ยม" is not read as "ผ่าน".
LEVELS = (
    "ผ่านดีเยี่ยม",
    "ผ่านดี",
    "ต้องปรับปรุงโดยด่วน",
    "ต้องปรับปรุง",
    "ผ่าน",
    "AA",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
)
WORD_LEVELS = tuple(level for level in LEVELS if not level.isascii())

D = "[0-9๐-๙]"
#: A score as printed: up to three integer digits, no leading zero (so "๐๑๓", the
#: item code o13 with the letter o typed as a Thai zero, is never a score).
NUM = (
    r"(?<![0-9๐-๙.,])((?:[1-9๑-๙][0-9๐-๙]{0,2}|[0๐])(?:\.[0-9๐-๙]{1,4})?)"
    r"(?![0-9๐-๙]|\.[0-9๐-๙])"
)
NUM_RE = re.compile(NUM)
DECIMAL = re.compile(r"(?<![0-9๐-๙.,])[0-9๐-๙]{1,3}\.[0-9๐-๙]{1,4}(?![0-9๐-๙]|\.[0-9๐-๙])")
#: Words agencies put between a label and its score ("มีผลคะแนน เท่ากับ", "(IIT) ได้คะแนน").
#: No alternative is a prefix-concatenation of others, so matching never backtracks
#: between them; before a score the run is bounded so that a long run of labels
#: without a score cannot make a search quadratic.
FILL_TOKEN = (
    r"(?:\s|\*|:|=|-|–|—|\(|\)|มี|ผล|ค่า|คะแนน|เท่ากับ|ได้|รับ|เฉลี่ย|อยู่ที่|คือ"
    r"|การประเมิน|รวม|IIT|EIT|OIT)"
)
FILL = FILL_TOKEN + "{0,16}"
FILL_ONLY = re.compile(FILL_TOKEN + r"*$")
INLINE_SCORE = re.compile(FILL + NUM)
#: Optional markdown bold around a number, written so that no two quantifiers compete
#: for the same spaces (``\s*\**\s*`` backtracks quadratically on long blanks).
STARS = r"\s*(?:\*+\s*)?"
#: A cell that is only a score: "๙๙.๒๙", "98.64 คะแนน", "**98.08**".
SCORE_CELL = re.compile(STARS + r"(?:คะแนน\s*)?" + NUM + STARS + r"(?:(?:คะแนน|%)\s*)?$")
#: A short cell ending in a score after the word คะแนน ("คะแนนเฉลี่ยอยู่ในระดับดีมาก 84.54 คะแนน").
SCORE_TEXT_CELL = re.compile(
    r"[^0-9๐-๙]{0,60}?คะแนน[^0-9๐-๙*]{0,40}?" + STARS + NUM + STARS + r"(?:คะแนน\s*)?$"
)
AFTER_INTEGER = re.compile(STARS + r"(?:คะแนน|%|\)|$)")
ANY_DIGITS = re.compile(r"[0-9๐-๙]+")
YEAR_DIGITS = r"(" + D + r"{4}|" + D + r"{2})(?![0-9๐-๙])"
#: A year as written after ปี / ปีงบประมาณ / พ.ศ. / ITA; two digits mean 25xx.
YEAR = re.compile(r"(?:ปี(?:\s*งบประมาณ)?|พ\.\s?ศ\.?|ITA)\s*(?:พ\.\s?ศ\.?\s*)?" + YEAR_DIGITS)


def number(text: str) -> float | None:
    """A printed number, or ``None`` when it is not one."""
    try:
        return parse_number(text)
    except ValueError:
        return None


def year_value(digits: str) -> int | None:
    """A BE year from four digits, or 25xx from two ("ปี 65"); ``None`` if implausible.

    A Christian-era year (2019–2040, as English texts print them) is turned into
    the Buddhist era: 2023 → 2566.
    """
    value = int(to_arabic_digits(digits))
    if len(digits) == 2:
        return 2500 + value if value >= 40 else None
    if 1990 <= value <= 2099:
        return value + BE_OFFSET
    return value if 2500 <= value <= 2700 else None


def is_score(value: float | None) -> bool:
    """Whether ``value`` may be an ITA score (0–100)."""
    return value is not None and 0 <= value <= 100
