"""Changing measures plans: the only way plans and measures are written.

Every function runs in one transaction, checks who is acting, and raises
:class:`PlanError` with a Thai message naming the field when the input or the
state of the plan does not allow the change; nothing is written then.

The rules, in one place:

- only admins and editors of the agency change a plan, and only while it is a
  draft and the current version;
- every date of a measure lies inside the plan's fiscal year (1 Oct – 30 Sep);
- responsible units belong to the plan's agency;
- only an executive of the agency approves, and an approved plan is locked:
  changes go into a new version, which keeps the approved one as it was;
- next year's plan starts from the measures the user carries over, each linked
  to the measure it continues.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from itaplan.agencies.access import can_write
from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.domain.criteria import CriteriaError, Framework, load
from itaplan.domain.knowledge import Suggestion, Timeframe
from itaplan.domain.thai import format_date, to_arabic_digits
from itaplan.lib import display, editlock
from itaplan.lib.approval import record_approval
from itaplan.plans.models import Measure, MeasureStep, Plan, PlanEvent
from itaplan.results.models import Result

User = AbstractBaseUser | AnonymousUser

#: Reporting rounds proposed for a new measure: after 6 and after 12 months (o28).
DEFAULT_REPORTING_MONTHS = (6, 12)
_ITEM_CODE = re.compile(r"^[ieo]\d+$")
#: Indicators of a year whose criteria file cannot be read.
FALLBACK_INDICATORS = range(1, 11)


class PlanError(ValueError):
    """A change the plan does not allow; ``message`` is Thai, ``field`` the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class MeasureData:
    """What a person enters for a measure, as the form hands it over."""

    title: str
    steps: Sequence[str]
    start_date: dt.date
    end_date: dt.date
    units: Sequence[Unit] = ()
    indicator: int | None = None
    item_codes: Sequence[str] = ()
    analysis: str = ""
    monitoring: str = ""
    reporting_dates: Sequence[dt.date] = ()
    template_key: str | None = field(default=None)


# --- helpers ------------------------------------------------------------------------


def digits(agency: Agency, value: object) -> str:
    """A number or text with the digits the page shows (the agency's choice, in Thai)."""
    return display.digits(value, agency)


def plan_year_text(plan: Plan) -> str:
    """``ปีงบประมาณ ๒๕๖๙ (๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙)`` in the agency's digits."""
    first, last = plan.bounds
    return gettext("ปีงบประมาณ %(year)s (%(period)s)") % {
        "year": digits(plan.agency, plan.fiscal_year),
        "period": display.show_period(first, last, plan.agency),
    }


def is_executive(user: User, agency: Agency) -> bool:
    """Whether the user approves the agency's plans (an executive membership)."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.active()
        .filter(user=user, agency=agency, role=Membership.Role.EXECUTIVE)
        .exists()
    )


def default_reporting_dates(fiscal_year: int) -> list[dt.date]:
    """The last day of the 6th and the 12th month of the fiscal year (31 Mar, 30 Sep)."""
    return [Timeframe(1, month).dates(fiscal_year)[1] for month in DEFAULT_REPORTING_MONTHS]


def _require_editor(agency: Agency, user: User) -> None:
    if not can_write(user, agency):
        raise PlanError(gettext("ไม่มีสิทธิ์แก้ไขแผนมาตรการของ%(name)s") % {"name": agency.name})


def _lock(plan: Plan) -> Plan:
    """Lock the plan row for the transaction and bring the instance up to date."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db()
    return plan


def _require_draft(plan: Plan) -> None:
    name = (
        f"แผนมาตรการปีงบประมาณ {digits(plan.agency, plan.fiscal_year)} "
        f"ฉบับที่ {digits(plan.agency, plan.version)}"
    )
    if not plan.is_current:
        raise PlanError(gettext("%(name)s ไม่ใช่ฉบับปัจจุบัน แก้ไขไม่ได้") % {"name": name})
    if plan.status == Plan.Status.APPROVED:
        raise PlanError(gettext("%(name)s อนุมัติแล้ว แก้ไขไม่ได้ ต้องเปิดฉบับใหม่ก่อน") % {"name": name})
    if plan.status == Plan.Status.SUBMITTED:
        raise PlanError(
            gettext("%(name)s อยู่ระหว่างเสนออนุมัติ แก้ไขไม่ได้ ต้องถอนกลับเป็นร่างก่อน") % {"name": name}
        )


