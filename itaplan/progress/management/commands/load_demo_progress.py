"""``load_demo_progress``: seed 002 becomes อบต.บ้านขาม's approved FY2566 plan and its
12-month progress report, entered through the real plans and progress services.

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

from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.domain.criteria import CriteriaError, load
from itaplan.plans import services as plans
from itaplan.plans.models import Plan
from itaplan.plans.services import MeasureData, PlanError
from itaplan.progress import services
from itaplan.progress.demo import ReportRow, compact, parse_progress_report
from itaplan.progress.models import ProgressUpdate, ReportingRound
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
#: Percent recorded when the report does not say the work was done.
IN_PROGRESS_PERCENT = 50


def seed_text() -> str:
    return next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")


def indicator_numbers() -> dict[str, int]:
    """Indicator names of the results year (without spaces) → the ITA indicator number.

    The report numbers its rows 1–6 itself; its row 6 is indicator 10, so rows are
    matched by name, never by their printed number.
    """
    try:
        framework = load(RESULTS_YEAR)
    except CriteriaError:
        return {}
    return {compact(i.name): i.number for i in framework.indicators}


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
        rows = parse_progress_report(seed_text())
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
        rows: list[ReportRow],
    ) -> Plan:
        plan = plans.create_plan(agency, PLAN_YEAR, editor)
        first, last = plan.bounds
        numbers = indicator_numbers()
        for row in rows:
            unit, _ = Unit.objects.get_or_create(agency=agency, name=row.unit_name)
            plans.add_measure(
                plan,
                editor,
                MeasureData(
                    title=row.measure,
                    steps=list(row.steps),
                    start_date=first,
                    end_date=last,
                    units=[unit],
                    indicator=numbers.get(compact(row.indicator_name)),
                    monitoring=f"ผู้รับผิดชอบตามรายงาน: {row.unit}",
                    reporting_dates=plans.default_reporting_dates(PLAN_YEAR),
                ),
            )
        # Submitted and approved on paper in 2022: the submission is dated as it was.
        plans.submit(plan, editor, on=PLAN_APPROVED_ON)
        name = executive.get_full_name() or "ผู้บริหาร อบต.บ้านขาม (ข้อมูลสาธิต)"
        return plans.approve(plan, executive, name, POSITION, PLAN_APPROVED_ON)

    def _report(
        self,
        plan: Plan,
        editor: AbstractBaseUser,
        executive: AbstractBaseUser,
        rows: list[ReportRow],
    ) -> ReportingRound:
        rounds = services.ensure_rounds(plan)
        final = rounds[-1]
        for measure, row in zip(plan.measures.order_by("order"), rows, strict=True):
            done = row.says_done
            services.record_progress(
                measure,
                final,
                editor,
                ProgressData(
                    status=ProgressUpdate.Status.DONE
                    if done
                    else ProgressUpdate.Status.IN_PROGRESS,
                    percent=100 if done else IN_PROGRESS_PERCENT,
                    done_text=row.progress,
                ),
            )
        name = executive.get_full_name() or "ผู้บริหาร อบต.บ้านขาม (ข้อมูลสาธิต)"
        return services.approve_round(final, executive, name, POSITION, REPORT_APPROVED_ON)
