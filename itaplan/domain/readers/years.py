"""The fiscal year of the results a text reports.

The year counts that is printed right after ผลการประเมิน / ผลคะแนน (the first number
after the word, in the same cell). "คะแนนปี65" column headers vote only when no
sentence does, because a table may show two years side by side. Without any, a
measures document's title year ("ประจำปีงบประมาณ 2569") stands for the results of the
year before. Two different years printed for the result itself — not a history of
years with their own totals — are a slip the user must resolve: :func:`results_year`
returns both.
"""

from __future__ import annotations

import dataclasses
import re

from itaplan.domain.messages import said
from itaplan.domain.readers.scores import ANY_DIGITS, YEAR, YEAR_DIGITS, year_value

_RESULT_WORD = re.compile(r"ผลการประเมิน|ผลคะแนน|คะแนน(?=\s*ปี)")
_PLAN_TITLE = re.compile(r"ประจำ\s*ปี\s*งบประมาณ\s*(?:พ\.\s?ศ\.?\s*)?" + YEAR_DIGITS)
#: Only a title counts as the document's own year: look this many lines down at most.
_TITLE_LINES = 15
_ANALYSIS = re.compile(r"วิเคราะห์|นำ")
_PLAN_WORDS = re.compile(r"มาตรการ|การนำผลการประเมิน|แผน|การดำเนินการตาม")


@dataclasses.dataclass(frozen=True)
class YearVotes:
    """Years printed as the results year: strong votes (sentences) and weak ones
    (column headers), each year with the lines it is printed on."""

    strong: dict[int, list[int]]
    weak: dict[int, list[int]]
    #: Strong votes that name the result itself, not an analysis of it ("การวิเคราะห์
    #: ผลการประเมิน … ปีงบประมาณ 2569" names the document's year).
    result: dict[int, list[int]] = dataclasses.field(default_factory=dict)

    def winner(self) -> int | None:
        """The year printed most often (the first one printed on a tie)."""
        for votes in (self.strong, self.weak):
            if votes:
                return max(votes, key=lambda y: (len(votes[y]), -votes[y][0]))
        return None


def votes(plain_lines: list[str]) -> YearVotes:
    """Every year printed right after ผลการประเมิน / ผลคะแนน, with its lines."""
    strong: dict[int, list[int]] = {}
    weak: dict[int, list[int]] = {}
    result: dict[int, list[int]] = {}
    for number, line in enumerate(plain_lines, 1):
        for match in _RESULT_WORD.finditer(line):
            window = line[match.end() : match.end() + 160].split("\t", 1)[0]
            first_digits = ANY_DIGITS.search(window)
            year_match = YEAR.search(window)
            if not first_digits or not year_match:
                continue
            if year_match.start(1) != first_digits.start():
                continue
            year = year_value(year_match.group(1))
            if year is None:
                continue
            chosen = weak if match.group(0).startswith("คะแนน") else strong
            chosen.setdefault(year, []).append(number)
            if chosen is strong and not _ANALYSIS.search(
                line, max(0, match.start() - 12), match.start()
            ):
                result.setdefault(year, []).append(number)
    return YearVotes(strong, weak, result)


def plan_year(plain_lines: list[str]) -> tuple[int | None, str]:
    """No results year printed: the year inferred from the title's "ประจำปีงบประมาณ",
    and the Thai warning that says how."""
    top = [line for line in plain_lines if line.strip()][:_TITLE_LINES]
    for line in top:
        match = _PLAN_TITLE.search(line)
        if match and (year := year_value(match.group(1))) is not None:
            if _PLAN_WORDS.search("\n".join(top)):
                # A มาตรการ/plan of year N analyses the results of year N - 1.
                return year - 1, said(
                    "ไม่พบปีของผลการประเมินโดยตรง จึงอนุมานจากปีของเอกสาร (%(year)s) "
                    "ว่าเป็นผลการประเมินปี %(result_year)s",
                    year=year,
                    result_year=year - 1,
                )
            return year, said("ไม่พบปีของผลการประเมินโดยตรง จึงใช้ปีที่พิมพ์ไว้ในเอกสาร (%(year)s)", year=year)
    return None, said("ไม่พบปีงบประมาณของผลการประเมินในข้อความ")
