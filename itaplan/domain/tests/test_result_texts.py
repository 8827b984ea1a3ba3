"""The corpus of published result shapes (fixtures/result_texts.yaml), read by the parser.

Each case checks only what its ``expect`` names, so a case says exactly what its
shape is about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from itaplan.domain.parsing import ParsedResult, parse_result_text

CORPUS = Path(__file__).resolve().parent / "fixtures" / "result_texts.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def check(result: ParsedResult, expect: dict[str, Any]) -> None:
    for key, wanted in expect.items():
        if key in ("total", "level"):
            assert result.printed.get(key) == wanted, (key, result.printed)
        elif key == "indicators":
            assert result.indicators == {int(k): v for k, v in wanted.items()}
        elif key == "history":
            found = [[h.fiscal_year, h.total, h.level] for h in result.history]
            assert found == wanted
        elif key == "conflicts":
            assert [c.field for c in result.conflicts] == wanted, result.conflicts
        elif key == "conflict_values":
            for field, values in wanted.items():
                assert next(c for c in result.conflicts if c.field == field).values == tuple(values)
        elif key in ("notes", "warnings"):
            messages = getattr(result, key)
            for part in wanted:
                assert any(part in m for m in messages), (part, messages)
        else:
            assert getattr(result, key) == wanted, (key, getattr(result, key))


def test_the_corpus_covers_every_shape_of_issue_12() -> None:
    shapes = {case["shape"] for case in CASES}
    assert shapes == {
        "sentence total", "previous year", "history table", "year slip",
        "both level schemes", "English", "broken PDF Thai", "regional table",
    }  # fmt: skip
    assert all(case.get("source") for case in CASES)
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_each_published_shape_is_read(case: dict[str, Any]) -> None:
    result = parse_result_text(case["text"], case.get("year"))
    check(result, case["expect"])


def test_json_output_lists_the_history_oldest_first() -> None:
    case = next(c for c in CASES if c["id"] == "history-pipe-table-thai-digits")
    data = parse_result_text(case["text"]).as_dict()
    assert data["history"][0] == {"fiscal_year": 2562, "total": 91.07, "level": "A"}
    assert [h["fiscal_year"] for h in data["history"]] == sorted(
        h["fiscal_year"] for h in data["history"]
    )