def framework_of(plan: Plan) -> Framework | None:
    """The criteria of the results year the plan answers, or ``None`` if there is no file."""
    try:
        return load(plan.results_year)
    except CriteriaError:
        return None


def _clean_item_codes(plan: Plan, codes: Iterable[str]) -> list[str]:
    fw = framework_of(plan)
    cleaned: list[str] = []
    for raw in codes:
        if not raw.strip():
            continue
        if fw is not None and fw.items:
            code = fw.normalise_item_code(raw)
        else:  # the year's item list is unknown: accept anything shaped like a code
            code = to_arabic_digits(raw.strip()).lower()
            code = code if _ITEM_CODE.match(code) else None
        if code is None:
            raise PlanError(
                gettext("ประเด็นการประเมิน: '%(value)s' ไม่ใช่ประเด็นของปี %(value2)s")
                % {"value": raw.strip(), "value2": digits(plan.agency, plan.results_year)},
                "item_codes",
            )
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def _in_year(plan: Plan, day: dt.date) -> bool:
    first, last = plan.bounds
    return first <= day <= last


def _validated(plan: Plan, data: MeasureData) -> MeasureData:
    """The data with its text trimmed and codes made canonical, or ``PlanError``."""
    title = " ".join(data.title.split())
    if not title:
        raise PlanError(gettext("ชื่อมาตรการ: ต้องระบุ"), "title")
    if len(title) > Measure._meta.get_field("title").max_length:  # type: ignore[operator]
        raise PlanError(gettext("ชื่อมาตรการ: ยาวเกิน 500 ตัวอักษร"), "title")
    steps = [s.strip() for s in data.steps if s.strip()]
    if not steps:
        raise PlanError(
            gettext("ขั้นตอนของมาตรการ '%(title)s': ต้องมีอย่างน้อยหนึ่งขั้นตอน") % {"title": title}, "steps"
        )
    if data.start_date is None or data.end_date is None:
        raise PlanError(
            gettext("ระยะเวลาของมาตรการ '%(title)s': ต้องระบุวันเริ่มและวันสิ้นสุด") % {"title": title},
            "start_date",
        )
    for name, day in (("start_date", data.start_date), ("end_date", data.end_date)):
        if not _in_year(plan, day):
            raise PlanError(
                gettext("ระยะเวลาของมาตรการ '%(title)s' ต้องอยู่ใน%(value)s")
                % {"title": title, "value": plan_year_text(plan)},
                name,
            )
    if data.end_date < data.start_date:
        raise PlanError(
            gettext("ระยะเวลาของมาตรการ '%(title)s': วันสิ้นสุดต้องไม่ก่อนวันเริ่ม") % {"title": title},
            "end_date",
        )
    for day in data.reporting_dates:
        if not _in_year(plan, day):
            shown = format_date(day, thai_digits=plan.agency.thai_digits)
            raise PlanError(
                gettext("กำหนดรายงานผลของมาตรการ '%(title)s': %(shown)s ไม่อยู่ใน%(value)s")
                % {"title": title, "shown": shown, "value": plan_year_text(plan)},
                "reporting_dates",
            )
    for unit in data.units:
        if unit.agency_id != plan.agency_id:
            raise PlanError(
                gettext("ผู้รับผิดชอบ: '%(name)s' ไม่ใช่กอง/สำนักของ%(name2)s")
                % {"name": unit.name, "name2": plan.agency.name},
                "units",
            )
    if data.indicator is not None:
        fw = framework_of(plan)
        known = fw.has_indicator(data.indicator) if fw else data.indicator in FALLBACK_INDICATORS
        if not known:
            raise PlanError(
                gettext("ตัวชี้วัด: ปี %(value)s ไม่มีตัวชี้วัดที่ %(indicator)s")
                % {"value": digits(plan.agency, plan.results_year), "indicator": data.indicator},
                "indicator",
            )
    return replace(
        data,
        title=title,
        steps=steps,
        item_codes=_clean_item_codes(plan, data.item_codes),
        analysis=data.analysis.strip(),
        monitoring=data.monitoring.strip(),
        reporting_dates=sorted(set(data.reporting_dates)),
    )


