"""Saving ITA results: the one way in for the form, the text import and spreadsheets.

Every intake path ends in :func:`save_result` (one agency) or :func:`save_results`
(many, all or nothing). They validate the scores against the criteria of the
year, keep what was entered as entered, refresh the cached ``computed_*`` fields
from the scoring engine, and never overwrite a result silently: replacing the
current result of an agency-year needs ``replace=True`` and keeps the old one as
``is_current=False`` under the next version number.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import CriteriaError, Framework, load
from itaplan.domain.scoring import Assessment, Finding, Printed, assess, check, differs
from itaplan.domain.thai import format_score
from itaplan.results.models import ConfirmedDraft, IndicatorScore, ItemScore, Result

PRINTED_KEYS = ("total", "level", "IIT", "EIT", "OIT")


class IntakeError(ValueError):
    """Input that cannot be saved; ``messages`` says why, in Thai, one line each."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


class ResultExists(IntakeError):
    """The agency already has a current result for the year and replace was not confirmed."""


@dataclass(frozen=True)
class Evaluation:
    """Entered scores scored by the engine, with every finding."""

    assessment: Assessment
    printed: Printed
    findings: tuple[Finding, ...]

    @property
    def framework(self) -> Framework:
        return self.assessment.framework

    def figures(self) -> list[dict[str, Any]]:
        """Total, level and tools: computed beside printed, and whether they disagree."""
        a, p = self.assessment, self.printed
        rows: list[dict[str, Any]] = [
            {"key": "total", "label": "คะแนนรวม", "computed": a.total, "printed": p.total},
            {"key": "level", "label": "ระดับ", "computed": a.level, "printed": p.level},
        ]
        rows += [
            {
                "key": t.code,
                "label": t.code,
                "computed": a.tools.get(t.code),
                "printed": p.tools.get(t.code),
            }
            for t in self.framework.tools
        ]
        for row in rows:
            computed, printed = row["computed"], row["printed"]
            if computed is None or printed is None:
                row["differs"] = False
            elif isinstance(computed, float) and isinstance(printed, float):
                row["differs"] = differs(printed, computed)
            else:
                row["differs"] = str(printed) != str(computed)
        return rows


@dataclass
class ResultEntry:
    """One result to save, as every intake path hands it over."""

    agency: Agency
    fiscal_year: int
    indicators: dict[int, float]
    items: dict[str, float] = field(default_factory=dict)
    printed: dict[str, Any] = field(default_factory=dict)
    previous_total: float | None = None
    source_name: str = ""
    source_text: str = ""
    notes: list[dict[str, str]] = field(default_factory=list)
    #: How the user knows this entry ("แถวที่ 3"), put before its error messages.
    label: str = ""
    #: The version that was current when the person previewed it (0: none), or None
    #: when nothing was previewed. Saving refuses when another version came since.
    seen_version: int | None = None
    #: The preview's one-use key (itaplan.results.models.ConfirmedDraft), or "".
    once: str = ""


def printed_of(values: Mapping[str, Any]) -> Printed:
    """Printed totals from ``{"total", "level", "IIT", "EIT", "OIT"}``; blanks are left out."""
    clean = {k: v for k, v in values.items() if v not in (None, "")}
    return Printed.from_mapping(clean)


def evaluate(
    framework: Framework,
    indicators: Mapping[int, float],
    items: Mapping[str, float] | None = None,
    printed: Mapping[str, Any] | None = None,
) -> Evaluation:
    """Score entered values against the year and compare them with what was printed."""
    assessment = assess(framework, indicators, items or {})
    shown = printed_of(printed or {})
    return Evaluation(assessment, shown, tuple(check(assessment, shown)))


