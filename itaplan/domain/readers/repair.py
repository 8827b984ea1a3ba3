"""Thai text broken by PDF extraction, mended before it is read.

Fonts without proper Unicode maps leave typical damage: a replacement character
(U+FFFD) before sara am, sara am split into nikhahit + sara aa ("ํา"), sara aa
written as sara am ("ตำรำง" for ตาราง, "กำร" for การ), tone marks and upper vowels
dropped ("ผาน", "ตัวชีวัด") or doubled ("ผ่่าน"). Only a text that shows such damage is
mended, and then only the words the readers look for: each keyword is matched with
sara aa and sara am taken as one another and every mark optional or doubled, and
put back as it is spelled. Line breaks are never touched, so line numbers stay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

#: Thai marks above or below a consonant (vowels, tone marks, thanthakhat…).
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_DOUBLED = re.compile(f"([{_MARKS}])\\1+")
_SPLIT_AM = re.compile("\u0e4d\u0e32")
_REPLACEMENT = re.compile("\ufffd+")
#: Spellings that only broken extraction produces.
_BROKEN = re.compile("ตำรำง|กำร|ผ่ำน|ระดับ\\s*ผาน|ผานดี|คะแนนเฉลีย|ตัวชีวัด|ผลกำร")

#: Words the readers look for, besides the indicator names and levels of the criteria.
KEYWORDS = (
    "ผลการประเมิน", "การประเมิน", "คุณธรรมและความโปร่งใส", "ตาราง", "คะแนน", "ตัวชี้วัดที่",
    "ตัวชี้วัด", "ระดับ", "เท่ากับ", "ปีงบประมาณ", "ประจำปีงบประมาณ", "งบประมาณ", "ประจำปี", "ที่ผ่านมา", "คะแนนรวม",
    "คะแนนเฉลี่ย", "ภาพรวม", "ประเด็นการประเมิน", "องค์การบริหารส่วนตำบล", "เทศบาลตำบล",
    "แบบวัด", "อยู่ในระดับ", "ได้รับคะแนน", "ผ่านการประเมิน",
)  # fmt: skip


def _tolerant(word: str) -> str:
    """A pattern for ``word`` with sara aa/am confused and each mark dropped or doubled."""
    parts: list[str] = []
    for ch in word:
        if ch in "าำ":
            parts.append("(?:\u0e4d?\u0e32|\u0e33)")
        elif re.match(f"[{_MARKS}]", ch):
            parts.append(f"{re.escape(ch)}{{0,2}}")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@functools.lru_cache(maxsize=8)
def _keyword_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    ordered = sorted(set(words), key=len, reverse=True)
    pattern = re.compile("|".join(f"({_tolerant(w)})" for w in ordered))
    return pattern, {str(i + 1): w for i, w in enumerate(ordered)}


def looks_broken(text: str) -> bool:
    """Whether ``text`` shows damage typical of PDF extraction."""
    return bool(
        "\ufffd" in text or _SPLIT_AM.search(text) or _DOUBLED.search(text) or _BROKEN.search(text)
    )


def repair(text: str, words: Iterable[str] = ()) -> tuple[str, bool]:
    """``text`` mended when it looks broken (and whether it did), reading ``words``
    (indicator names, levels) and :data:`KEYWORDS` tolerantly."""
    if not looks_broken(text):
        return text, False
    mended = _REPLACEMENT.sub("", text)
    mended = _SPLIT_AM.sub("\u0e33", mended)
    mended = _DOUBLED.sub(r"\1", mended)
    pattern, by_group = _keyword_pattern(tuple(sorted({*KEYWORDS, *words})))
    mended = pattern.sub(lambda m: by_group[str(m.lastindex)], mended)
    return mended, True


def fold(text: str) -> str:
    """``text`` with the damage of broken extraction folded away: sara am read as sara
    aa, no replacement characters, no marks. Two names that fold alike may be one name
    broken by a PDF ("สำมเรือน" and สามเรือน); ``fold`` is for comparing, not showing."""
    folded = _SPLIT_AM.sub("\u0e33", _REPLACEMENT.sub("", text)).replace("\u0e33", "\u0e32")
    return re.sub(f"[{_MARKS}]", "", folded)
