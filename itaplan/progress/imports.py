"""Last year's o28 into the progress of an existing plan, read by the progress reader.

A report row names a measure (and its indicator) and says what was done. Each row is
matched to one measure of the plan — by indicator, then by the likeness of the
measure's title — and becomes a progress update of the round: done when the text
says so, in progress with the percent printed, not started when it says it was not.
A percent the text does not give is left for the person to enter, never invented.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db import transaction

from itaplan.agencies.models import Agency
from itaplan.domain.readers.progress import ReadProgress
from itaplan.domain.readers.segments import compact
from itaplan.plans.imports import measure_draft
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import MeasureData
from itaplan.progress import services
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.progress.services import ProgressData, ProgressError, User

Status = ProgressUpdate.Status
#: How alike two titles must be (difflib ratio, spaces ignored) to be the same measure.
TITLE_LIKENESS = 0.5


@dataclass
class ReportMatch:
    """One report row, the measure it reports on (if any), and what it says."""

    row: ReadProgress
    measure: Measure | None
    status: str
    #: ``None`` when the text gives none and the status needs one (in progress).
    percent: int | None


def status_of(row: ReadProgress) -> tuple[str, int | None]:
    """The status and percent a row's text gives."""
    if row.says_done:
        return Status.DONE, 100
    if row.percent is not None:
        percent = round(row.percent)
        return (Status.IN_PROGRESS if percent > 0 else Status.NOT_STARTED), percent
    if not row.says_started:
        return Status.NOT_STARTED, 0
    return Status.IN_PROGRESS, None


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, compact(a), compact(b)).ratio()


def match_report(plan: Plan, rows: Sequence[ReadProgress]) -> list[ReportMatch]:
    """Each row with the plan's measure it reports on; a measure is matched once."""
    measures = list(plan.measures.order_by("order"))
    used: set[int] = set()
    matches = []
    for row in rows:
        free = [m for m in measures if m.pk not in used]
        same_indicator = [
            m for m in free if row.indicator is not None and m.indicator == row.indicator
        ]
        pool = same_indicator or free
        best = max(pool, key=lambda m: _likeness(m.title, row.title), default=None)
        if (
            best is not None
            and not same_indicator
            and _likeness(best.title, row.title) < TITLE_LIKENESS
        ):
            best = None
        if best is not None:
            used.add(best.pk)
        status, percent = status_of(row)
        matches.append(ReportMatch(row, best, status, percent))
    return matches


@transaction.atomic
def record_report(
    round_: ReportingRound,
    user: User,
    entries: Sequence[tuple[Measure, ProgressData]],
    *,
    checked: str = "",
) -> int:
    """Record every entry as a progress update of the round; all or nothing.

    ``checked`` is what the person stated they checked before importing a report that
    names another agency or year; the round's audit log keeps it. A refusal names the
    row (``แถวที่ 2: …``). Returns how many were recorded.
    """
    for number, (measure, data) in enumerate(entries, start=1):
        try:
            services.record_progress(measure, round_, user, data)
        except ProgressError as error:
            raise ProgressError(
                f"แถวที่ {number} ({measure.title[:60]}): {error.message}", error.field
            ) from None
    LogEntry.objects.log_create(
        round_,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"imported_progress": ["0", str(len(entries))]},
        additional_data={"checked": checked} if checked else None,
        actor=user if user.is_authenticated else None,
    )
    return len(entries)


def measures_of_report(
    agency: Agency, plan_year: int, rows: Sequence[ReadProgress]
) -> list[tuple[MeasureData, list[str]]]:
    """The measures a report names, for a plan that does not exist yet (the demo of seed
    002): the agency's units matched, the others offered; the report gives no period,
    so each runs the whole plan year."""
    return [
        measure_draft(
            agency,
            plan_year,
            title=row.title,
            steps=row.steps,
            printed_units=row.units,
            indicator=row.indicator,
            monitoring=f"ผู้รับผิดชอบตามรายงาน: {', '.join(row.units)}" if row.units else "",
        )
        for row in rows
    ]