def validation_errors(
    fiscal_year: int, indicators: Mapping[int, float], items: Mapping[str, float]
) -> list[str]:
    """Why these scores cannot be saved for this year, in Thai; empty when they can."""
    try:
        framework = load(fiscal_year)
    except CriteriaError as exc:
        return [str(exc)]
    errors: list[str] = []
    for number, score in sorted(indicators.items()):
        if not framework.has_indicator(number):
            errors.append(f"ปี {fiscal_year} ไม่มีตัวชี้วัดที่ {number}")
        elif not 0 <= score <= 100:
            errors.append(f"ตัวชี้วัดที่ {number}: {format_score(score)} ไม่อยู่ระหว่าง 0 ถึง 100")
    for code, score in items.items():
        if not framework.has_item(code):
            errors.append(f"'{code}' ไม่ใช่ประเด็นการประเมินของปี {fiscal_year}")
        elif not 0 <= score <= 100:
            errors.append(f"ประเด็น {code}: {format_score(score)} ไม่อยู่ระหว่าง 0 ถึง 100")
    if not indicators and not items:
        errors.append("ไม่มีคะแนนตัวชี้วัดหรือประเด็นการประเมินให้บันทึก")
    return errors


def current_results_of(entries: Iterable[ResultEntry]) -> dict[tuple[int, int], Result]:
    """The current results of the entries' agency-years, by (agency id, year), in one query."""
    entries = list(entries)
    agencies = {e.agency.pk for e in entries}
    years = {e.fiscal_year for e in entries}
    found = Result.objects.current().filter(agency_id__in=agencies, fiscal_year__in=years)
    return {(r.agency_id, r.fiscal_year): r for r in found}


def current_result(agency: Agency, fiscal_year: int) -> Result | None:
    """The agency's current result for the year, if any."""
    return Result.objects.filter(agency=agency, fiscal_year=fiscal_year, is_current=True).first()


def _check_entry(
    entry: ResultEntry, replace: bool, existing: dict[tuple[int, int], Result]
) -> tuple[list[str], bool]:
    """The entry's problems, and whether the only one is an existing result."""
    errors = validation_errors(entry.fiscal_year, entry.indicators, entry.items)
    exists = False
    if not errors and not replace and (entry.agency.pk, entry.fiscal_year) in existing:
        exists = True
        errors.append(
            f"{entry.agency.name} มีผลการประเมินปี {entry.fiscal_year} อยู่แล้ว "
            "ต้องยืนยัน 'แทนที่ผลเดิม' ก่อน (ผลเดิมจะเก็บไว้เป็นฉบับก่อนหน้า)"
        )
    prefix = f"{entry.label}: " if entry.label else ""
    return [prefix + e for e in errors], exists


def _new_result(
    entry: ResultEntry, source: str, user: AbstractBaseUser | None, version: int
) -> Result:
    """The unsaved Result of an entry, its cached figures computed by the engine."""
    evaluation = evaluate(load(entry.fiscal_year), entry.indicators, entry.items, entry.printed)
    assessment = evaluation.assessment
    printed = evaluation.printed
    return Result(
        agency=entry.agency,
        fiscal_year=entry.fiscal_year,
        version=version,
        is_current=True,
        source=source,
        source_name=entry.source_name[:255],
        source_text=entry.source_text,
        entered_by=user if user is not None and user.is_authenticated else None,
        printed_total=printed.total,
        printed_level=(printed.level or "")[:32],
        printed_iit=printed.tools.get("IIT"),
        printed_eit=printed.tools.get("EIT"),
        printed_oit=printed.tools.get("OIT"),
        previous_total=entry.previous_total,
        computed_total=assessment.total,
        computed_level=assessment.level or "",
        computed_iit=assessment.tools.get("IIT"),
        computed_eit=assessment.tools.get("EIT"),
        computed_oit=assessment.tools.get("OIT"),
        finding_count=len(evaluation.findings) + len(entry.notes),
        intake_notes=list(entry.notes),
    )


