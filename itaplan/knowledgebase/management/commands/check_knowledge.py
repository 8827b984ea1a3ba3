"""``itaplan knowledge check``: indicators and items without an analysis or a template.

Reads the database copy of a year when it has one, else the year's file. Exits 1
when anything is missing; a year with criteria but no knowledge base at all is
reported and does not fail (the criteria of such years list indicators only).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaplan.domain import criteria
from itaplan.domain.knowledge import KnowledgeError
from itaplan.knowledgebase.selectors import has_stored, knowledge_base_for, missing_targets


class Command(BaseCommand):
    help = "ตรวจว่าตัวชี้วัดและประเด็นการประเมินทุกข้อมีข้อความวิเคราะห์และแม่แบบมาตรการ"

    def add_arguments(self, parser: CommandParser) -> None:
        # The year also as a plain argument: `itaplan knowledge check 2568` reaches here whole.
        parser.add_argument("year_arg", type=int, nargs="?", metavar="year")
        parser.add_argument("--year", type=int, help="ปีงบประมาณ (พ.ศ.); ไม่ระบุ = ทุกปีที่มีเกณฑ์")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or options["year_arg"]
        years = [year] if year else criteria.available_years()
        missing_total = 0
        for year in years:
            try:
                framework = criteria.load(year)
            except criteria.CriteriaError as exc:
                raise CommandError(str(exc)) from exc
            where = "ฐานข้อมูล" if has_stored(year) else "ไฟล์"
            try:
                kb = knowledge_base_for(None, year)
            except KnowledgeError:
                self.stdout.write(f"FY{year}: ไม่มีฐานความรู้ของปีนี้")
                continue
            total = len(framework.indicators) + len(framework.items)
            missing = missing_targets(framework, kb)
            if not missing:
                self.stdout.write(f"FY{year}: ครบ {total} รายการ (จาก{where})")
                continue
            missing_total += len(missing)
            self.stdout.write(f"FY{year}: ขาด {len(missing)} จาก {total} รายการ (จาก{where})")
            for m in missing:
                label = m.label if len(m.label) <= 80 else f"{m.label[:79]}…"
                self.stdout.write(f"  - {label}: ไม่มี{' และ'.join(m.lacks)}")
        if missing_total:
            raise CommandError(f"ฐานความรู้ยังขาด {missing_total} รายการ", returncode=1)
