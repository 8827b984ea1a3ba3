"""Tables of scores: a header row gives each column a role; a label cell (an
indicator, an item, a tool, the total) takes the score cell(s) after it.

Column roles: "score", "tool" (the merged คะแนนรายเครื่องมือ column), "previous" (last
year's column beside this year's), "agency" (one column per agency, as regional
reports print them) and "other".
"""

from __future__ import annotations

import dataclasses
import re

from itaplan.domain.messages import said
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.scores import DECIMAL, SCORE_CELL, SCORE_TEXT_CELL, YEAR, year_value
from itaplan.domain.readers.segments import Segment, cells, plain
from itaplan.domain.readers.sentences import read_level_cell

_HEADER_WORDS = re.compile("คะแนน|ตัวชี้วัด|ประเด็นการประเมิน|อันดับ")
_TOOL_HEADER = re.compile("เครื่องมือ|แบบวัด|IIT|EIT|OIT")
#: A header cell naming an agency or a province: one column per agency.
_AGENCY_HEADER = re.compile(
    r"องค์การบริหาร|อบต\.|อบจ\.|เทศบาล|ทต\.|ทม\.|ทน\.|จังหวัด|จ\.\s*\S|อำเภอ|สำนักงาน|กรม"
    r"|มหาวิทยาลัย|โรงพยาบาล"
)

#: An agency's column header is a name, not a sentence.
_AGENCY_CELL = 40


@dataclasses.dataclass(frozen=True)
class Header:
    """Roles of a table's columns."""

    roles: tuple[str, ...]

    def role(self, col: int) -> str | None:
        return self.roles[col] if 0 <= col < len(self.roles) else None

    @property
    def agencies(self) -> int:
        """How many columns hold one agency each."""
        return self.roles.count("agency")


def read_header(line: str, fiscal_year: int | None) -> Header | None:
    """Column roles when ``line`` is a table header ("ตัวชี้วัด\\tคะแนน…"), else ``None``."""
    texts = [plain(cell).strip() for cell in cells(line)]
    filled = [c for c in texts if c]
    if len(filled) < 2 or any(SCORE_CELL.match(c) or DECIMAL.search(c) for c in filled):
        return None
    agencies = [len(c) <= _AGENCY_CELL and bool(_AGENCY_HEADER.search(c)) for c in texts[1:]]
    regional = sum(agencies) >= 2
    if not regional and not any(_HEADER_WORDS.search(c) for c in filled):
        return None
    years: list[int | None] = []
    for cell in texts:
        year_match = YEAR.search(cell) if "คะแนน" in cell else None
        years.append(year_value(year_match.group(1)) if year_match else None)
    distinct = {y for y in years if y is not None}
    # Only when a table shows this year beside another are the others "previous".
    two_years = len(distinct) > 1 and fiscal_year in distinct
    roles: list[str] = []
    for index, (cell, year) in enumerate(zip(texts, years, strict=True)):
        if index > 0 and regional and agencies[index - 1]:
            roles.append("agency")
        elif _TOOL_HEADER.search(cell):
            roles.append("tool")
        elif "คะแนน" in cell or "ผลการประเมิน" in cell:
            previous = two_years and year is not None and year != fiscal_year
            roles.append("previous" if previous else "score")
        else:
            roles.append("other")
    return Header(tuple(roles))


def take_scores(
    reading: Reading, segments: list[Segment], index: int, label: Label, header: Header | None
) -> int:
    """Give ``label`` the score cell(s) right after it; return the next index.

    Column roles come from the table header when there is one. Without one, a
    second score beside the first indicator of a tool is that tool's score (the
    merged "คะแนนรายเครื่องมือ" column); any other extra score is left unread.
    """
    position = index + 1
    if label.kind == "level":
        if position < len(segments) and read_level_cell(reading, segments[position]):
            return position + 1
        return position
    if header is None and label.kind == "indicator" and _scores_after(segments, position) >= 3:
        # One score per agency (a regional table without its header): not this agency's.
        reading.warn(
            said(
                "บรรทัด %(line)s: มีคะแนนของตัวชี้วัดเดียวกันหลายค่าในแถวเดียว "
                "(อาจเป็นตารางของหลายหน่วยงาน) จึงไม่ได้อ่าน",
                line=segments[position].line,
            )
        )
        reading.mark_unread(segments[position].line)
        for seg in segments[position:]:
            seg.consume_all()
        return len(segments)
    got_score = False
    while position < len(segments):
        seg = segments[position]
        match = SCORE_CELL.match(seg.mask)
        if match is None and not got_score:
            match = SCORE_TEXT_CELL.match(seg.mask)
        if match is None:
            break
        value = seg.value(match)
        if value is None:
            break
        role = header.role(seg.col) if header is not None else None
        if role == "previous":
            seg.consume_all()
        elif role == "tool" and label.kind == "indicator":
            tool = reading.names.tools.get(int(label.key))
            if tool is None:
                break
            reading.see(tool, tool, value, seg.line)
            seg.consume_all()
        elif not got_score:
            reading.observe(label, value, seg.line)
            seg.consume_all()
            got_score = True
        elif (
            role is None
            and header is None
            and label.kind == "indicator"
            and int(label.key) in reading.names.first_of_tool
        ):
            tool = reading.names.tools[int(label.key)]
            reading.see(tool, tool, value, seg.line)
            seg.consume_all()
            break
        else:
            break
        position += 1
        if label.kind != "indicator" and got_score:
            break
    return max(position, index + 1)


def _scores_after(segments: list[Segment], position: int) -> int:
    """How many score cells follow one another from ``position``."""
    count = 0
    while position + count < len(segments) and SCORE_CELL.match(segments[position + count].mask):
        count += 1
    return count
