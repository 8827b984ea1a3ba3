"""The total as announcements and news print it, in a sentence.

"ได้รับคะแนน 81.23คะแนน จากคะแนนเต็ม 100", "คะแนนการประเมิน ITA เท่ากับ ๘๘.๐๔",
"ผ่านการประเมินด้วยคะแนน 93.5 อยู่ในระดับผ่านดี", "ได้ ๙๑.๑๕ คะแนน", "ทำคะแนนได้ 86.48".
With or without a space or a unit after the number, Thai or Arabic digits.

Only a text about the ITA is read this way (it names the ITA or คุณธรรมและความโปร่งใส),
and a number is never the total when it is a national figure (ระดับประเทศ, ค่าเฉลี่ย…),
belongs to an indicator, a tool or an item named before it in the sentence, or is
written for another year (that goes to the history).
"""

from __future__ import annotations

import re

from itaplan.domain.readers.history import PREV_MARK_RE, year_of
from itaplan.domain.readers.indicators import is_score
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.scores import NUM
from itaplan.domain.readers.segments import Segment

_SCORE_WORDS = (
    r"(?:ได้รับ(?:ผล)?คะแนน(?:การประเมิน|ประเมิน)?|ได้(?:ผล)?คะแนน(?:รวม|เฉลี่ย)?|ได้ผล|ทำคะแนนได้"
    r"|ด้วย(?:ผล)?คะแนน(?:รวม|เฉลี่ย)?|คะแนนการประเมิน|คะแนนประเมิน|มีคะแนน(?:รวม)?|คะแนน\s*ITA)"
)
#: Words between the score word and the number (bounded, see scores.FILL).
_BETWEEN = (
    r"(?:\s|ITA|\(ITA\)|เท่ากับ|อยู่ที่|ร้อยละ|ทั้งสิ้น|รวม|คือ|:|="
    r"|ประจำปี(?:งบประมาณ)?|ปี(?:งบประมาณ)?|พ\.\s?ศ\.?|\x00{2,4}){0,8}"
)
_SENTENCE_TOTAL = re.compile(_SCORE_WORDS + _BETWEEN + NUM)
#: "ได้ 91.15 คะแนน": a bare ได้ counts only with the unit after the number.
_GOT_POINTS = re.compile(r"ได้\s*" + NUM + r"\s*คะแนน")
#: Figures that are not the agency's own: national means, counts, ranks, full marks.
_NOT_OWN = re.compile(r"ประเทศ|ค่าเฉลี่ย|เฉลี่ยภาพรวม|ทุกหน่วยงาน|หน่วยงานภาครัฐ(?:ที่)?(?:ร่วม|เข้า)|อันดับ|เต็ม")
#: What, named before the number in the same sentence, owns it instead of the agency.
_OWNER = re.compile(r"ตัวชี้วัด|ประเด็น|แบบวัด|เครื่องมือ|IIT|EIT|OIT|ดัชนี")
#: Marks that the text is about the ITA.
ITA_WORDS = re.compile(r"ITA|คุณธรรมและความโปร่งใส")


def read_sentence_totals(reading: Reading, seg: Segment, *, about_ita: bool) -> bool:
    """Read the totals written in ``seg``'s sentences; ``True`` when one was read."""
    if not about_ita:
        return False
    spans: list[tuple[int, int]] = []
    for pattern in (_SENTENCE_TOTAL, _GOT_POINTS):
        for match in pattern.finditer(seg.mask):
            before = seg.text[max(0, match.start() - 60) : match.start()]
            clause = re.split(r"[.,;]\s|\s{2,}|และ|ส่วน", before)[-1]
            if _NOT_OWN.search(before[-30:]) or _OWNER.search(clause):
                continue
            if PREV_MARK_RE.search(clause) or not is_score(seg, match):
                continue
            value = seg.value(match)
            if value is None:
                continue
            year = year_of(seg.text, match.start(1))
            if year is not None and reading.fiscal_year is not None and year != reading.fiscal_year:
                reading.see_year(year, "total", value, seg.line)
            else:
                reading.see("total", "total", value, seg.line)
            spans.append(match.span(1))
    seg.consume_spans(spans)
    return bool(spans)
