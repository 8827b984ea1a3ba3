"""The `itaplan` command line, run as scripts run it (a real subprocess)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "demo" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def itaplan(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "itaplan.cli", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_parse_json_gives_the_documented_shape_for_seed_004() -> None:
    run = itaplan("parse", seed("004"), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["fiscal_year"] == 2568
    assert data["agency"] == "องค์การบริหารส่วนตำบลสามเรือน"
    assert data["indicators"]["1"] == 99.29
    assert "6" not in data["indicators"]  # printed twice with different numbers
    assert data["items"]["i1"] == 97.86
    assert data["items"]["o13"] == 50.0
    assert len(data["items"]) == 52
    assert data["printed"] == {
        "total": 96.79, "level": "ผ่านดี", "IIT": 96.86, "EIT": 95.77, "OIT": 97.5
    }  # fmt: skip
    [conflict] = [c for c in data["conflicts"] if c["field"] == "indicator 6"]
    assert set(conflict["values"]) == {96.29, 96.26}


def test_check_json_reports_the_printed_oit_error_of_seed_003() -> None:
    run = itaplan("check", seed("003"), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["fiscal_year"] == 2565
    assert round(data["computed"]["total"], 2) == 90.27
    assert data["computed"]["level"] == "A"
    [oit] = [f for f in data["findings"] if f["field"] == "OIT"]
    assert oit["printed"] == 98.78
    assert round(oit["computed"], 2) == 89.78
    assert "98.78" in oit["message"]


def test_check_settles_a_double_printed_indicator_by_the_printed_tool_score() -> None:
    data = json.loads(itaplan("check", seed("004"), "--json").stdout)
    [finding] = [f for f in data["findings"] if f["field"] == "indicator 6"]
    assert finding["computed"] == 96.26  # the value that reproduces the printed EIT 95.77
    assert round(data["computed"]["total"], 2) == 96.79
    assert data["computed"]["level"] == "ผ่านดี"
    fields = {f["field"] for f in data["findings"]}
    assert not fields & {"IIT", "EIT", "OIT", "total", "level"}


def test_check_flags_indicator_5_of_seed_003_printed_twice() -> None:
    data = json.loads(itaplan("check", seed("003"), "--json").stdout)
    [finding] = [f for f in data["findings"] if f["field"] == "indicator 5"]
    assert "82.11" in finding["printed"] and "87.50" in finding["printed"]
    assert finding["computed"] == 82.11  # reproduces the printed IIT 84.54


def test_check_of_seed_000_finds_nothing_wrong_and_level_d() -> None:
    data = json.loads(itaplan("check", seed("000"), "--json").stdout)
    assert data["computed"]["level"] == "D"
    assert round(data["computed"]["total"], 2) == 62.09
    assert data["findings"] == []


def test_check_exits_2_with_one_line_when_the_file_is_missing(tmp_path: Path) -> None:
    run = itaplan("check", tmp_path / "nothing.txt", "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1


def test_check_exits_2_when_the_file_has_no_scores(tmp_path: Path) -> None:
    empty = tmp_path / "letter.txt"
    empty.write_text("บันทึกข้อความ เรื่อง ขออนุมัติจัดซื้อวัสดุสำนักงาน\n", encoding="utf-8")
    run = itaplan("check", empty)
    assert run.returncode == 2
    assert "ไม่พบ" in run.stderr


def test_check_exits_2_for_a_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "result.xlsx"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert itaplan("check", binary).returncode == 2


def test_parse_reads_a_cp874_file_saved_by_thai_windows(tmp_path: Path) -> None:
    legacy = tmp_path / "result.txt"
    legacy.write_bytes("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t98.64\n".encode("cp874"))
    data = json.loads(itaplan("parse", legacy, "--year", "2564", "--json").stdout)
    assert data["indicators"] == {"1": 98.64}


def test_criteria_check_passes_for_every_year() -> None:
    run = itaplan("criteria", "check")
    assert run.returncode == 0, run.stdout
    for year in range(2562, 2570):
        assert f"FY{year}: ผ่าน" in run.stdout


def test_criteria_show_lists_items_and_says_what_is_unknown() -> None:
    run = itaplan("criteria", "show", "2568")
    assert run.returncode == 0
    assert "O27 (10.2) มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in run.stdout
    assert "สิ่งที่ยังไม่ทราบ" in run.stdout


def test_criteria_show_2569_lists_o1_to_o26_with_thai_statuses_and_last_years_codes() -> None:
    run = itaplan("criteria", "show", "2569")
    assert run.returncode == 0
    lines = [line.strip() for line in run.stdout.splitlines()]
    oit = [line for line in lines if re.match(r"O\d+ \(", line)]
    assert [line.split()[0] for line in oit] == [f"O{n}" for n in range(1, 27)]
    assert all(re.search(r"\[[ก-๙ (),]+\]", line) for line in oit), oit
    assert "O25 (10.2) การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร [อ่านจากแหล่งรอง" in run.stdout
    assert next(line for line in oit if line.startswith("O25")).endswith("← ปี 2568 O27")
    assert "มาตรการ: O25; รายงานผล: O26" in run.stdout


def test_criteria_show_of_a_year_without_a_file_exits_2() -> None:
    run = itaplan("criteria", "show", "2550")
    assert run.returncode == 2
    assert "2550" in run.stderr


@pytest.mark.parametrize("command", ["parse", "check"])
def test_readable_output_is_thai(command: str) -> None:
    run = itaplan(command, seed("004"))
    assert run.returncode == 0
    assert "ผ่านดี" in run.stdout


def test_suggest_json_proposes_measures_within_the_plan_year_for_seed_003() -> None:
    run = itaplan("suggest", seed("003"), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["plan_fiscal_year"] == 2566
    urgent = [s for s in data["suggestions"] if s["class"] == "urgent"]
    assert {s["target"] for s in urgent} == {"indicator 2", "indicator 4", "indicator 5"}
    assert data["suggestions"][: len(urgent)] == urgent  # urgent first
    for suggestion in data["suggestions"]:
        # ISO dates are in the Common era: fiscal year 2566 runs 1 Oct 2022 – 30 Sep 2023.
        assert "2022-10-01" <= suggestion["measure"]["start"] <= suggestion["measure"]["end"]
        assert suggestion["measure"]["end"] <= "2023-09-30"


def test_options_after_a_pass_through_command_reach_the_django_command() -> None:
    run = itaplan("knowledge", "check", "--year", "2568")
    assert "unrecognized arguments" not in run.stderr
    assert "FY2568" in run.stdout or "migrate" in run.stderr


def test_unknown_options_of_a_core_command_are_refused() -> None:
    run = itaplan("parse", "--bogus", "x")
    assert run.returncode == 2
    assert "--bogus" in run.stderr


def test_parse_reads_a_word_document_with_a_result_table(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "๙๙.๒๙"
    table.cell(1, 0).text, table.cell(1, 1).text = "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ", "๘๙.๐๕"
    path = tmp_path / "result.docx"
    doc.save(str(path))
    data = json.loads(itaplan("parse", path, "--json").stdout)
    assert data["fiscal_year"] == 2568
    assert data["indicators"] == {"1": 99.29, "4": 89.05}


def test_parse_json_lists_the_measures_of_seed_004_with_iso_periods() -> None:
    data = json.loads(itaplan("parse", seed("004"), "--json").stdout)
    assert data["plan_fiscal_year"] == 2569
    measures = data["measures"]
    assert [m["indicator"] for m in measures] == list(range(1, 11))
    assert (measures[0]["start"], measures[0]["end"]) == ("2025-10-01", "2026-09-30")
    assert (measures[6]["start"], measures[6]["end"]) == ("2024-10-01", "2025-09-30")
    assert set(measures[0]) >= {"title", "analysis", "steps", "units", "monitoring"}
    assert measures[1]["units"] == ["กองคลัง"]


@pytest.mark.parametrize(
    ("prefix", "indicators"), [("000", [1, 2, 3, 4, 5, 9, 10]), ("003", [1, 6, 9])]
)
def test_parse_json_lists_the_measures_of_seeds_000_and_003(
    prefix: str, indicators: list[int]
) -> None:
    data = json.loads(itaplan("parse", seed(prefix), "--json").stdout)
    assert [m["indicator"] for m in data["measures"]] == indicators
    assert all(m["start"] and m["end"] for m in data["measures"])


def test_check_json_reports_the_indicator_7_period_of_seed_004() -> None:
    data = json.loads(itaplan("check", seed("004"), "--json").stdout)
    periods = [f for f in data["findings"] if f["field"].endswith(" period")]
    assert [f["field"] for f in periods] == ["measure 7 period"]
    assert periods[0]["printed"] == "๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘"


def test_parse_json_lists_the_progress_rows_of_seed_002() -> None:
    data = json.loads(itaplan("parse", seed("002"), "--json").stdout)
    assert data["measures"] == []
    assert [r["indicator"] for r in data["progress"]] == [1, 2, 3, 4, 5, 10]


def _plain_html(path: Path) -> str:
    """The text of one of our HTML documents: tags, word breaks and SARA AM as typed."""
    import html
    import re

    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text.replace("\u200b", ""))
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_the_o27_from_a_seed_has_exactly_the_measures_suggest_marks_selected(
    prefix: str, tmp_path: Path
) -> None:
    run = itaplan("suggest", seed(prefix), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    selected = [s for s in data["suggestions"] if s["selected"]]
    scores = json.loads(itaplan("check", seed(prefix), "--json").stdout)
    assert 7 <= len(selected) <= 12
    below = {int(n) for n, v in scores["computed"]["indicators"].items() if v < 100}
    assert sorted(s["target"] for s in selected) == sorted(f"indicator {n}" for n in below)

    out = tmp_path / "o27.html"
    made = itaplan(
        "document", "measures", "--from-file", seed(prefix), "--out", out, "--arabic-digits"
    )
    assert made.returncode == 0, made.stderr
    text = _plain_html(out)
    assert f"จำนวน {len(selected)} มาตรการ" in text
    titles = {s["measure"]["title"] for s in selected}
    for suggestion in data["suggestions"]:
        title = suggestion["measure"]["title"]
        assert (title in text) == (title in titles), title


def test_max_measures_keeps_the_first_selected_in_the_plan_and_the_document(tmp_path: Path) -> None:
    run = itaplan("suggest", seed("000"), "--json", "--max-measures", "3")
    selected = [s["target"] for s in json.loads(run.stdout)["suggestions"] if s["selected"]]
    assert selected == ["indicator 9", "indicator 10", "indicator 8"]
    out = tmp_path / "o27.html"
    args = ("--from-file", seed("000"), "--out", out, "--max-measures", "3", "--arabic-digits")
    assert itaplan("document", "measures", *args).returncode == 0
    assert "จำนวน 3 มาตรการ" in _plain_html(out)
    refused = itaplan("suggest", seed("000"), "--max-measures", "0")
    assert refused.returncode == 2 and "ตั้งแต่ 1" in refused.stderr


def test_every_correction_of_the_source_is_said_on_stderr_and_in_a_note_on_request(
    tmp_path: Path,
) -> None:
    out = tmp_path / "o27.html"
    plain = itaplan("document", "measures", "--from-file", seed("003"), "--out", out)
    assert plain.returncode == 0, plain.stderr
    said = [line for line in plain.stderr.splitlines() if "แก้ไขจากต้นฉบับ" in line]
    assert any("คะแนน OIT พิมพ์ไว้ 98.78" in line and "89.78" in line for line in said)
    assert any("ตัวชี้วัดที่ 5" in line for line in said)
    assert "หมายเหตุ" not in _plain_html(out)  # off by default

    noted = itaplan(
        "document", "measures", "--from-file", seed("003"), "--out", out, "--corrections-note"
    )
    assert noted.returncode == 0, noted.stderr
    assert "หมายเหตุ (๑)" in _plain_html(out) and "๙๘.๗๘" in _plain_html(out)


def test_seed_004_says_its_indicator_6_and_its_previous_year(tmp_path: Path) -> None:
    run = itaplan("document", "measures", "--from-file", seed("004"), "--out", tmp_path / "a.html")
    assert "ตัวชี้วัดที่ 6 พิมพ์ไว้หลายค่า (96.29 และ 96.26) เอกสารนี้ใช้ 96.26" in run.stderr
    assert "ปีงบประมาณ 2568 เอกสารนี้ถือเป็นคะแนนของปีงบประมาณ 2567" in run.stderr