def _check_maintain_limit(plan: Plan, data: MeasureData, measure: Measure | None = None) -> None:
    """At most one measure for an indicator the plan's result scored in the maintain
    class (รักษาระดับ, 100): keeping a full score needs no second measure."""
    if data.indicator is None or plan.result is None:
        return
    from itaplan.results.selectors import evaluate_result

    assessment = evaluate_result(plan.result).assessment
    scored = next((i for i in assessment.indicators if i.number == data.indicator), None)
    if scored is None or scored.value is None:
        return
    if assessment.framework.classify(scored.value).key != "maintain":
        return
    others = plan.measures.filter(indicator=data.indicator)
    if measure is not None:
        others = others.exclude(pk=measure.pk)
    if others.exists():
        raise PlanError(
            gettext(
                "ตัวชี้วัดที่ %(number)s ได้คะแนนเต็ม (รักษาระดับ) และมีมาตรการรักษาระดับในแผนแล้ว "
                "ตัวชี้วัดที่ได้คะแนนเต็มมีมาตรการรักษาระดับได้ไม่เกินหนึ่งมาตรการ"
            )
            % {"number": digits(plan.agency, data.indicator)},
            "indicator",
        )


def _write_steps(measure: Measure, steps: Sequence[str]) -> None:
    measure.steps.all().delete()
    # One create() per step, not bulk_create(), so each lands in the audit log.
    for number, text in enumerate(steps, start=1):
        MeasureStep.objects.create(measure=measure, order=number, text=text)


def _next_order(plan: Plan) -> int:
    return (plan.measures.aggregate(last=Max("order"))["last"] or 0) + 1


def _create_measure(plan: Plan, data: MeasureData, carried_from: Measure | None = None) -> Measure:
    measure = Measure.objects.create(
        plan=plan,
        order=_next_order(plan),
        title=data.title,
        indicator=data.indicator,
        item_codes=list(data.item_codes),
        analysis=data.analysis,
        template_key=data.template_key,
        monitoring=data.monitoring,
        start_date=data.start_date,
        end_date=data.end_date,
        reporting_dates=[d.isoformat() for d in data.reporting_dates],
        carried_from=carried_from,
    )
    measure.units.set(data.units)
    _write_steps(measure, data.steps)
    return measure


def data_of(measure: Measure) -> MeasureData:
    """A stored measure as :class:`MeasureData`, to copy it or fill a form."""
    return MeasureData(
        title=measure.title,
        steps=[s.text for s in measure.steps.all()],
        start_date=measure.start_date,
        end_date=measure.end_date,
        units=list(measure.units.all()),
        indicator=measure.indicator,
        item_codes=list(measure.item_codes),
        analysis=measure.analysis,
        monitoring=measure.monitoring,
        reporting_dates=measure.reporting_days,
        template_key=measure.template_key,
    )


def _match_units(agency: Agency, typical: str) -> list[Unit]:
    """The agency's units named in a template's typical unit (``"กองคลัง"``)."""
    wanted = "".join(typical.split())
    found = []
    for unit in agency.units.in_use():
        name = "".join(unit.name.split())
        if name and (name in wanted or wanted in name):
            found.append(unit)
    return found


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- plans --------------------------------------------------------------------------


