"""``itaplan demo load``: the four seed agencies, their results and one demo user per role,
and the knowledge base loaded from its files.

The results go through the real parser, the real check and the real save
service, exactly as a paste into the web form would. Running it again changes
nothing that is already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.agencies.services import grant_role, grant_supervision, upsert_agency, upsert_user
from itaplan.results.intake import draft_from_text
from itaplan.results.services import current_result

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PASSWORD = "itaplan-demo"
UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง")
#: Not known: left blank, so the documents print a dotted line to fill in by hand.
UNKNOWN = ""


@dataclass(frozen=True)
class DemoAgency:
    seed: str
    code: str
    name: str
    kind: str
    district: str
    province: str
    has_result: bool


AGENCIES = (
    DemoAgency(
        "000",
        "jomthong",
        "เทศบาลตำบลจอมทอง",
        Agency.Kind.SUBDISTRICT_MUNICIPALITY,
        "ศรีบุญเรือง",
        "หนองบัวลำภู",
        True,
    ),
    # Seed 002 is a progress report with no scores and no address.
    DemoAgency(
        "002", "bankham", "องค์การบริหารส่วนตำบลบ้านขาม", Agency.Kind.SAO, UNKNOWN, UNKNOWN, False
    ),
    DemoAgency(
        "003",
        "lumphli",
        "องค์การบริหารส่วนตำบลลุมพลี",
        Agency.Kind.SAO,
        "พระนครศรีอยุธยา",
        "พระนครศรีอยุธยา",
        True,
    ),
    DemoAgency(
        "004",
        "samruean",
        "องค์การบริหารส่วนตำบลสามเรือน",
        Agency.Kind.SAO,
        "เมืองราชบุรี",
        "ราชบุรี",
        True,
    ),
)
#: The agency whose people are the demo users of each role.
HOME = "samruean"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


class Command(BaseCommand):
    help = "โหลดหน่วยงานตัวอย่าง ผลการประเมิน และผู้ใช้ตัวอย่าง (รันซ้ำได้ ไม่สร้างซ้ำ)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-users", action="store_true", help="ไม่สร้างผู้ใช้ตัวอย่าง")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        agencies = {}
        for demo in AGENCIES:
            agency, created = upsert_agency(
                demo.code, demo.name, demo.kind, demo.province, demo.district
            )
            agencies[demo.code] = agency
            for unit in UNITS:
                Unit.objects.get_or_create(agency=agency, name=unit)
            self.stdout.write(f"{'เพิ่ม' if created else 'มีแล้ว'}: {agency.name} ({agency.code})")
        if not options["no_users"]:
            self._users(agencies)
        for demo in AGENCIES:
            if demo.has_result:
                self._result(agencies[demo.code], demo)
        call_command("load_knowledge", stdout=self.stdout)

    def _users(self, agencies: dict[str, Agency]) -> None:
        home = agencies[HOME]
        for username, role in (
            ("admin", Membership.Role.ADMIN),
            ("editor", Membership.Role.EDITOR),
            ("executive", Membership.Role.EXECUTIVE),
        ):
            user, _ = upsert_user(username, email=f"{username}@example.org", password=PASSWORD)
            for agency in agencies.values():
                grant_role(user, agency, role)
        unit_user, _ = upsert_user("unit", email="unit@example.org", password=PASSWORD)
        grant_role(unit_user, home, Membership.Role.UNIT_MEMBER, "กองคลัง")
        supervisor, _ = upsert_user("supervisor", email="supervisor@example.org", password=PASSWORD)
        grant_supervision(supervisor, province=home.district.province.name)
        upsert_user("siteadmin", email="siteadmin@example.org", password=PASSWORD, superuser=True)
        self.stdout.write(
            f"ผู้ใช้ตัวอย่าง (รหัสผ่าน {PASSWORD}): admin, editor, unit, executive, supervisor, siteadmin"
        )

    def _result(self, agency: Agency, demo: DemoAgency) -> None:
        path = seed_path(demo.seed)
        text = path.read_text(encoding="utf-8")
        draft = draft_from_text(text, agency, None, None, path.name)
        existing = current_result(agency, draft.fiscal_year)
        if existing is not None:
            self.stdout.write(f"มีแล้ว: ผลปี {draft.fiscal_year} ของ {agency.name}")
            return
        indicators, missing = draft.chosen()
        if missing:  # the seeds settle every conflict; say so loudly if that changes
            raise RuntimeError(f"{path.name}: {'; '.join(missing)}")
        result = draft.save(agency, indicators, None)
        total = "–" if result.computed_total is None else f"{result.computed_total:.2f}"
        self.stdout.write(
            f"บันทึก: ผลปี {result.fiscal_year} ของ {agency.name} คะแนนรวม {total} "
            f"ระดับ {result.computed_level or '–'} ข้อสังเกต {result.finding_count}"
        )
