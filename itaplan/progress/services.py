"""Recording progress: the only way rounds, updates and evidence are written.

Every function runs in one transaction, checks who is acting, and raises
:class:`ProgressError` with a Thai message naming the field when the input or the
state does not allow the change; nothing is written then (no update without its
files, no file without its update).

The rules, in one place:

- progress is recorded on the measures of an approved plan in force, in a round
  that is still open;
- a unit member records progress only on its unit's measures; admins and editors
  on every measure of the agency;
- every update is a new row (the history is never rewritten); done means 100 %,
  not started means 0 %, cancelling needs a reason;
- only an agency admin renames a round or moves its end date, inside the plan's
  fiscal year;
- only the executive approves a round, once every measure stands somewhere in it;
  an approved round is locked;
- next year's plan takes over only unfinished measures, each linked to the one it
  continues (through :func:`itaplan.plans.services.start_next_year_plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from itaplan.domain.thai import ce_year, fiscal_year_bounds, format_date
from itaplan.lib import editlock
from itaplan.lib.approval import record_approval
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import PlanError, start_next_year_plan
from itaplan.progress import selectors
from itaplan.progress.access import (
    can_approve_round,
    can_manage_rounds,
    can_submit_round,
    can_update_measure,
)
from itaplan.progress.evidence import EvidenceFileError, check_evidence_file, clean_file_name
from itaplan.progress.models import Evidence, ProgressUpdate, ReportingRound, RoundEvent

User = AbstractBaseUser | AnonymousUser
Status = ProgressUpdate.Status

#: The rounds every approved plan starts with: name, month and day of its end in
#: the plan's fiscal year (31 March: after 6 months; 30 September: after 12).
DEFAULT_ROUNDS = (("รอบ 6 เดือน", 3, 31), ("รอบ 12 เดือน", 9, 30))
#: Most files and links one update may carry.
MAX_FILES_PER_UPDATE = 10
MAX_LINKS_PER_UPDATE = 20
MAX_LINK_LENGTH = 1000
MAX_TITLE_LENGTH = 255

_url = URLValidator(schemes=["http", "https"])


class ProgressError(ValueError):
    """A change that is not allowed; ``message`` is Thai, ``field`` the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ProgressData:
    """What a person reports about a measure, as the form hands it over."""

    status: str
    percent: int | None = None
    done_text: str = ""
    cancel_reason: str = ""
    links: Sequence[str] = ()
    problems: str = ""
    next_step: str = ""


# --- rounds -------------------------------------------------------------------------


def default_rounds(fiscal_year: int) -> list[tuple[str, dt.date]]:
    """The default rounds of a plan year: ``รอบ 6 เดือน`` to 31 Mar, ``รอบ 12 เดือน`` to 30 Sep."""
    year = ce_year(fiscal_year)
    return [(name, dt.date(year, month, day)) for name, month, day in DEFAULT_ROUNDS]


def ensure_rounds(plan: Plan) -> list[ReportingRound]:
    """The plan's rounds; an approved plan in force gets the default ones the first time.

    Called when a plan is approved (signal) and again whenever its progress is
    looked at, so plans approved before this app existed get their rounds too.
    """
    rounds = selectors.rounds_of(plan)
    if rounds or plan.status != Plan.Status.APPROVED or not plan.is_current:
        return rounds
    try:
        with transaction.atomic():
            for order, (name, end) in enumerate(default_rounds(plan.fiscal_year), start=1):
                ReportingRound.objects.create(plan=plan, order=order, name=name, end_date=end)
    except IntegrityError:
        pass  # created at the same moment by another request: theirs are as good
    return selectors.rounds_of(plan)


def _lock_round(round_: ReportingRound) -> ReportingRound:
    ReportingRound.objects.select_for_update().filter(pk=round_.pk).first()
    round_.refresh_from_db()
    return round_


def _round_name(round_: ReportingRound) -> str:
    return f"{round_.name} ปีงบประมาณ {round_.plan.fiscal_year}"