def _new_plan(agency: Agency, year: int, user: User, result: Result | None) -> Plan:
    if Plan.objects.filter(agency=agency, fiscal_year=year, is_current=True).exists():
        raise PlanError(
            gettext("%(name)s มีแผนมาตรการปีงบประมาณ %(value)s อยู่แล้ว")
            % {"name": agency.name, "value": digits(agency, year)},
            "fiscal_year",
        )
    if result is None:
        result = Result.objects.filter(agency=agency, fiscal_year=year - 1, is_current=True).first()
    elif result.agency_id != agency.pk:
        raise PlanError(gettext("ผลการประเมิน: ไม่ใช่ผลของหน่วยงานนี้"), "result")
    elif result.fiscal_year != year - 1:
        raise PlanError(
            gettext(
                "ผลการประเมิน: แผนปีงบประมาณ %(value)s ต้องใช้ผลการประเมินปี %(value2)s ไม่ใช่ปี %(value3)s"
            )
            % {
                "value": digits(agency, year),
                "value2": digits(agency, year - 1),
                "value3": digits(agency, result.fiscal_year),
            },
            "result",
        )
    last = Plan.objects.filter(agency=agency, fiscal_year=year).aggregate(v=Max("version"))["v"]
    return Plan.objects.create(
        agency=agency,
        fiscal_year=year,
        result=result,
        version=(last or 0) + 1,
        created_by=user if user.is_authenticated else None,
    )


def create_plan(agency: Agency, year: int, user: User, *, result: Result | None = None) -> Plan:
    """Start the draft plan of an agency for fiscal year ``year`` (BE).

    The plan answers ``result`` or, by default, the agency's current result of the
    year before. Refused when the agency already has a current plan for the year.
    """
    _require_editor(agency, user)
    if not 2500 <= year <= 2700:
        raise PlanError(
            gettext("ปีงบประมาณ: %(year)s ไม่ใช่ปีพุทธศักราชที่ถูกต้อง") % {"year": year}, "fiscal_year"
        )
    try:
        with transaction.atomic():
            return _new_plan(agency, year, user, result)
    except IntegrityError as exc:
        raise PlanError(
            gettext("มีผู้อื่นสร้างแผนมาตรการปีงบประมาณ %(value)s พร้อมกัน กรุณาลองใหม่")
            % {"value": digits(agency, year)},
            "fiscal_year",
        ) from exc


@transaction.atomic
def add_measure(plan: Plan, user: User, data: MeasureData) -> Measure:
    """Add a measure written from scratch at the end of a draft plan."""
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    clean = _validated(plan, data)
    _check_maintain_limit(plan, clean)
    return _create_measure(plan, clean)


def measure_from_suggestion(plan: Plan, suggestion: Suggestion) -> MeasureData:
    """What a suggested template becomes in this plan: dates in the plan's year,
    the agency's units that match the template's typical unit."""
    template = suggestion.measure
    start, end = template.timeframe.dates(plan.fiscal_year)
    if suggestion.indicator is not None:
        indicator: int | None = suggestion.indicator
        items: list[str] = list(suggestion.items)
    else:
        fw = framework_of(plan)
        indicator = fw.item(suggestion.target).indicator if fw else None
        items = [suggestion.target]
    return MeasureData(
        title=template.title,
        steps=list(template.steps),
        start_date=start,
        end_date=end,
        units=_match_units(plan.agency, template.unit),
        indicator=indicator,
        item_codes=items,
        analysis=suggestion.analysis,
        monitoring=template.monitoring,
        reporting_dates=default_reporting_dates(plan.fiscal_year),
        template_key=template.key,
    )


@transaction.atomic
def add_measure_from_suggestion(plan: Plan, user: User, template_key: str) -> Measure:
    """Adopt a suggested measure template into a draft plan.

    Only templates currently suggested for the plan's base result are accepted, so
    one already in the plan is refused.
    """
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    if plan.result is None:
        raise PlanError(gettext("แผนนี้ไม่ได้อ้างอิงผลการประเมิน จึงไม่มีมาตรการที่แนะนำ"), "template_key")
    return _add_suggested(plan, [template_key])[0]


@transaction.atomic
def add_measures_from_suggestions(
    plan: Plan, user: User, template_keys: list[str]
) -> list[Measure]:
    """Adopt several suggested templates at once (the default plan ticked on the page),
    in the order they are suggested; all or none."""
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    if plan.result is None:
        raise PlanError(gettext("แผนนี้ไม่ได้อ้างอิงผลการประเมิน จึงไม่มีมาตรการที่แนะนำ"), "template_key")
    if not template_keys:
        raise PlanError(gettext("ยังไม่ได้เลือกมาตรการที่แนะนำ"), "template_key")
    return _add_suggested(plan, template_keys)


