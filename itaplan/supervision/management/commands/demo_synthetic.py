"""``manage.py demo_synthetic``: a labelled synthetic country for demos and benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaplan.supervision import synthetic


class Command(BaseCommand):
    help = (
        "สร้างข้อมูลสังเคราะห์ (หน่วยงาน [สังเคราะห์] รหัส SYN-…) พร้อมผลการประเมินหลายปี"
        "และแผนมาตรการ สำหรับสาธิตและทดสอบความเร็ว ไม่ใช่ข้อมูลจริง"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agencies", type=int, default=8300, help="จำนวนหน่วยงาน (8300)")
        parser.add_argument("--years", type=int, default=6, help="จำนวนปีล่าสุดที่มีเกณฑ์ (6 = 2564–2569)")
        parser.add_argument("--seed", type=int, default=1, help="ค่าเริ่มสุ่ม ได้ข้อมูลเดิมทุกครั้ง")
        parser.add_argument(
            "--replace", action="store_true", help="ลบข้อมูลสังเคราะห์เดิมทั้งหมดก่อนสร้างใหม่"
        )
        parser.add_argument("--remove", action="store_true", help="ลบข้อมูลสังเคราะห์ทั้งหมดแล้วจบ")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["remove"] or options["replace"]:
            removed = synthetic.remove_synthetic()
            self.stdout.write(f"ลบหน่วยงานสังเคราะห์ {removed} แห่ง")
            if options["remove"]:
                return
        if options["agencies"] < 1:
            raise CommandError("--agencies ต้องมากกว่า 0")
        try:
            years = synthetic.chosen_years(options["years"])
            synthetic.generate(
                options["agencies"], years, options["seed"], progress=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"เสร็จใน {time.perf_counter() - started:.1f} วินาที"))
