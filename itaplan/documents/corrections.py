"""What a document corrected in its source, said in the agency's words.

A result file sometimes prints a figure that does not compute (seed 003's OIT 98.78 for
89.78), one score twice with two values (seed 004's indicator 6), or last year's total
under the wrong year. The documents always use the computed figure; these sentences say
so — on stderr from the CLI, and in a footnote (หมายเหตุ) where the agency asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from itaplan.domain.scoring import Finding
from itaplan.domain.thai import format_score

_PREVIOUS_YEAR = re.compile(r"คะแนนปีก่อนระบุเป็นปี (?P<printed>\d{4}) ซึ่งไม่ใช่ปีก่อนหน้าปี (?P<year>\d{4})")
_SCORE_FIELDS = {"IIT": "คะแนน IIT", "EIT": "คะแนน EIT", "OIT": "คะแนน OIT", "total": "คะแนนรวม"}


def _label(field: str) -> str | None:
    if field in _SCORE_FIELDS:
        return _SCORE_FIELDS[field]
    if field.startswith("indicator "):
        return f"คะแนนตัวชี้วัดที่ {field.removeprefix('indicator ')}"
    if re.fullmatch(r"[ieo]\d+", field):
        return f"คะแนนประเด็น {field}"
    return None


def _shown(value: float | str | None) -> str:
    return format_score(value) if isinstance(value, float) else str(value)


def _finding(finding: Finding, agency: str) -> str | None:
    if finding.field == "agency" and agency:
        names = " และ ".join(f"“{n.strip()}”" for n in str(finding.printed).split("/"))
        return f"ชื่อหน่วยงานพิมพ์ไว้ไม่ตรงกัน ({names}) เอกสารนี้ใช้ “{agency}”"
    if finding.field == "level" and finding.computed is not None:
        return (
            f"ระดับผลการประเมินพิมพ์ไว้ “{finding.printed}” "
            f"ตามเกณฑ์ของปีคำนวณได้ “{finding.computed}” เอกสารนี้แสดงทั้งสองค่า"
        )
    label = _label(finding.field)
    if label is None or finding.computed is None or finding.printed is None:
        return None
    if isinstance(finding.printed, str) and "/" in finding.printed:
        return (
            f"{label} พิมพ์ไว้หลายค่า ({finding.printed.replace(' / ', ' และ ')}) "
            f"เอกสารนี้ใช้ {_shown(finding.computed)} ซึ่งสอดคล้องกับคะแนนแบบวัดที่พิมพ์ไว้"
        )
    source = {"total": "คะแนนแบบวัด"}.get(finding.field, "คะแนนรายตัวชี้วัด")
    if label.startswith("คะแนนตัวชี้วัด"):
        source = "คะแนนรายประเด็น"
    return (
        f"{label} พิมพ์ไว้ {_shown(finding.printed)} แต่คำนวณจาก{source}ได้ "
        f"{_shown(finding.computed)} เอกสารนี้ใช้ค่าที่คำนวณได้"
    )


def _warning(warning: str) -> str | None:
    match = _PREVIOUS_YEAR.search(warning)
    if match is None:
        return None
    previous = int(match["year"]) - 1
    return (
        f"คะแนนรวมของปีก่อนพิมพ์ไว้ว่าเป็นของปีงบประมาณ {match['printed']} "
        f"เอกสารนี้ถือเป็นคะแนนของปีงบประมาณ {previous}"
    )


def corrections_of(
    findings: Iterable[Finding], warnings: Sequence[str] = (), *, agency: str = ""
) -> tuple[str, ...]:
    """One sentence per figure of the source the document corrected or chose between.

    Findings about the source's own measures (periods) are left out: the document does
    not print the source's measures. ``agency`` is the name the document uses.
    """
    said = [_finding(f, agency) for f in findings]
    said += [_warning(w) for w in warnings]
    return tuple(dict.fromkeys(s for s in said if s))
