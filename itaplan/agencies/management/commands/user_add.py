"""``itaplan user add``: create or update a person, their role and what they supervise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from itaplan.agencies.models import Agency, Membership
from itaplan.agencies.services import grant_role, grant_supervision, upsert_user


class Command(BaseCommand):
    help = "เพิ่มหรือปรับปรุงผู้ใช้ บทบาทในหน่วยงาน และขอบเขตการกำกับดูแล"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None, help="ไม่ระบุ: ผู้ใช้ต้องตั้งรหัสผ่านทางอีเมล")
        parser.add_argument("--agency", help="รหัสหน่วยงาน")
        parser.add_argument("--role", choices=Membership.Role.values)
        parser.add_argument("--unit", help="ชื่อกอง/สำนัก (บทบาท unit)")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--supervise-province", metavar="NAME", help="อ่านได้ทุกหน่วยงานในจังหวัด")
        scope.add_argument(
            "--supervise-district", metavar="NAME", help="อ่านได้ทุกหน่วยงานในอำเภอ ('อำเภอ/จังหวัด')"
        )
        scope.add_argument("--supervise-all", action="store_true", help="อ่านได้ทุกหน่วยงาน")
        parser.add_argument("--superuser", action="store_true", help="ผู้ดูแลระบบ")

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["agency"]) != bool(options["role"]):
            raise CommandError("--agency และ --role ต้องระบุคู่กัน")
        try:
            with transaction.atomic():
                user, created = upsert_user(
                    options["username"],
                    email=options["email"],
                    password=options["password"],
                    superuser=options["superuser"],
                )
                done = ["เพิ่มผู้ใช้" if created else "ปรับปรุงผู้ใช้", user.username]
                if options["agency"]:
                    try:
                        agency = Agency.objects.get(code=options["agency"])
                    except Agency.DoesNotExist:
                        raise CommandError(f"ไม่พบหน่วยงานรหัส {options['agency']}") from None
                    membership = grant_role(user, agency, options["role"], options["unit"])
                    done.append(f"{membership.get_role_display()} {agency.name}")
                if (
                    options["supervise_province"]
                    or options["supervise_district"]
                    or options["supervise_all"]
                ):
                    scope = grant_supervision(
                        user,
                        province=options["supervise_province"],
                        district=options["supervise_district"],
                    )
                    done.append(f"ผู้กำกับดูแล {scope.district or scope.province or 'ทั้งประเทศ'}")
                if options["superuser"]:
                    done.append("ผู้ดูแลระบบ")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(" ".join(done))