def round_snapshot(round_: ReportingRound) -> dict[str, str]:
    """What the round form shows (for :mod:`itaplan.lib.editlock`)."""
    return {"ชื่อรอบ": round_.name, "วันสิ้นสุดรอบ": round_.end_date.isoformat()}


@transaction.atomic
def update_round(
    round_: ReportingRound,
    user: User,
    name: str,
    end_date: dt.date | None,
    seen: str | None = None,
) -> None:
    """Rename an open round or move its end date (agency admins only).

    ``seen``: the form's edit token; a round saved by someone else since is refused.
    """
    plan = round_.plan
    if not can_manage_rounds(user, plan.agency):
        raise ProgressError(gettext("แก้ไขรอบการรายงานผลได้เฉพาะผู้ดูแลหน่วยงาน"))
    _lock_round(round_)
    if seen is not None:
        try:
            editlock.check(seen, round_snapshot(round_), "รอบการรายงานผล")
        except editlock.StaleEdit as stale:
            raise ProgressError(str(stale)) from None
    if round_.is_locked:
        raise ProgressError(
            gettext("%(value)s อนุมัติแล้ว แก้ไขไม่ได้") % {"value": _round_name(round_)}, "status"
        )
    name = " ".join(name.split())
    if not name:
        raise ProgressError(gettext("ชื่อรอบ: ต้องระบุ"), "name")
    if len(name) > 100:
        raise ProgressError(gettext("ชื่อรอบ: ยาวเกิน 100 ตัวอักษร"), "name")
    if end_date is None:
        raise ProgressError(gettext("วันสิ้นสุดรอบ: ต้องระบุ"), "end_date")
    first, last = fiscal_year_bounds(plan.fiscal_year)
    if not first <= end_date <= last:
        raise ProgressError(
            gettext("วันสิ้นสุดรอบ: ต้องอยู่ในปีงบประมาณ %(fiscal_year)s (%(value)s – %(value2)s)")
            % {
                "fiscal_year": plan.fiscal_year,
                "value": format_date(first, thai_digits=False),
                "value2": format_date(last, thai_digits=False),
            },
            "end_date",
        )
    if ReportingRound.objects.filter(plan=plan, name=name).exclude(pk=round_.pk).exists():
        raise ProgressError(gettext("ชื่อรอบ: แผนนี้มีรอบชื่อ '%(name)s' อยู่แล้ว") % {"name": name}, "name")
    round_.name = name
    round_.end_date = end_date
    round_.save()


def _require_reportable(plan: Plan) -> None:
    if plan.status != Plan.Status.APPROVED or not plan.is_current:
        raise ProgressError(
            gettext("บันทึกความก้าวหน้าได้เฉพาะมาตรการของแผนมาตรการฉบับปัจจุบันที่อนุมัติแล้ว"), "status"
        )


def _lacking_message(round_: ReportingRound, lacking: Sequence[Measure], doing: str) -> str:
    titles = ", ".join(f"'{m.title[:60]}'" for m in lacking[:3])
    more = f" และอีก {len(lacking) - 3} มาตรการ" if len(lacking) > 3 else ""
    return f"ยัง{doing}ไม่ได้: {len(lacking)} มาตรการยังไม่ได้รายงานผลใน{round_.name} ({titles}{more})"


def _record_step(
    round_: ReportingRound,
    kind: str,
    user: User,
    reason: str = "",
    at: dt.datetime | None = None,
) -> None:
    RoundEvent.objects.create(
        round=round_,
        kind=kind,
        user=user if user.is_authenticated else None,
        at=at or timezone.now(),
        reason=reason,
    )