def _add_suggested(plan: Plan, template_keys: list[str]) -> list[Measure]:
    from itaplan.plans.selectors import suggestions_for

    suggested = {s.measure.key: s for s in suggestions_for(plan)}
    for key in template_keys:
        if key not in suggested:
            raise PlanError(
                gettext("มาตรการที่แนะนำ '%(key)s' ไม่มีในรายการแนะนำ หรือมีในแผนแล้ว") % {"key": key},
                "template_key",
            )
    chosen = [s for key, s in suggested.items() if key in set(template_keys)]
    created = []
    for suggestion in chosen:
        clean = _validated(plan, measure_from_suggestion(plan, suggestion))
        _check_maintain_limit(plan, clean)
        created.append(_create_measure(plan, clean))
    return created


def measure_snapshot(measure: Measure) -> dict[str, str]:
    """What an editor sees of a measure, field by field (for :mod:`itaplan.lib.editlock`)."""
    data = data_of(measure)
    return {
        "มาตรการ": data.title,
        "ตัวชี้วัด": "" if data.indicator is None else str(data.indicator),
        "ประเด็น": ", ".join(data.item_codes),
        "การวิเคราะห์": data.analysis,
        "ขั้นตอน": "\n".join(data.steps),
        "ผู้รับผิดชอบ": ", ".join(sorted(u.name for u in data.units)),
        "วันเริ่ม": data.start_date.isoformat(),
        "วันสิ้นสุด": data.end_date.isoformat(),
        "การติดตามผล": data.monitoring,
        "กำหนดรายงาน": ", ".join(d.isoformat() for d in data.reporting_dates),
    }


@transaction.atomic
def update_measure(
    measure: Measure, user: User, data: MeasureData, seen: str | None = None
) -> Measure:
    """Replace what a person entered for a measure of a draft plan.

    The template it came from and the measure it continues stay as they were.
    ``seen`` is the form's edit token: when someone saved the measure after the
    form was opened, nothing is saved and the error says what changed.
    """
    plan = measure.plan
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    if seen is not None:
        measure.refresh_from_db()
        try:
            editlock.check(seen, measure_snapshot(measure), "มาตรการ")
        except editlock.StaleEdit as stale:
            raise PlanError(str(stale)) from None
    clean = _validated(plan, data)
    _check_maintain_limit(plan, clean, measure)
    measure.title = clean.title
    measure.indicator = clean.indicator
    measure.item_codes = list(clean.item_codes)
    measure.analysis = clean.analysis
    measure.monitoring = clean.monitoring
    measure.start_date = clean.start_date
    measure.end_date = clean.end_date
    measure.reporting_dates = [d.isoformat() for d in clean.reporting_dates]
    measure.save()
    measure.units.set(clean.units)
    if [s.text for s in measure.steps.all()] != list(clean.steps):
        _write_steps(measure, clean.steps)
    return measure


def _renumber(plan: Plan, ordered: Sequence[Measure]) -> None:
    for number, measure in enumerate(ordered, start=1):
        if measure.order != number:
            measure.order = number
            measure.save(update_fields=["order"])


@transaction.atomic
def reorder_measures(plan: Plan, user: User, measure_ids: Sequence[int]) -> None:
    """Put the measures of a draft plan in the order of ``measure_ids`` (all of them)."""
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    measures = {m.pk: m for m in plan.measures.all()}
    if sorted(measure_ids) != sorted(measures):
        raise PlanError(gettext("ลำดับมาตรการ: ต้องระบุมาตรการทุกข้อของแผนนี้ ข้อละครั้ง"), "order")
    _renumber(plan, [measures[pk] for pk in measure_ids])


@transaction.atomic
def move_measure(measure: Measure, user: User, offset: int) -> None:
    """Move a measure up (``-1``) or down (``+1``) in its plan; at an end it stays."""
    plan = measure.plan
    ids = list(plan.measures.values_list("pk", flat=True))
    here = ids.index(measure.pk)
    there = min(max(here + offset, 0), len(ids) - 1)
    ids.insert(there, ids.pop(here))
    reorder_measures(plan, user, ids)


