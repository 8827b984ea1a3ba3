"""The ``itaplan`` command line.

Commands that need no database (``parse``, ``check``, ``criteria``) use the pure
domain core and start in milliseconds. Commands that do (``agency``, ``user``,
``demo``, ``manage``) set Django up first. ``parse`` and ``check`` are used by
scripts: their ``--json`` output is kept stable.

Exit codes: 0 done (findings are results, not errors); 2 the input could not be
read or the command was misused, with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from itaplan.domain import criteria
from itaplan.domain.thai import format_score

EXIT_UNREADABLE = 2


class CommandError(Exception):
    """A one-line reason the command could not do its work (exit 2)."""


def read_text_file(path: Path) -> str:
    """Text of a result file, read as the web intake reads uploads (.docx and .pdf
    extracted, else UTF-8 or Thai cp874); an unreadable file is a :class:`CommandError`."""
    from itaplan.results.textfiles import ExtractError, read_file

    try:
        return read_file(path)
    except ExtractError as exc:
        raise CommandError(str(exc)) from exc


def _parse(path: str, year: int | None) -> tuple[str, Any]:
    """The file's text and the result parsed from it."""
    text = read_text_file(Path(path))
    from itaplan.domain.parsing import parse_result_text

    return text, parse_result_text(text, fiscal_year=year)


def _tables(text: str, parsed: Any, year: int | None) -> tuple[int | None, list[Any], list[Any]]:
    """The plan year, the o27 measures and the o28 progress rows of a parsed file's text.

    A document of measures answers the results of the year before it: the plan year is
    the results year + 1, else the year in the document's title.
    """
    from itaplan.domain.readers.measures import plan_year_of, read_measures
    from itaplan.domain.readers.progress import read_progress

    results_year = year or parsed.fiscal_year
    plan_year = results_year + 1 if results_year else plan_year_of(text)
    measures = read_measures(text, plan_year=plan_year, results_year=results_year)
    return plan_year, measures, read_progress(text, results_year=results_year)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | float):
        return format_score(float(value))
    return str(value)


def cmd_parse(args: argparse.Namespace) -> int:
    text, parsed = _parse(args.file, args.year)
    plan_year, measures, progress = _tables(text, parsed, args.year)
    if args.json:
        _print_json(
            {
                **parsed.as_dict(),
                "plan_fiscal_year": plan_year,
                "measures": [m.as_dict() for m in measures],
                "progress": [p.as_dict() for p in progress],
            }
        )
        return 0
    print(f"ปีงบประมาณของผลการประเมิน: {parsed.fiscal_year or 'ไม่พบ'}")
    print(f"หน่วยงาน: {parsed.agency or 'ไม่พบ'}")
    print("ตัวชี้วัด\tคะแนน")
    for number in sorted(parsed.indicators):
        print(f"{number}\t{_fmt(parsed.indicators[number])}")
    if parsed.items:
        print("ประเด็นการประเมิน\tคะแนน")
        for code, score in parsed.items.items():
            print(f"{code}\t{_fmt(score)}")
    for key, value in parsed.printed.items():
        print(f"พิมพ์ไว้ {key}: {_fmt(value)}")
    for conflict in parsed.conflicts:
        values = ", ".join(_fmt(v) for v in conflict.values)
        print(f"ค่าไม่ตรงกัน {conflict.field}: {values} (บรรทัด {', '.join(map(str, conflict.lines))})")
    for line_no, text in parsed.unread_lines:
        print(f"อ่านไม่ได้ บรรทัด {line_no}: {text[:80]}")
    for warning in parsed.warnings:
        print(f"คำเตือน: {warning}")
    for note in parsed.notes:
        print(f"หมายเหตุ: {note}")
    if parsed.history:
        print("ผลการประเมินรายปี\tคะแนนรวม\tระดับ")
        for entry in parsed.history:
            total = _fmt(entry.total) if entry.total is not None else "–"
            print(f"{entry.fiscal_year}\t{total}\t{entry.level or '–'}")
    if measures:
        print(f"มาตรการ (แผนปีงบประมาณ {plan_year or 'ไม่ทราบ'})\tตัวชี้วัด\tเริ่ม\tสิ้นสุด\tผู้รับผิดชอบ")
        for m in measures:
            start, end = (m.period.start, m.period.end) if m.period else ("–", "–")
            print(f"{m.title[:60]}\t{m.indicator or '–'}\t{start}\t{end}\t{', '.join(m.units)}")
    if progress:
        print("ความก้าวหน้าตามมาตรการ\tตัวชี้วัด\tแล้วเสร็จ")
        for p in progress:
            print(f"{p.title[:60]}\t{p.indicator or '–'}\t{'ใช่' if p.says_done else 'ยังไม่'}")
    return 0