@transaction.atomic
def submit_round(
    round_: ReportingRound, user: User, *, on: dt.date | None = None
) -> ReportingRound:
    """The editor sends the round's report to the executive: every measure has reported.

    ``on`` records a submission made earlier on paper (loading a past year); the pages
    never pass it.
    """
    plan = round_.plan
    if not can_submit_round(user, plan.agency):
        raise ProgressError(
            gettext("เสนออนุมัติได้เฉพาะผู้จัดทำของ%(name)s") % {"name": plan.agency.name}, "submit"
        )
    _lock_round(round_)
    if round_.status != ReportingRound.Status.OPEN:
        raise ProgressError(
            gettext("%(value)s เสนออนุมัติไปแล้ว") % {"value": _round_name(round_)}, "status"
        )
    _require_reportable(plan)
    lacking = selectors.lacking_in_round(list(plan.measures.all()), round_)
    if lacking:
        raise ProgressError(_lacking_message(round_, lacking, "เสนออนุมัติ"), "status")
    if on is not None and on > timezone.localdate():
        raise ProgressError(gettext("วันที่เสนออนุมัติ: ต้องไม่เป็นวันในอนาคต"), "submitted_at")
    round_.status = ReportingRound.Status.SUBMITTED
    round_.submitted_by = user if user.is_authenticated else None
    round_.submitted_at = (
        timezone.make_aware(dt.datetime.combine(on, dt.time(9))) if on else timezone.now()
    )
    round_.save()
    _record_step(round_, RoundEvent.Kind.SUBMITTED, user, at=round_.submitted_at)
    return round_


@transaction.atomic
def send_back_round(round_: ReportingRound, user: User, reason: str) -> ReportingRound:
    """The executive returns a submitted report for changes, saying what to change."""
    plan = round_.plan
    if not can_approve_round(user, plan.agency):
        raise ProgressError(
            gettext("ส่งกลับไปแก้ไขได้เฉพาะผู้บริหารของ%(name)s") % {"name": plan.agency.name}, "approver"
        )
    reason = reason.strip()
    if not reason:
        raise ProgressError(gettext("เหตุผลที่ส่งกลับ: ต้องระบุว่าให้แก้ไขอะไร"), "reason")
    if len(reason) > 2000:
        raise ProgressError(gettext("เหตุผลที่ส่งกลับ: ยาวเกิน 2,000 ตัวอักษร"), "reason")
    _lock_round(round_)
    if round_.status != ReportingRound.Status.SUBMITTED:
        raise ProgressError(gettext("ส่งกลับได้เฉพาะรายงานที่อยู่ระหว่างเสนออนุมัติ"), "status")
    round_.status = ReportingRound.Status.OPEN
    round_.save()
    _record_step(round_, RoundEvent.Kind.SENT_BACK, user, reason)
    return round_


@transaction.atomic
def approve_round(
    round_: ReportingRound, user: User, name: str, position: str, date: dt.date | None
) -> ReportingRound:
    """The executive approves the round's report (name, position, date as signed); it is locked."""
    plan = round_.plan
    if not can_approve_round(user, plan.agency):
        raise ProgressError(
            gettext("ผู้อนุมัติ: ต้องเป็นผู้บริหารของ%(name)s") % {"name": plan.agency.name}, "approver"
        )
    _lock_round(round_)
    if round_.is_locked:
        raise ProgressError(gettext("%(value)s อนุมัติแล้ว") % {"value": _round_name(round_)}, "status")
    _require_reportable(plan)
    lacking = selectors.lacking_in_round(list(plan.measures.all()), round_)
    if lacking:
        raise ProgressError(_lacking_message(round_, lacking, "อนุมัติ"), "status")
    if round_.status != ReportingRound.Status.SUBMITTED:
        raise ProgressError(gettext("รายงานผลต้องเสนออนุมัติก่อนจึงจะอนุมัติได้"), "status")
    submitted_on = timezone.localdate(round_.submitted_at) if round_.submitted_at else None
    record_approval(
        round_,
        user,
        name,
        position,
        date,
        approved_status=ReportingRound.Status.APPROVED,
        error=ProgressError,
        earliest=submitted_on or plan.approved_at,
        earliest_is="วันที่เสนออนุมัติ" if submitted_on else "วันที่อนุมัติแผนมาตรการ",
        thai_digits=plan.agency.thai_digits,
    )
    _record_step(round_, RoundEvent.Kind.APPROVED, user)
    return round_


# --- progress -----------------------------------------------------------------------


