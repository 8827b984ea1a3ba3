"""``itaplan agency add``: create or update an agency."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaplan.agencies.services import upsert_agency


class Command(BaseCommand):
    help = "เพิ่มหรือปรับปรุงหน่วยงาน (จับคู่ด้วยรหัสหน่วยงาน)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="รหัสหน่วยงาน")
        parser.add_argument("--name", required=True, help="ชื่อหน่วยงาน")
        parser.add_argument(
            "--kind",
            default="sao",
            help="ประเภท: sao, tambon, mueang, nakhon, pao, other หรือ อบต., ทต. …",
        )
        parser.add_argument("--province", required=True, help="จังหวัด")
        parser.add_argument("--district", required=True, help="อำเภอ")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            agency, created = upsert_agency(
                options["code"],
                options["name"],
                options["kind"],
                options["province"],
                options["district"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        verb = "เพิ่ม" if created else "ปรับปรุง"
        self.stdout.write(f"{verb}หน่วยงาน {agency.code} {agency.name} ({agency.district})")