def _checked(args: argparse.Namespace) -> Any:
    """The result file of ``args`` parsed and checked against the criteria of its year."""
    from itaplan.domain.checking import check_parsed

    text, parsed = _parse(args.file, args.year)
    year = args.year or parsed.fiscal_year
    if year is None:
        raise CommandError("ไม่พบปีงบประมาณของผลการประเมินในไฟล์ ระบุด้วย --year")
    if not parsed.indicators and not parsed.items and not parsed.conflicts:
        raise CommandError(f"ไม่พบคะแนนตัวชี้วัดหรือประเด็นการประเมินใน {args.file}")
    try:
        framework = criteria.load(year)
    except criteria.CriteriaError as exc:
        raise CommandError(str(exc)) from exc
    return text, parsed, check_parsed(parsed, framework)


def cmd_check(args: argparse.Namespace) -> int:
    from itaplan.domain.readers.measures import check_measures

    text, parsed, report = _checked(args)
    year = report.fiscal_year
    _plan_year, measures, _progress = _tables(text, parsed, year)
    measure_findings = check_measures(measures, year + 1)
    data = report.as_dict()
    data["findings"] += [f.as_dict() for f in measure_findings]
    if args.json:
        _print_json(data)
        return 0
    print(f"ปีงบประมาณ {year} — {parsed.agency or 'ไม่ทราบชื่อหน่วยงาน'}")
    print("\tคำนวณ\tพิมพ์ไว้")
    for key in ("IIT", "EIT", "OIT", "total", "level"):
        print(f"{key}\t{_fmt(data['computed'].get(key))}\t{_fmt(data['printed'].get(key))}")
    if not report.findings and not measure_findings:
        print("ไม่พบความคลาดเคลื่อน")
    for finding in (*report.findings, *measure_findings):
        print(f"- {finding.message}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from itaplan.domain.knowledge import (
        KnowledgeError,
        default_selection,
        load_knowledge,
        suggest,
    )

    _, _, report = _checked(args)
    year = report.fiscal_year
    try:
        kb = load_knowledge(year)
    except KnowledgeError as exc:
        raise CommandError(str(exc)) from exc
    suggestions = suggest(report.assessment, kb)
    selected = {id(s) for s in default_selection(suggestions, max_measures=args.max_measures)}
    if args.json:
        _print_json(
            {
                "fiscal_year": year,
                "plan_fiscal_year": year + 1,
                "suggestions": [
                    {
                        "target": s.target,
                        "selected": id(s) in selected,
                        "items": list(s.items),
                        "label": s.label,
                        "class": s.class_key,
                        "class_label": s.class_label,
                        "score": s.score,
                        "impact": s.impact,
                        "analysis": s.analysis,
                        "measure": {
                            "key": s.measure.key,
                            "title": s.measure.title,
                            "steps": list(s.measure.steps),
                            "unit": s.measure.unit,
                            "start": s.measure.timeframe.dates(year + 1)[0].isoformat(),
                            "end": s.measure.timeframe.dates(year + 1)[1].isoformat(),
                            "monitoring": s.measure.monitoring,
                            "related_oit": list(s.related_oit),
                        },
                    }
                    for s in suggestions
                ],
            }
        )
        return 0
    print(f"มาตรการที่เสนอสำหรับปีงบประมาณ {year + 1} จากผลการประเมินปี {year}")
    print(f"* = แผนตั้งต้นเลือกไว้ ({len(selected)} มาตรการ)")
    for n, s in enumerate(suggestions, start=1):
        impact = f", เพิ่มได้ {s.impact:.2f} คะแนน" if s.impact is not None else ""
        mark = "*" if id(s) in selected else " "
        print(f"{mark}{n}. [{s.class_label}] {s.label} ({_fmt(s.score)}{impact})")
        print(f"   มาตรการ: {s.measure.title} — {s.measure.unit}")
    return 0