def split_link(line: str) -> tuple[str, str]:
    """``(title, address)`` of an evidence line: the words before the address are its
    title (``คำสั่งแต่งตั้งคณะทำงาน https://…``); a bare address has no title."""
    words = line.split()
    for n, word in enumerate(words):
        if word.lower().startswith(("http://", "https://")):
            return " ".join(words[:n] + words[n + 1 :]), word
    return "", line.strip()


def clean_links(raw: Iterable[str]) -> list[str]:
    """Evidence lines, trimmed, each with an http(s) address (and a title before it),
    without repeated addresses."""
    links: list[str] = []
    seen: set[str] = set()
    for line in raw:
        title, link = split_link(line)
        if not link:
            continue
        if len(title) > MAX_TITLE_LENGTH:
            raise ProgressError(
                gettext("ชื่อหลักฐาน: ยาวเกิน %(MAX_TITLE_LENGTH)s ตัวอักษร")
                % {"MAX_TITLE_LENGTH": MAX_TITLE_LENGTH},
                "links",
            )
        if len(link) > MAX_LINK_LENGTH:
            raise ProgressError(
                gettext("ลิงก์หลักฐาน: ยาวเกิน %(MAX_LINK_LENGTH)s ตัวอักษร")
                % {"MAX_LINK_LENGTH": MAX_LINK_LENGTH},
                "links",
            )
        try:
            _url(link)
        except ValidationError:
            raise ProgressError(
                gettext("ลิงก์หลักฐาน: '%(value)s' ไม่ใช่ที่อยู่เว็บ (ต้องขึ้นต้นด้วย http:// หรือ https://)")
                % {"value": link[:100]},
                "links",
            ) from None
        if link not in seen:
            seen.add(link)
            links.append(f"{title} {link}" if title else link)
    if len(links) > MAX_LINKS_PER_UPDATE:
        raise ProgressError(
            gettext("ลิงก์หลักฐาน: ไม่เกิน %(MAX_LINKS_PER_UPDATE)s ลิงก์ต่อครั้ง")
            % {"MAX_LINKS_PER_UPDATE": MAX_LINKS_PER_UPDATE},
            "links",
        )
    return links