def _store_all(
    entries: list[ResultEntry], source: str, user: AbstractBaseUser | None
) -> list[Result]:
    """Insert the entries' results in a few bulk queries, retiring the versions they replace.

    A national import saves about 8,300 results of up to 62 scores each; saving them
    one by one would take minutes. Audit entries are written as save() would.
    """
    keys = {(e.agency.pk, e.fiscal_year) for e in entries}
    existing = [
        r
        for r in Result.objects.select_for_update().filter(
            agency_id__in={a for a, _ in keys}, fiscal_year__in={y for _, y in keys}
        )
        if (r.agency_id, r.fiscal_year) in keys
    ]
    last_version: dict[tuple[int, int], int] = {}
    for old in existing:
        key = (old.agency_id, old.fiscal_year)
        last_version[key] = max(last_version.get(key, 0), old.version)
    retired = [r for r in existing if r.is_current]
    _use_once(entries)
    _refuse_stale_previews(entries, {(r.agency_id, r.fiscal_year): r for r in retired})
    if retired:
        # The new versions may only be inserted once the old ones stop being current.
        # The update also retires their indicator scores' copies of ``is_current``
        # (ResultQuerySet.update), in this same transaction.
        Result.objects.filter(pk__in=[r.pk for r in retired]).update(is_current=False)
        _log(retired, user, LogEntry.Action.UPDATE, lambda _: {"is_current": ["True", "False"]})
    results = Result.objects.bulk_create(
        [
            _new_result(e, source, user, last_version.get((e.agency.pk, e.fiscal_year), 0) + 1)
            for e in entries
        ],
        batch_size=500,
    )
    scores: list[IndicatorScore | ItemScore] = []
    for entry, result in zip(entries, results, strict=True):
        scores += [
            IndicatorScore(
                result=result,
                number=n,
                score=v,
                fiscal_year=result.fiscal_year,
                is_current=result.is_current,
            )
            for n, v in sorted(entry.indicators.items())
        ]
        scores += [ItemScore(result=result, code=c, score=v) for c, v in entry.items.items()]
    IndicatorScore.objects.bulk_create(
        [s for s in scores if isinstance(s, IndicatorScore)], batch_size=2000
    )
    ItemScore.objects.bulk_create([s for s in scores if isinstance(s, ItemScore)], batch_size=2000)
    _log(results, user, LogEntry.Action.CREATE)
    _log(scores, user, LogEntry.Action.CREATE, _score_changes)
    return results


def _score_changes(score: IndicatorScore | ItemScore) -> dict[str, list[str]]:
    """What auditlog's model diff records for a new score, built directly (it is 10× faster)."""
    key = ("number", score.number) if isinstance(score, IndicatorScore) else ("code", score.code)
    return {
        "id": ["None", str(score.pk)],
        "result": ["None", str(score.result_id)],
        key[0]: ["None", str(key[1])],
        "score": ["None", str(score.score)],
    }


def _refuse_stale_previews(
    entries: list[ResultEntry], current: Mapping[tuple[int, int], Result]
) -> None:
    """A preview is bound to the version it showed: newer versions are not replaced blindly."""
    errors = []
    for entry in entries:
        now = current.get((entry.agency.pk, entry.fiscal_year))
        version = now.version if now is not None else 0
        if entry.seen_version is None or entry.seen_version == version:
            continue
        who = f"{entry.label}: " if entry.label else ""
        person = now.entered_by if now is not None else None
        by = f" โดย {person.get_full_name() or person.get_username()} " if person else ""
        errors.append(
            f"{who}ผลการประเมินของ{entry.agency.name} ปี {entry.fiscal_year} "
            f"มีฉบับที่ {version} บันทึกไว้{by}หลังจากที่ท่านตรวจทาน ระบบจึงไม่บันทึกทับ "
            "กรุณาดูผลฉบับปัจจุบันแล้วนำเข้าใหม่หากยังต้องการแทนที่"
        )
    if errors:
        raise IntakeError(errors)


ALREADY_CONFIRMED = "ข้อมูลชุดนี้ได้ยืนยันบันทึกไปแล้ว ยืนยันซ้ำไม่ได้ กรุณาดูผลที่บันทึกไว้ หรือเริ่มนำเข้าใหม่"


def already_confirmed(entries: Sequence[ResultEntry]) -> bool:
    """Whether the preview's one-use key is spent (checked again when saving)."""
    keys = {e.once for e in entries if e.once}
    return bool(keys) and ConfirmedDraft.objects.filter(key__in=keys).exists()


def _use_once(entries: list[ResultEntry]) -> None:
    """Spend the preview's one-use key, in the saving transaction."""
    keys = {e.once for e in entries if e.once}
    if not keys:
        return
    if already_confirmed(entries):
        raise IntakeError([ALREADY_CONFIRMED])
    old = timezone.now() - dt.timedelta(seconds=ConfirmedDraft.KEEP_SECONDS)
    ConfirmedDraft.objects.filter(created_at__lt=old).delete()
    ConfirmedDraft.objects.bulk_create([ConfirmedDraft(key=k) for k in keys])