def cmd_criteria_check(args: argparse.Namespace) -> int:
    failures = 0
    for year in criteria.available_years():
        try:
            fw = criteria.load(year)
        except criteria.CriteriaError as exc:
            failures += 1
            print(f"FY{year}: ผิดพลาด — {exc}")
            continue
        official = sum(1 for _, p in fw.describe_sources() if p.is_official)
        total = sum(1 for _ in fw.describe_sources())
        print(
            f"FY{year}: ผ่าน — ตัวชี้วัด {len(fw.indicators)}, ประเด็น {len(fw.items)}, "
            f"ข้อเท็จจริงที่ตรวจสอบแล้ว {official}/{total}, สิ่งที่ยังไม่ทราบ {len(fw.data.unknowns)}"
        )
    return 1 if failures else 0


def _criteria_as_dict(fw: criteria.Framework) -> dict[str, Any]:
    return {
        "fiscal_year": fw.fiscal_year,
        "summary": fw.data.summary,
        "unknowns": list(fw.data.unknowns),
        "tools": [{"code": t.code, "weight": t.weight, "source": t.source} for t in fw.tools],
        "indicators": [
            {"number": i.number, "name": i.name, "tool": i.tool, "aggregation": i.aggregation,
             "source": i.source}
            for i in fw.indicators
        ],
        "items": [
            {"code": i.code, "indicator": i.indicator, "sub_indicator": i.sub_indicator,
             "text": i.text, "source": i.source,
             "previous_codes": list(fw.data.previous_year.predecessors(i.code))}
            for i in fw.items
        ],
        "levels": [lv.model_dump() for lv in fw.data.levels],
        "measures_item": fw.data.measures_item.code,
        "report_item": fw.data.report_item.code,
        "previous_year": fw.data.previous_year.fiscal_year,
        "level_cases": [c.model_dump() for c in fw.data.level_cases],
    }  # fmt: skip


def cmd_criteria_show(args: argparse.Namespace) -> int:
    try:
        fw = criteria.load(args.year)
    except criteria.CriteriaError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        _print_json(_criteria_as_dict(fw))
        return 0
    print(f"เกณฑ์การประเมิน ITA ปีงบประมาณ {fw.fiscal_year}")
    print(fw.data.summary)
    previous = fw.data.previous_year
    for tool in fw.tools:
        print(f"\n{tool.code} {tool.name} (น้ำหนักร้อยละ {tool.weight:g}) [{tool.provenance.label}]")
        for ind in fw.indicators_of(tool.code):
            print(f"  ตัวชี้วัดที่ {ind.number} {ind.name} [{ind.provenance.label}]")
            for item in fw.items_of(ind.number):
                sub = f" ({item.sub_indicator})" if item.sub_indicator else ""
                before = ", ".join(fw.display_code(c) for c in previous.predecessors(item.code))
                was = f" ← ปี {previous.fiscal_year} {before}" if before else ""
                print(
                    f"    {fw.display_code(item.code)}{sub} {item.text} [{item.provenance.label}]{was}"
                )
    print("\nระดับผลการประเมิน:")
    for lv in fw.data.levels:
        print(f"  {lv.label}: คะแนนรวม ≥ {lv.min_total:g} [{lv.provenance.label}]")
    for case in fw.data.level_cases:
        print(f"  ตัวอย่าง: {case.agency} {case.total:.2f} พิมพ์ระดับ {case.printed_level} "
              f"[{case.provenance.label}]")  # fmt: skip
    print(f"มาตรการ: {fw.measures_code or 'ไม่ทราบ'}; รายงานผล: {fw.report_code or 'ไม่ทราบ'} "
          f"[{fw.data.measures_item.provenance.label}]")  # fmt: skip
    print(f"เทียบรหัสประเด็นกับปี {previous.fiscal_year}: [{previous.provenance.label}]")
    if fw.data.unknowns:
        print("\nสิ่งที่ยังไม่ทราบ:")
        for unknown in fw.data.unknowns:
            print(f"  - {unknown}")
    return 0


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")
    import django

    django.setup()