def check_files(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    """Each file with its clean name and proven content type, or :class:`ProgressError`."""
    if len(files) > MAX_FILES_PER_UPDATE:
        raise ProgressError(
            gettext("ไฟล์หลักฐาน: ไม่เกิน %(MAX_FILES_PER_UPDATE)s ไฟล์ต่อครั้ง")
            % {"MAX_FILES_PER_UPDATE": MAX_FILES_PER_UPDATE},
            "files",
        )
    checked = []
    for upload in files:
        name = clean_file_name(upload.name or "")
        try:
            kind = check_evidence_file(name, upload.size or 0, upload)  # type: ignore[arg-type]
        except EvidenceFileError as error:
            raise ProgressError(error.message, "files") from None
        checked.append((upload, name, kind.content_type))
    return checked


def _validated(measure: Measure, data: ProgressData) -> ProgressData:
    if data.status not in Status.values:
        raise ProgressError(gettext("สถานะ: ต้องเลือกจากรายการ"), "status")
    percent = data.percent
    if data.status == Status.DONE:
        percent = 100
    elif data.status == Status.NOT_STARTED:
        percent = 0
    elif data.status == Status.CANCELLED and percent is None:
        latest = selectors.current_updates([measure]).get(measure.pk)
        percent = latest.percent if latest else 0
    if percent is None:
        raise ProgressError(gettext("ร้อยละความก้าวหน้า: ต้องระบุ (0–100)"), "percent")
    if not 0 <= percent <= 100:
        raise ProgressError(gettext("ร้อยละความก้าวหน้า: ต้องอยู่ระหว่าง 0 ถึง 100"), "percent")
    done_text = data.done_text.strip()
    if data.status in (Status.IN_PROGRESS, Status.DONE) and not done_text:
        raise ProgressError(gettext("ผลการดำเนินการ: ต้องระบุว่าได้ดำเนินการอะไรไปแล้ว"), "done_text")
    reason = data.cancel_reason.strip()
    if data.status == Status.CANCELLED and not reason:
        raise ProgressError(gettext("เหตุผลที่ยกเลิก: ต้องระบุเมื่อยกเลิกมาตรการ"), "cancel_reason")
    if data.status != Status.CANCELLED:
        reason = ""
    return ProgressData(
        status=data.status,
        percent=percent,
        done_text=done_text,
        cancel_reason=reason,
        links=clean_links(data.links),
        problems=data.problems.strip(),
        next_step=data.next_step.strip() if data.status != Status.CANCELLED else "",
    )


@transaction.atomic
def record_progress(
    measure: Measure,
    round_: ReportingRound,
    user: User,
    data: ProgressData,
    files: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """Add what was done on a measure in a round, with its evidence, as a new update.

    Every file is checked (type by extension and content, size) before anything is
    written; one bad file refuses the whole update so the person can fix it and
    send the same text again. The measure's
    :class:`~itaplan.progress.models.CurrentProgress` follows in this transaction
    (the update's ``post_save``, :mod:`itaplan.progress.signals`).
    """
    if not can_update_measure(user, measure):
        raise ProgressError(gettext("ไม่มีสิทธิ์บันทึกความก้าวหน้าของมาตรการนี้"))
    if round_.plan_id != measure.plan_id:
        raise ProgressError(gettext("รอบการรายงานผลไม่ใช่ของแผนมาตรการนี้"), "round")
    _lock_round(round_)
    _require_reportable(measure.plan)
    if round_.is_locked:
        raise ProgressError(
            gettext("%(value)s อนุมัติแล้ว บันทึกเพิ่มไม่ได้ กรุณาบันทึกในรอบถัดไป")
            % {"value": _round_name(round_)},
            "round",
        )
    clean = _validated(measure, data)
    checked = check_files(files)
    update = ProgressUpdate.objects.create(
        measure=measure,
        round=round_,
        status=clean.status,
        percent=clean.percent,
        done_text=clean.done_text,
        problems=clean.problems,
        next_step=clean.next_step,
        cancel_reason=clean.cancel_reason,
        created_by=user if user.is_authenticated else None,
    )
    stored: list[Evidence] = []
    try:
        for upload, name, content_type in checked:
            evidence = Evidence(
                update=update,
                kind=Evidence.Kind.FILE,
                original_name=name,
                content_type=content_type,
                size=upload.size,
            )
            upload.seek(0)
            evidence.file.save(name, upload, save=False)
            stored.append(evidence)
            evidence.save()
        for line in clean.links:
            title, link = split_link(line)
            Evidence.objects.create(update=update, kind=Evidence.Kind.LINK, url=link, title=title)
    except Exception:
        # The rows roll back with the transaction; the files on disk must go too.
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
    return update


# --- next year ----------------------------------------------------------------------


def carry_forward(
    previous_plan: Plan, user: User, measure_ids: Iterable[int] | None = None
) -> Plan:
    """Start next year's plan with the unfinished measures of ``previous_plan``.

    Without ``measure_ids`` every unfinished measure is carried; with them, only
    those, and a measure already done or cancelled is refused. Each carried
    measure points to the one it continues (``carried_from``), so its progress
    page links back to last year's history.
    """
    unfinished = {m.pk: m for m in selectors.unfinished_measures(previous_plan)}
    if measure_ids is None:
        ids = list(unfinished)
    else:
        ids = list(dict.fromkeys(measure_ids))
        finished = previous_plan.measures.filter(pk__in=ids).exclude(pk__in=unfinished).first()
        if finished is not None:
            raise ProgressError(
                gettext("มาตรการ '%(value)s' ดำเนินการแล้วเสร็จหรือยกเลิกแล้ว ไม่ต้องยกไปปีถัดไป")
                % {"value": finished.title[:80]},
                "measures",
            )
    try:
        return start_next_year_plan(previous_plan, user, ids)
    except PlanError as error:
        raise ProgressError(error.message, error.field) from None
