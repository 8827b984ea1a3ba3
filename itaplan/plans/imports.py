"""A draft plan from the measures of last year's o27, read by the measures reader.

:func:`proposals` turns the rows read from the text into what the import page
shows and lets the person edit: each row's :class:`~itaplan.plans.services.MeasureData`
(the period as printed, even when it lies outside the plan year — that is a finding
to fix, never a date moved silently), the agency's units the row names, and the
names that match no unit (offered for creation). :func:`plan_from_measures` then
creates the draft plan, the units the person agreed to create and every measure,
in order, in one transaction: all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext

from itaplan.agencies.models import Agency, Unit
from itaplan.domain.readers.measures import ALL_UNITS, ReadMeasure, findings_by_measure
from itaplan.domain.readers.periods import Period
from itaplan.domain.readers.segments import compact
from itaplan.domain.scoring import Finding
from itaplan.plans import services
from itaplan.plans.models import Plan
from itaplan.plans.services import MeasureData, PlanError, User

_BRACKETS = re.compile(r"\s*\(.*?\)\s*")
UNIT_NAME_MAX = Unit._meta.get_field("name").max_length or 200


@dataclass
class Proposal:
    """One measure read from the text, as the import page proposes it."""

    data: MeasureData
    #: Names printed for the responsible units that match none of the agency's units.
    new_units: list[str] = field(default_factory=list)
    #: What needs a person's eye (a period outside the plan year or unreadable).
    findings: list[Finding] = field(default_factory=list)
    #: The period as printed.
    period_text: str = ""


def match_units(agency: Agency, printed: Sequence[str]) -> tuple[list[Unit], list[str]]:
    """The agency's units that printed names stand for, and the names that match none.

    "ทุกกอง/สำนัก" stands for every unit in service; "สำนักปลัด (งานธุรการ)" and
    "งานธุรการ สำนักปลัดเทศบาล" stand for สำนักปลัด (a งาน inside it); spaces do not matter.
    """
    units = list(agency.units.in_use())
    found: list[Unit] = []
    unmatched: list[str] = []
    for name in printed:
        if ALL_UNITS.search(name):
            matched = units
        else:
            wanted = compact(_BRACKETS.sub(" ", name)) or compact(name)
            matched = [u for u in units if compact(u.name) and compact(u.name) in wanted]
            matched = matched or [u for u in units if wanted in compact(u.name)]
        for unit in matched:
            if unit not in found:
                found.append(unit)
        if not matched:
            clean = " ".join(_BRACKETS.sub(" ", name).split())[:UNIT_NAME_MAX] or name
            if clean not in unmatched:
                unmatched.append(clean)
    return found, unmatched


def measure_draft(
    agency: Agency,
    plan_year: int,
    *,
    title: str,
    steps: Sequence[str],
    printed_units: Sequence[str],
    indicator: int | None,
    period: Period | None = None,
    analysis: str = "",
    monitoring: str = "",
) -> tuple[MeasureData, list[str]]:
    """A measure read from a document as plan input, and the unit names to offer for
    creation. Without a period it runs the whole plan year (the document gives none)."""
    first, last = Plan(fiscal_year=plan_year).bounds
    units, unmatched = match_units(agency, printed_units)
    data = MeasureData(
        title=title[:500],
        steps=list(steps) or [title],
        start_date=period.start if period else first,
        end_date=period.end if period else last,
        units=units,
        indicator=indicator,
        analysis=analysis,
        monitoring=monitoring,
        reporting_dates=services.default_reporting_dates(plan_year),
    )
    return data, unmatched


def proposals(agency: Agency, plan_year: int, measures: Sequence[ReadMeasure]) -> list[Proposal]:
    """What the import page shows for each measure read, in printed order."""
    findings = findings_by_measure(list(measures), plan_year)
    result = []
    for number, read in enumerate(measures, start=1):
        data, unmatched = measure_draft(
            agency,
            plan_year,
            title=read.title,
            steps=read.steps,
            printed_units=read.units,
            indicator=read.indicator,
            period=read.period,
            analysis=read.analysis,
            monitoring=read.monitoring,
        )
        result.append(
            Proposal(
                data=data,
                new_units=unmatched,
                findings=findings.get(number, []),
                period_text=read.period_text,
            )
        )
    return result


@transaction.atomic
def plan_from_measures(
    agency: Agency,
    plan_year: int,
    user: User,
    measures: Sequence[tuple[MeasureData, Sequence[str]]],
    *,
    source_name: str = "",
    checked: str = "",
) -> Plan:
    """Create the draft plan of ``plan_year`` with these measures, in this order.

    Each measure comes with the names of units to create for it (they join the
    measure's units). ``checked`` is what the person stated they checked before
    importing a text that names another agency or year; it goes into the audit log.
    A refusal names the measure (``มาตรการที่ 3: …``) and writes nothing.
    """
    if not measures:
        raise PlanError(gettext("ไม่มีมาตรการให้สร้างแผน กรุณาเลือกอย่างน้อยหนึ่งมาตรการ"))
    plan = services.create_plan(agency, plan_year, user)
    for number, (data, new_names) in enumerate(measures, start=1):
        units = list(data.units)
        for name in new_names:
            name = " ".join(name.split())[:UNIT_NAME_MAX]
            if name:
                unit, _ = Unit.objects.get_or_create(agency=agency, name=name)
                if unit not in units:
                    units.append(unit)
        try:
            services.add_measure(plan, user, replace(data, units=units))
        except PlanError as error:
            raise PlanError(
                gettext("มาตรการที่ %(number)s: %(message)s")
                % {"number": number, "message": error.message},
                error.field,
            ) from None
    LogEntry.objects.log_create(
        plan,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"imported_measures": ["0", str(len(measures))]},
        additional_data={"source": source_name, "checked": checked}
        if checked
        else {"source": source_name},
        actor=user if user.is_authenticated else None,
    )
    return plan
