"""``load_demo_progress``: seed 002 becomes อบต.บ้านขาม's approved FY2566 plan and its
12-month progress report, entered through the real plans and progress services.

It takes the general path of any agency's o28: the progress reader
(:mod:`itaplan.domain.readers.progress`) reads the table, the plan is created from the
report's measures (:func:`itaplan.plans.imports.plan_from_measures`) and the report is
recorded into the round (:func:`itaplan.progress.imports.record_report`).

Run after ``load_demo`` (which creates the agency, its units and the demo
editor and executive). Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from itaplan.agencies.models import Agency, Membership
from itaplan.domain.readers.progress import ReadProgress, read_progress
from itaplan.lib.approval import NAME_NOT_KNOWN
from itaplan.plans import services as plans
from itaplan.plans.imports import plan_from_measures
from itaplan.plans.models import Plan
from itaplan.plans.services import PlanError
from itaplan.progress import services
from itaplan.progress.imports import match_report, measures_of_report, record_report
from itaplan.progress.models import ReportingRound
from itaplan.progress.services import ProgressData, ProgressError

SEEDS = Path(__file__).resolve().parents[3] / "demo" / "seeds"
AGENCY_CODE = "bankham"
AGENCY_NAME = "บ้านขาม"
PLAN_YEAR = 2566
#: The plan answers the FY2565 results; its indicators are named as in that year.
RESULTS_YEAR = 2565
PLAN_APPROVED_ON = dt.date(2022, 12, 15)
REPORT_APPROVED_ON = dt.date(2023, 10, 16)
POSITION = "นายกองค์การบริหารส่วนตำบลบ้านขาม"


def seed_text() -> str:
    return next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")


class Command(BaseCommand):
    help = "โหลดแผนมาตรการและรายงานความก้าวหน้าตัวอย่างของ อบต.บ้านขาม (seed 002) รันซ้ำได้"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", default=AGENCY_CODE, help="รหัสหน่วยงาน (ค่าเริ่มต้น bankham)")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        agency = self._agency(options["agency"])
        if Plan.objects.filter(agency=agency, fiscal_year=PLAN_YEAR, is_current=True).exists():
            self.stdout.write(f"มีแล้ว: แผนมาตรการปี {PLAN_YEAR} ของ {agency.name} (ไม่เปลี่ยนแปลง)")
            return
        editor = self._person(agency, [Membership.Role.ADMIN, Membership.Role.EDITOR])
        executive = self._person(agency, [Membership.Role.EXECUTIVE])
        rows = read_progress(seed_text(), results_year=RESULTS_YEAR)
        if not rows:
            raise CommandError("อ่านตารางจาก seed 002 ไม่ได้")
        try:
            plan = self._plan(agency, editor, executive, rows)
            self._report(plan, editor, executive, rows)
        except (PlanError, ProgressError) as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"บันทึก: แผนมาตรการปี {PLAN_YEAR} ของ {agency.name} {len(rows)} มาตรการ "
            "และรายงานความก้าวหน้ารอบ 12 เดือน (อนุมัติแล้ว)"
        )

    def _agency(self, code: str) -> Agency:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            matches = list(Agency.objects.filter(name__contains=AGENCY_NAME)[:2])
            agency = matches[0] if len(matches) == 1 else None
        if agency is None:
            raise CommandError(f"ไม่พบหน่วยงาน '{code}' (อบต.บ้านขาม) กรุณารัน load_demo ก่อน")
        return agency

    def _person(self, agency: Agency, roles: list[str]) -> AbstractBaseUser:
        membership = (
            Membership.objects.filter(agency=agency, role__in=roles)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            names = ", ".join(Membership.Role(r).label for r in roles)
            raise CommandError(f"{agency.name} ยังไม่มี{names} กรุณารัน load_demo ก่อน")
        return membership.user

    def _plan(
        self,
        agency: Agency,
        editor: AbstractBaseUser,
        executive: AbstractBaseUser,
        rows: list[ReadProgress],
    ) -> Plan:
        plan = plan_from_measures(
            agency, PLAN_YEAR, editor, measures_of_report(agency, PLAN_YEAR, rows)
        )
        # Submitted and approved on paper in 2022: the submission is dated as it was.
        plans.submit(plan, editor, on=PLAN_APPROVED_ON)
        name = executive.get_full_name() or NAME_NOT_KNOWN
        return plans.approve(plan, executive, name, POSITION, PLAN_APPROVED_ON)

    def _report(
        self,
        plan: Plan,
        editor: AbstractBaseUser,
        executive: AbstractBaseUser,
        rows: list[ReadProgress],
    ) -> ReportingRound:
        final = services.ensure_rounds(plan)[-1]
        entries = []
        for match in match_report(plan, rows):
            if match.measure is None or match.percent is None:
                raise CommandError(f"seed 002: อ่านแถว '{match.row.title[:40]}' ไม่ครบ")
            entries.append(
                (
                    match.measure,
                    ProgressData(
                        status=match.status, percent=match.percent, done_text=match.row.progress
                    ),
                )
            )
        record_report(final, editor, entries)
        services.submit_round(final, editor, on=REPORT_APPROVED_ON)
        name = executive.get_full_name() or NAME_NOT_KNOWN
        return services.approve_round(final, executive, name, POSITION, REPORT_APPROVED_ON)