def _say_correction(text: str) -> None:
    print(f"itaplan: แก้ไขจากต้นฉบับ: {text}", file=sys.stderr)


def cmd_document(args: argparse.Namespace) -> int:
    import datetime as dt

    from itaplan.documents.files import DocumentError

    out = Path(args.out)
    try:
        if args.from_file:
            if args.kind != "measures":
                raise CommandError("--from-file ใช้ได้กับ document measures เท่านั้น")
            from itaplan.documents.files import write_measures_document_from_file

            approved_on = dt.date.fromisoformat(args.date) if args.date else None
            write_measures_document_from_file(
                Path(args.from_file),
                out,
                thai_digits=not args.arabic_digits,
                fiscal_year=args.year,
                approver=args.approver,
                approver_position=args.position,
                approved_on=approved_on,
                max_measures=args.max_measures,
                show_corrections=args.corrections_note,
                say=_say_correction,
            )
        else:
            if args.max_measures is not None:
                raise CommandError("--max-measures ใช้ได้กับ --from-file เท่านั้น")
            if not (args.agency and args.year):
                raise CommandError("ระบุ --agency CODE และ --year ปีงบประมาณของแผน หรือ --from-file")
            _setup_django()
            from itaplan.documents import services

            if args.kind == "measures":
                services.write_plan_document(args.agency, args.year, out)
            else:
                services.write_progress_document(args.agency, args.year, args.round, out)
    except (DocumentError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    print(out)
    return 0


def _django(argv: Sequence[str]) -> int:
    """Run a Django management command with the project settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["itaplan", *argv])
    except (OperationalError, ProgrammingError) as exc:
        reason = str(exc).splitlines()[0]
        raise CommandError(
            f"ฐานข้อมูลยังไม่พร้อม ({reason}) — สร้างตารางก่อนด้วย itaplan manage migrate"
        ) from exc
    return 0


def _management(*commands: str) -> Callable[[argparse.Namespace], int]:
    """Run management commands in turn; the extra arguments go to the first one."""

    def run(args: argparse.Namespace) -> int:
        for n, command in enumerate(commands):
            _django([command, *(args.rest if n == 0 else [])])
        return 0

    return run


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป")
    return number


def _max_measures_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-measures",
        type=_positive,
        metavar="N",
        help="แผนตั้งต้นมีไม่เกิน N มาตรการ (เร่งด่วนและเพิ่มคะแนนได้มากก่อน)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itaplan", description="itaplan — มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    for name, func, help_text in (
        ("parse", cmd_parse, "อ่านคะแนนจากข้อความผลการประเมินหรือเอกสารเดิม"),
        ("check", cmd_check, "คำนวณคะแนนและตรวจความคลาดเคลื่อนกับค่าที่พิมพ์ไว้"),
        ("suggest", cmd_suggest, "เสนอมาตรการจากผลการประเมิน (ไม่ใช้ฐานข้อมูล)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="ไฟล์ผลการประเมิน (.txt, .docx หรือ .pdf)")
        p.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.) ของผลการประเมิน")
        p.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON")
        if name == "suggest":
            _max_measures_option(p)
        p.set_defaults(func=func)

    crit = sub.add_parser("criteria", help="เกณฑ์การประเมินรายปี")
    crit_sub = crit.add_subparsers(dest="criteria_command", required=True)
    crit_sub.add_parser("check", help="ตรวจไฟล์เกณฑ์ทุกปี").set_defaults(func=cmd_criteria_check)
    show = crit_sub.add_parser("show", help="แสดงตัวชี้วัดและประเด็นของปี")
    show.add_argument("year", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_criteria_show)

    for name, help_text in (
        ("agency", "จัดการหน่วยงาน: itaplan agency add …"),
        ("user", "จัดการผู้ใช้: itaplan user add …"),
    ):
        p = sub.add_parser(name, help=help_text)
        p_sub = p.add_subparsers(dest=f"{name}_command", required=True)
        add = p_sub.add_parser("add", help=help_text, add_help=False)
        add.add_argument("rest", nargs=argparse.REMAINDER)
        add.set_defaults(func=_management(f"{name}_add"))
    doc = sub.add_parser("document", help="ออกเอกสาร o27/o28 เป็น DOCX, PDF หรือ XLSX")
    doc.add_argument(
        "kind", choices=["measures", "progress"], help="measures = o27, progress = o28"
    )
    doc.add_argument("--out", required=True, help="ไฟล์ปลายทาง .docx .pdf .xlsx")
    doc.add_argument("--agency", help="รหัสหน่วยงาน (ข้อมูลในระบบ)")
    doc.add_argument("--year", type=int, help="ปีงบประมาณของแผน (หรือของผลการประเมิน กับ --from-file)")
    doc.add_argument("--round", help="ชื่อหรือลำดับรอบรายงาน (document progress)")
    doc.add_argument("--from-file", help="สร้างจากไฟล์ผลการประเมินโดยไม่ใช้ฐานข้อมูล")
    doc.add_argument("--arabic-digits", action="store_true", help="ใช้เลขอารบิกแทนเลขไทย")
    doc.add_argument("--approver", help="ชื่อผู้รับรองข้อมูล")
    doc.add_argument("--position", help="ตำแหน่งผู้รับรองข้อมูล")
    doc.add_argument("--date", help="วันที่รับรอง (YYYY-MM-DD)")
    _max_measures_option(doc)
    doc.add_argument(
        "--corrections-note",
        action="store_true",
        help="พิมพ์หมายเหตุรายการตัวเลขที่แก้ไขจากต้นฉบับไว้ท้ายเอกสาร (--from-file)",
    )
    doc.set_defaults(func=cmd_document)

    demo = sub.add_parser("demo", help="ข้อมูลตัวอย่าง: itaplan demo load | synthetic")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    for name, commands, help_text in (
        ("load", ("load_demo", "load_demo_progress"), "โหลดหน่วยงานตัวอย่างจากเอกสารจริง"),
        ("synthetic", ("demo_synthetic",), "สร้างข้อมูลสังเคราะห์ระดับประเทศ (ทดสอบเท่านั้น)"),
    ):
        p = demo_sub.add_parser(name, help=help_text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=_management(*commands))
    kb = sub.add_parser("knowledge", help="ฐานความรู้มาตรการ: itaplan knowledge load | check")
    kb_sub = kb.add_subparsers(dest="knowledge_command", required=True)
    for name, command, help_text in (
        ("load", "load_knowledge", "โหลดฐานความรู้จากไฟล์ข้อมูลเข้าฐานข้อมูล"),
        ("check", "check_knowledge", "รายงานประเด็นที่ยังไม่มีคำวิเคราะห์หรือแม่แบบมาตรการ"),
    ):
        p = kb_sub.add_parser(name, help=help_text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=_management(command))
    remind = sub.add_parser(
        "remind", help="ส่งอีเมลเตือนมาตรการใกล้ครบกำหนดและเกินกำหนด", add_help=False
    )
    remind.add_argument("rest", nargs=argparse.REMAINDER)
    remind.set_defaults(func=_management("remind"))
    manage = sub.add_parser("manage", help="คำสั่ง Django manage.py", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=lambda a: _django(a.rest))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # Options after a pass-through command (itaplan user add --username …) are not ours:
    # argparse leaves them unknown, and they go on to the Django command.
    args, extra = parser.parse_known_args(argv)
    if extra:
        if not hasattr(args, "rest"):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.rest = [*extra, *args.rest]
    try:
        return int(args.func(args))
    except CommandError as exc:
        print(f"itaplan: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