def _log(
    objects: Sequence[Result | IndicatorScore | ItemScore],
    user: AbstractBaseUser | None,
    action: int,
    changes: Callable[[Any], dict[str, list[str]]] | None = None,
) -> None:
    """Write the audit entries auditlog writes on save(), which bulk queries skip."""
    if not objects:
        return
    types = ContentType.objects.get_for_models(*{type(o) for o in objects})
    actor = user if user is not None and user.is_authenticated else None
    cid = get_cid()
    context = auditlog_value.get(None) or {}
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                content_type=types[type(obj)],
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj),
                action=action,
                changes=changes(obj)
                if changes is not None
                else model_instance_diff(
                    None, obj, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
                ),
                actor=actor,
                actor_email=getattr(actor, "email", None),
                cid=cid,
                remote_addr=context.get("remote_addr"),
            )
            for obj in objects
        ),
        batch_size=2000,
    )


def save_results(
    entries: Iterable[ResultEntry],
    source: str,
    user: AbstractBaseUser | None,
    replace: bool = False,
) -> list[Result]:
    """Save many results at once, all or none.

    Every entry is checked first and every problem reported together in
    :class:`IntakeError` (:class:`ResultExists` when the only problem is that
    results exist and ``replace`` was not given); nothing is written then.
    """
    entries = list(entries)
    try:
        with _acting(user), transaction.atomic():
            _raise_for_problems(entries, replace)
            return _store_all(entries, source, user)
    except IntegrityError as exc:
        # Two people saving the same agency-year at once: the database keeps one.
        raise IntakeError(["มีผู้อื่นบันทึกผลการประเมินของหน่วยงานและปีเดียวกันพร้อมกัน กรุณาลองใหม่"]) from exc


@contextlib.contextmanager
def _acting(user: AbstractBaseUser | None) -> Iterator[None]:
    """Name the user in the audit log even outside a web request (CLI, imports, tests)."""
    if user is None or not user.is_authenticated:
        yield
        return
    # set_actor does not restore an enclosing request's context: do it here.
    previous = auditlog_value.get(None)
    # ... and keeps the request's address, so the entries carry it.
    address = previous.get("remote_addr") if previous else None
    port = previous.get("remote_port") if previous else None
    with set_actor(user, remote_addr=address, remote_port=port):
        yield
    if previous is not None:
        auditlog_value.set(previous)


def _raise_for_problems(entries: list[ResultEntry], replace: bool) -> None:
    seen: dict[tuple[int, int], str] = {}
    errors: list[str] = []
    only_existing = True
    existing = current_results_of(entries)
    for entry in entries:
        key = (entry.agency.pk, entry.fiscal_year)
        if key in seen:
            errors.append(
                f"{entry.label or entry.agency.name}: {entry.agency.name} ปี {entry.fiscal_year} "
                f"ซ้ำกับ{seen[key] or 'รายการก่อนหน้า'}"
            )
            only_existing = False
            continue
        seen[key] = entry.label
        problems, exists = _check_entry(entry, replace, existing)
        if problems and not exists:
            only_existing = False
        errors.extend(problems)
    if errors:
        raise (ResultExists if only_existing else IntakeError)(errors)


def save_result(
    agency: Agency,
    fiscal_year: int,
    indicators: Mapping[int, float],
    items: Mapping[str, float] | None,
    printed: Mapping[str, Any] | None,
    source: str,
    user: AbstractBaseUser | None,
    replace: bool = False,
    *,
    source_name: str = "",
    source_text: str = "",
    previous_total: float | None = None,
    notes: Sequence[dict[str, str]] = (),
    seen_version: int | None = None,
    once: str = "",
) -> Result:
    """Save one agency's result for a year and return it (see :func:`save_results`)."""
    entry = ResultEntry(
        agency=agency,
        fiscal_year=fiscal_year,
        indicators=dict(indicators),
        items=dict(items or {}),
        printed=dict(printed or {}),
        previous_total=previous_total,
        source_name=source_name,
        source_text=source_text,
        notes=list(notes),
        seen_version=seen_version,
        once=once,
    )
    return save_results([entry], source, user, replace)[0]
