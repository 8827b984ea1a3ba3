"""``itaplan knowledge load``: copy the knowledge files into the database.

Idempotent; a site admin's edits in the database are kept and listed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaplan.domain.knowledge import KnowledgeError
from itaplan.knowledgebase.services import sync_from_files


class Command(BaseCommand):
    help = "โหลดฐานความรู้มาตรการจากไฟล์ของแต่ละปีเข้าฐานข้อมูล (รันซ้ำได้ ไม่ทับข้อความที่ผู้ดูแลแก้ไขไว้)"

    def add_arguments(self, parser: CommandParser) -> None:
        # Years also as plain arguments: `itaplan knowledge load 2568` reaches here whole.
        parser.add_argument("years", type=int, nargs="*", help="ปีงบประมาณ (พ.ศ.); ไม่ระบุ = ทุกปี")
        parser.add_argument(
            "--year", type=int, action="append", default=[], help="ปีงบประมาณ (พ.ศ.) ระบุซ้ำได้"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reports = sync_from_files([*options["years"], *options["year"]] or None)
        except KnowledgeError as exc:
            raise CommandError(str(exc)) from exc
        for r in reports:
            self.stdout.write(
                f"FY{r.fiscal_year}: เพิ่ม {r.created} ปรับตามไฟล์ {r.updated} "
                f"คงค่าที่แก้ไขในระบบ {len(r.kept)} ลบ {r.removed} ไม่เปลี่ยน {r.unchanged}"
            )
            for name in r.kept:
                self.stdout.write(f"  คงค่าที่แก้ไขในระบบ: {name}")