@transaction.atomic
def remove_measure(measure: Measure, user: User) -> None:
    """Delete a measure of a draft plan; the others close up."""
    plan = measure.plan
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    measure.delete()
    _renumber(plan, list(plan.measures.all()))


def _record(
    plan: Plan, kind: str, user: User, reason: str = "", at: dt.datetime | None = None
) -> None:
    PlanEvent.objects.create(
        plan=plan,
        kind=kind,
        user=user if user.is_authenticated else None,
        at=at or timezone.now(),
        reason=reason,
    )


@transaction.atomic
def submit(plan: Plan, user: User, *, on: dt.date | None = None) -> Plan:
    """Send a draft plan to the executive for approval; it can no longer be edited.

    ``on`` records a submission made earlier on paper (loading a past year); the
    pages never pass it.
    """
    _require_editor(plan.agency, user)
    _lock(plan)
    _require_draft(plan)
    measures = list(plan.measures.prefetch_related("units", "steps"))
    if not measures:
        raise PlanError(gettext("แผนมาตรการยังไม่มีมาตรการ เพิ่มมาตรการก่อนเสนออนุมัติ"), "measures")
    for measure in measures:
        if not measure.units.all():
            raise PlanError(
                gettext("มาตรการ '%(title)s' ยังไม่ได้ระบุผู้รับผิดชอบ") % {"title": measure.title}, "units"
            )
        if not measure.steps.all():
            raise PlanError(
                gettext("มาตรการ '%(title)s' ยังไม่มีขั้นตอน") % {"title": measure.title}, "steps"
            )
    if on is not None and on > timezone.localdate():
        raise PlanError(gettext("วันที่เสนออนุมัติ: ต้องไม่เป็นวันในอนาคต"), "submitted_at")
    plan.status = Plan.Status.SUBMITTED
    plan.submitted_by = user if user.is_authenticated else None
    plan.submitted_at = (
        timezone.make_aware(dt.datetime.combine(on, dt.time(9))) if on else timezone.now()
    )
    plan.save()
    _record(plan, PlanEvent.Kind.SUBMITTED, user, at=plan.submitted_at)
    return plan


def _back_to_draft(plan: Plan) -> None:
    if plan.status != Plan.Status.SUBMITTED or not plan.is_current:
        raise PlanError(gettext("ถอนกลับเป็นร่างได้เฉพาะแผนที่อยู่ระหว่างเสนออนุมัติ"), "status")
    plan.status = Plan.Status.DRAFT
    plan.submitted_by = None
    plan.submitted_at = None
    plan.save()


@transaction.atomic
def return_to_draft(plan: Plan, user: User) -> Plan:
    """The editor takes a submitted plan back to draft (to change it before approval)."""
    if not can_write(user, plan.agency):
        raise PlanError(gettext("ไม่มีสิทธิ์ถอนแผนมาตรการของ%(name)s") % {"name": plan.agency.name})
    _lock(plan)
    _back_to_draft(plan)
    _record(plan, PlanEvent.Kind.WITHDRAWN, user)
    return plan


@transaction.atomic
def send_back(plan: Plan, user: User, reason: str) -> Plan:
    """The executive returns a submitted plan for changes, saying what to change."""
    if not is_executive(user, plan.agency):
        raise PlanError(
            gettext("ส่งกลับไปแก้ไขได้เฉพาะผู้บริหารของ%(name)s") % {"name": plan.agency.name}, "approver"
        )
    reason = reason.strip()
    if not reason:
        raise PlanError(gettext("เหตุผลที่ส่งกลับ: ต้องระบุว่าให้แก้ไขอะไร"), "reason")
    if len(reason) > 2000:
        raise PlanError(gettext("เหตุผลที่ส่งกลับ: ยาวเกิน 2,000 ตัวอักษร"), "reason")
    _lock(plan)
    _back_to_draft(plan)
    _record(plan, PlanEvent.Kind.SENT_BACK, user, reason)
    return plan


