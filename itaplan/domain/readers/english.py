"""English pages of annual reports: "the ITA score for 2023 was 92.10 points, level A".

Years are Christian-era as English texts print them (2023 = FY2566) or Buddhist-era
("B.E. 2566"); either is read into the Buddhist era. A sentence is read when it names
the ITA; its score is the first number after a score word (score, scored, was, of,
at), its level a letter after level / grade / rating / rated. A score followed by
"last year" or "the previous year" is last year's.
"""

from __future__ import annotations

import dataclasses
import re

from itaplan.domain.readers.scores import year_value

_ITA = re.compile(r"\bITA\b|Integrity and Transparency Assessment", re.IGNORECASE)
#: Sentences end at a full stop that is not part of a number, or at a semicolon.
_SENTENCE_END = re.compile(r"(?<![0-9A-Z])\.(?![0-9])|;")
_YEAR = re.compile(r"(?<![0-9.])((?:19|20|25)[0-9]{2})(?![0-9]|\.[0-9])")
_SCORE = re.compile(
    r"\b(?:score[sd]?|scoring|was|were|of|at|reached|received|achieved|obtained|with|to|from)\b"
    r"[^0-9]{0,24}?(?<![0-9.,])((?:[1-9][0-9]{0,2}|0)(?:\.[0-9]{1,4})?)(?![0-9]|\.[0-9])"
    r"(?!\s*(?:agencies|organi[sz]ations|units|per\s*cent of))",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"\b(?:level|grade|rating|rated|class)\b\s*(?:of\s*)?[\"'“‘(]?\s*(AA|[A-F])\b")
_LAST_YEAR = re.compile(
    r"\s*(?:points?\s*)?(?:in\s+|for\s+)?(?:the\s+)?(?:last|previous|prior)\s+year", re.IGNORECASE
)
#: National averages and counts are not the agency's own score.
_NATIONAL = re.compile(r"national|average|nationwide|all agencies|mean", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Statement:
    """What one English sentence says: the year it names (BE, if any), the score and
    level, and whether the score is last year's."""

    line: int
    fiscal_year: int | None
    total: float | None
    level: str | None
    last_year: bool


def read_english(number_: int, line: str) -> list[Statement]:
    """The ITA statements of one line (a line may hold several sentences)."""
    if not _ITA.search(line):
        return []
    found: list[Statement] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(line), None]:
        end = end_match.start() if end_match else len(line)
        sentence = line[start:end]
        start = end + 1
        if not _ITA.search(sentence) or _NATIONAL.search(sentence):
            continue
        year_match = _YEAR.search(sentence)
        year = year_value(year_match.group(1)) if year_match else None
        level_match = _LEVEL.search(sentence)
        level = level_match.group(1) if level_match else None
        total: float | None = None
        # A year between the score word and the score ("ITA Score 2567 = 90.12") is blanked.
        for score in _SCORE.finditer(_YEAR.sub(lambda m: " " * len(m.group()), sentence)):
            value = float(score.group(1))
            if not 0 <= value <= 100:
                continue
            if _LAST_YEAR.match(sentence, score.end(1)):
                found.append(Statement(number_, None, value, None, True))
            elif total is None:
                total = value
        if total is not None or level is not None:
            found.append(Statement(number_, year, total, level, False))
    return found