@transaction.atomic
def approve(plan: Plan, user: User, name: str, position: str, date: dt.date | None) -> Plan:
    """Record the executive's approval (name, position, date as signed) and lock the plan."""
    if not is_executive(user, plan.agency):
        raise PlanError(
            gettext("ผู้อนุมัติ: ต้องเป็นผู้บริหารของ%(name)s") % {"name": plan.agency.name}, "approver"
        )
    _lock(plan)
    if not plan.is_current:
        raise PlanError(gettext("แผนฉบับนี้ไม่ใช่ฉบับปัจจุบัน อนุมัติไม่ได้"), "status")
    if plan.status == Plan.Status.APPROVED:
        raise PlanError(gettext("แผนมาตรการนี้อนุมัติแล้ว"), "status")
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError(gettext("แผนมาตรการต้องเสนออนุมัติก่อนจึงจะอนุมัติได้"), "status")
    submitted_on = timezone.localdate(plan.submitted_at) if plan.submitted_at else None
    record_approval(
        plan,
        user,
        name,
        position,
        date,
        approved_status=Plan.Status.APPROVED,
        error=PlanError,
        earliest=submitted_on,
        earliest_is="วันที่เสนออนุมัติ",
        thai_digits=plan.agency.thai_digits,
    )
    _record(plan, PlanEvent.Kind.APPROVED, user)
    return plan


def _copy_measure(
    measure: Measure, plan: Plan, *, years: int, carried_from: Measure | None
) -> Measure:
    data = data_of(measure)
    data = replace(
        data,
        start_date=_shift_year(data.start_date, years),
        end_date=_shift_year(data.end_date, years),
        reporting_dates=[_shift_year(d, years) for d in data.reporting_dates],
    )
    return _create_measure(plan, data, carried_from=carried_from)


@transaction.atomic
def reopen_as_new_version(plan: Plan, user: User) -> Plan:
    """Open a new draft version of an approved plan, with a copy of its measures.

    The approved version is kept unchanged (no longer current), so what was signed
    and published can always be shown again.
    """
    _require_editor(plan.agency, user)
    _lock(plan)
    if not plan.is_current or plan.status != Plan.Status.APPROVED:
        raise PlanError(gettext("เปิดฉบับใหม่ได้เฉพาะแผนฉบับปัจจุบันที่อนุมัติแล้ว"), "status")
    plan.is_current = False
    plan.save(update_fields=["is_current", "updated_at"])
    last = Plan.objects.filter(agency=plan.agency, fiscal_year=plan.fiscal_year).aggregate(
        v=Max("version")
    )["v"]
    new = Plan.objects.create(
        agency=plan.agency,
        fiscal_year=plan.fiscal_year,
        result=plan.result,
        version=last + 1,
        previous_version=plan,
        created_by=user if user.is_authenticated else None,
    )
    for measure in plan.measures.prefetch_related("units", "steps"):
        _copy_measure(measure, new, years=0, carried_from=measure.carried_from)
    return new


@transaction.atomic
def start_next_year_plan(previous_plan: Plan, user: User, measure_ids: Iterable[int]) -> Plan:
    """Start next year's plan, carrying over the chosen (unfinished) measures.

    Each carried measure keeps its text, steps and units, moves its dates one year
    on and points to the measure it continues (``carried_from``).
    """
    _require_editor(previous_plan.agency, user)
    _lock(previous_plan)
    if not previous_plan.is_current:
        raise PlanError(gettext("เริ่มแผนปีถัดไปได้จากแผนฉบับปัจจุบันเท่านั้น"), "status")
    wanted = set(measure_ids)
    measures = [
        m for m in previous_plan.measures.prefetch_related("units", "steps") if m.pk in wanted
    ]
    if len(measures) != len(wanted):
        raise PlanError(gettext("มาตรการที่ยกไป: มีมาตรการที่ไม่อยู่ในแผนนี้"), "measures")
    try:
        with transaction.atomic():
            plan = _new_plan(previous_plan.agency, previous_plan.fiscal_year + 1, user, None)
    except IntegrityError as exc:
        raise PlanError(gettext("มีผู้อื่นสร้างแผนมาตรการปีถัดไปพร้อมกัน กรุณาลองใหม่"), "fiscal_year") from exc
    for measure in measures:
        _copy_measure(measure, plan, years=1, carried_from=measure)
    return plan
