"""From what the user typed, pasted or uploaded to what :mod:`services` saves.

An intake happens in two requests: a preview, then a confirmation. Nothing is
written at the preview; what it showed travels to the confirm step as a
:class:`Draft`, signed (and compressed) in a hidden field, so a confirmation
saves exactly what was previewed, and a draft made for one agency and user
cannot be replayed for another.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.utils.translation import gettext

from itaplan.agencies.access import can_write
from itaplan.agencies.models import Agency
from itaplan.domain.checking import check_parsed, conflict_message
from itaplan.domain.criteria import CriteriaError, available_years, load
from itaplan.domain.messages import Message, as_data, from_data, said
from itaplan.domain.parsing import parse_result_text
from itaplan.domain.readers.measures import ReadMeasure, findings_by_measure, read_measures
from itaplan.domain.readers.repair import fold
from itaplan.domain.scoring import Finding
from itaplan.domain.thai import format_score
from itaplan.lib.said import stored_note
from itaplan.results.models import ConfirmedDraft, Result
from itaplan.results.services import IntakeError, ResultEntry, save_result
from itaplan.results.spreadsheet import SheetRow

DRAFT_MAX_AGE_SECONDS = ConfirmedDraft.KEEP_SECONDS
#: Why a confirmation is refused without the person's tick (see :meth:`Draft.checks_needed`).
CHECK_REQUIRED = "ข้อความนี้ระบุหน่วยงานหรือปีที่ไม่ตรงกับที่เลือก กรุณาตรวจสอบและทำเครื่องหมายยืนยันก่อนบันทึก"
_SALT = "itaplan.results.draft"


def current_version(agency_code: str, fiscal_year: int) -> int:
    """The version number of the agency's current result of the year, 0 when none."""
    found = (
        Result.objects.filter(agency__code=agency_code, fiscal_year=fiscal_year, is_current=True)
        .values_list("version", flat=True)
        .first()
    )
    return found or 0


class BadDraft(ValueError):
    """A draft that is forged, expired, or was made for another agency or user."""


@dataclass
class Conflict:
    """An indicator printed more than once with different values."""

    number: int
    values: list[float]
    lines: list[int]
    #: The value the check settled on (it reproduces a printed score), if any.
    settled: float | None
    message: str  # a Message, in Thai, translated when shown


@dataclass
class Draft:
    """One result as previewed, before it is saved."""

    agency: str
    #: Who previewed it; ``None`` when the system loads it (the demo).
    user: int | None
    source: str
    fiscal_year: int
    indicators: dict[int, float]
    items: dict[str, float] = field(default_factory=dict)
    printed: dict[str, Any] = field(default_factory=dict)
    previous_total: float | None = None
    source_name: str = ""
    source_text: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
    #: Text intake only: the agency name found, unread lines, parser warnings.
    found_agency: str | None = None
    found_year: int | None = None
    unread_lines: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The version current when previewed (0: none); the save refuses a newer one.
    seen_version: int | None = None
    #: One-use key: the same preview cannot be confirmed twice.
    once: str = field(default_factory=lambda: secrets.token_urlsafe(18))

    def sign(self) -> str:
        if self.seen_version is None and self.user is not None:
            self.seen_version = current_version(self.agency, self.fiscal_year)
        data = asdict(self)
        data["indicators"] = {str(k): v for k, v in self.indicators.items()}
        # Messages keep their template through the signed JSON, to be shown in any language.
        data["warnings"] = [as_data(w) for w in self.warnings]
        for conflict in data["conflicts"]:
            conflict["message"] = as_data(conflict["message"])
        return signing.dumps(data, salt=_SALT, compress=True)

    @classmethod
    def load(cls, token: str, agency: Agency, user: AbstractBaseUser) -> Draft:
        """The draft signed in ``token``, if it was made for this agency and user."""
        try:
            data = signing.loads(token, salt=_SALT, max_age=DRAFT_MAX_AGE_SECONDS)
            data["indicators"] = {int(k): float(v) for k, v in data["indicators"].items()}
            data["conflicts"] = [
                Conflict(**{**c, "message": from_data(c["message"])}) for c in data["conflicts"]
            ]
            data["warnings"] = [from_data(w) for w in data["warnings"]]
            data["unread_lines"] = [tuple(u) for u in data["unread_lines"]]
            draft = cls(**data)
        except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
            raise BadDraft(gettext("ข้อมูลที่ตรวจทานไว้หมดอายุหรือไม่ถูกต้อง กรุณาเริ่มนำเข้าใหม่")) from None
        if draft.agency != agency.code or draft.user != user.pk:
            raise BadDraft(gettext("ข้อมูลที่ตรวจทานไว้ไม่ใช่ของหน่วยงานนี้ กรุณาเริ่มนำเข้าใหม่"))
        return draft

    def chosen(self, choices: dict[int, float] | None = None) -> tuple[dict[int, float], list[str]]:
        """Indicators with each conflict settled by the user's choice or the check's value.

        Returns the indicators and, for conflicts left open, what the user must pick.
        """
        indicators = dict(self.indicators)
        missing = []
        for conflict in self.conflicts:
            picked = (choices or {}).get(conflict.number)
            if picked is not None and picked in conflict.values:
                indicators[conflict.number] = picked
            elif conflict.settled is not None:
                indicators[conflict.number] = conflict.settled
            else:
                missing.append(f"กรุณาเลือกค่าของตัวชี้วัดที่ {conflict.number}")
        return indicators, missing

    def checks_needed(self, agency: Agency) -> list[Message]:
        """What the text says that does not fit the choice made: another agency's name, or
        another year. Each must be checked by a person, who states so, before saving."""
        needed = []
        if self.found_agency and not names_match(self.found_agency, agency.name):
            needed.append(
                said(
                    "ข้อความระบุชื่อหน่วยงาน '%(found)s' ไม่ใช่ '%(agency)s'",
                    found=self.found_agency,
                    agency=agency.name,
                )
            )
        if self.found_year and self.found_year != self.fiscal_year:
            needed.append(
                said(
                    "ข้อความระบุผลการประเมินปีงบประมาณ %(found)s แต่เลือกบันทึกเป็นปี %(chosen)s",
                    found=self.found_year,
                    chosen=self.fiscal_year,
                )
            )
        return needed

    def checked_statement(self, agency: Agency) -> Message:
        """What the person states by the tick, as the audit keeps it."""
        return said(
            "ผู้บันทึกยืนยันว่าได้ตรวจสอบแล้วว่าข้อความนี้ใช้เป็นข้อมูลของ %(agency)s "
            "ปีงบประมาณ %(year)s ได้ (%(checks)s)",
            agency=agency.name,
            year=self.fiscal_year,
            checks=self.checks_needed(agency),
        )

    def save(
        self,
        agency: Agency,
        indicators: dict[int, float],
        user: AbstractBaseUser | None,
        *,
        replace: bool = False,
        checked: bool = False,
    ) -> Result:
        """Save the previewed result with the indicator values chosen, and what intake noticed.

        When :meth:`checks_needed` is not empty, saving needs ``checked`` — the person's
        explicit tick — and the statement is kept in the result's notes (and so in its
        audit entry).
        """
        if self.checks_needed(agency) and not checked:
            raise IntakeError([CHECK_REQUIRED])
        notes = self.notes(indicators, agency)
        if checked and self.checks_needed(agency):
            notes.append(stored_note("checked", self.checked_statement(agency)))
        return save_result(
            agency,
            self.fiscal_year,
            indicators,
            self.items,
            self.printed,
            self.source,
            user,
            replace=replace,
            source_name=self.source_name,
            source_text=self.source_text,
            previous_total=self.previous_total,
            notes=notes,
            seen_version=self.seen_version,
            once=self.once,
        )

    def notes(self, indicators: dict[int, float], agency: Agency) -> list[dict[str, Any]]:
        """What intake noticed, kept with the saved result (the scores cannot show it):
        each note its field, its Thai text and the message's template and parameters."""
        notes: list[tuple[str, str]] = []
        for conflict in self.conflicts:
            value = indicators.get(conflict.number)
            message = conflict.message
            if value is not None and value != conflict.settled:
                message = said(
                    "%(message)s — ผู้บันทึกเลือกใช้ %(value)s",
                    message=message,
                    value=format_score(value),
                )
            notes.append((f"indicator {conflict.number}", message))
        if self.found_agency and not names_match(self.found_agency, agency.name):
            found = said(
                "ชื่อหน่วยงานในเอกสารคือ '%(found)s' ไม่ตรงกับ '%(agency)s'",
                found=self.found_agency,
                agency=agency.name,
            )
            notes.append(("agency", found))
        if self.found_year and self.found_year != self.fiscal_year:
            year = said(
                "เอกสารระบุปีงบประมาณ %(found)s แต่ผู้บันทึกเลือกปี %(chosen)s",
                found=self.found_year,
                chosen=self.fiscal_year,
            )
            notes.append(("fiscal_year", year))
        if self.unread_lines:
            unread = said(
                "มี %(count)s บรรทัดที่มีตัวเลขแต่อ่านไม่ได้ (ดูข้อความต้นทาง)",
                count=len(self.unread_lines),
            )
            notes.append(("text", unread))
        notes.extend(("text", w) for w in self.warnings)
        return [stored_note(field, message) for field, message in notes]


# --- last year's measures in the text ---------------------------------------------


@dataclass(frozen=True)
class MeasuresFound:
    """The o27 measures table of a pasted text, for the plan of the year after the result."""

    plan_year: int
    measures: list[ReadMeasure]
    #: Findings by measure number (from 1): periods outside the plan year or unreadable.
    findings: dict[int, list[Finding]]

    @property
    def rows(self) -> list[tuple[int, ReadMeasure, list[Finding]]]:
        return [(n, m, self.findings.get(n, [])) for n, m in enumerate(self.measures, start=1)]


def measures_in(draft: Draft) -> MeasuresFound | None:
    """The measures table of the draft's text, checked against the plan year; ``None``
    when the text has none (or was not a text)."""
    if draft.source != "text" or not draft.source_text:
        return None
    plan_year = draft.fiscal_year + 1
    measures = read_measures(draft.source_text, plan_year=plan_year, results_year=draft.fiscal_year)
    if not measures:
        return None
    return MeasuresFound(plan_year, measures, findings_by_measure(measures, plan_year))


# --- agency names ----------------------------------------------------------------

_ABBREVIATIONS = (
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("เทศบาลตำบล", "ทต."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลนคร", "ทน."),
)


def _core_name(name: str) -> str:
    text = "".join(name.split())
    for full, short in _ABBREVIATIONS:
        text = text.replace(full, short.rstrip(".") + ".")
    return text


def names_match(found: str, name: str) -> bool:
    """Whether an agency name found in a document is this agency's name.

    Spacing, the usual abbreviations (อบต., ทต., …) and the damage of broken PDF
    Thai (สำมเรือน for สามเรือน) do not matter; a different name (ลุมพินี for ลุมพลี) does.
    """
    return fold(_core_name(found)) == fold(_core_name(name))


# --- drafts from each way in -----------------------------------------------------


def draft_from_text(
    text: str,
    agency: Agency,
    user: AbstractBaseUser | None,
    fiscal_year: int | None,
    source_name: str = "",
) -> Draft:
    """Parse pasted or extracted text and check it; raise ``ValueError`` (Thai) if unusable."""
    # The text's own year is read without the chosen one, so a difference can be shown
    # and must be confirmed (Draft.checks_needed); the scores are read for the chosen year.
    own = parse_result_text(text)
    parsed = parse_result_text(text, fiscal_year=fiscal_year) if fiscal_year else own
    year = fiscal_year or parsed.fiscal_year
    if year is None:
        raise ValueError(gettext("ไม่พบปีงบประมาณของผลการประเมินในข้อความ กรุณาเลือกปีงบประมาณ"))
    try:
        framework = load(year)
    except CriteriaError:
        years = ", ".join(str(y) for y in available_years())
        raise ValueError(
            gettext("ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ %(year)s (มีเกณฑ์ของปี %(years)s)")
            % {"year": year, "years": years}
        ) from None
    if not parsed.indicators and not parsed.items and not parsed.conflicts:
        raise ValueError(gettext("ไม่พบคะแนนตัวชี้วัดหรือประเด็นการประเมินในข้อความ"))
    report = check_parsed(parsed, framework)
    # The check reports a double-printed indicator first, before any other finding on it.
    settled: dict[str, Any] = {}
    for finding in report.findings:
        if finding.field.startswith("indicator "):
            settled.setdefault(finding.field, finding)
    conflicts = []
    for conflict in parsed.conflicts:
        if not conflict.field.startswith("indicator"):
            continue
        number = int(conflict.key)
        if not framework.has_indicator(number):
            continue
        values = []
        for value in conflict.values:
            if isinstance(value, int | float) and float(value) not in values:
                values.append(float(value))
        finding = settled.get(f"indicator {number}")
        chosen = finding.computed if finding and isinstance(finding.computed, float) else None
        conflicts.append(
            Conflict(
                number=number,
                values=values,
                lines=list(conflict.lines),
                settled=chosen,
                message=finding.message if finding else "",
            )
        )
    other = [conflict_message(c) for c in parsed.conflicts if not c.field.startswith("indicator")]
    items = {
        code: float(score)
        for code, score in parsed.items.items()
        if framework.has_item(code) and isinstance(score, int | float)
    }
    return Draft(
        agency=agency.code,
        user=user.pk if user is not None else None,
        source="text",
        fiscal_year=year,
        indicators={int(k): float(v) for k, v in parsed.indicators.items()},
        items=items,
        printed={k: v for k, v in parsed.printed.items() if v is not None},
        previous_total=parsed.previous_total,
        source_name=source_name,
        source_text=text,
        conflicts=conflicts,
        found_agency=parsed.agency,
        found_year=own.fiscal_year,
        unread_lines=[(int(n), str(t)) for n, t in parsed.unread_lines],
        warnings=[*parsed.warnings, *other, *parsed.notes],
    )


_SPACES = re.compile(r"\s+")


def sheet_entries(
    rows: list[SheetRow],
    user: AbstractBaseUser,
    *,
    agency: Agency | None = None,
    source_name: str = "",
) -> tuple[list[ResultEntry], list[str]]:
    """Match spreadsheet rows to agencies the user may write; return (entries, errors).

    With ``agency`` (upload on an agency's page) every row must be that agency's
    (or leave the agency columns blank). Without it (bulk upload by a site admin)
    each row names its agency by code, or else by its exact name.
    """
    entries: list[ResultEntry] = []
    errors: list[str] = []
    first_row: dict[tuple[int, int], SheetRow] = {}
    for row in rows:
        target, problem = _row_agency(row, user, agency)
        if problem:
            errors.append(f"{row.label}: {problem}")
            continue
        assert target is not None
        # One agency named once by code and once by name is the same agency.
        earlier = first_row.setdefault((target.pk, row.fiscal_year), row)
        if earlier is not row:
            errors.append(
                f"{row.label}: {target.name} ({target.code}) ปี {row.fiscal_year} "
                f"ซ้ำกับ{earlier.label} (ระบุหน่วยงานเดียวกันด้วยรหัสและด้วยชื่อ) กรุณาเหลือไว้แถวเดียว"
            )
            continue
        entries.append(
            ResultEntry(
                agency=target,
                fiscal_year=row.fiscal_year,
                indicators=row.indicators,
                items=row.items,
                printed=row.printed,
                previous_total=row.previous_total,
                source_name=source_name,
                label=row.label,
            )
        )
    return entries, errors


def _row_agency(
    row: SheetRow, user: AbstractBaseUser, agency: Agency | None
) -> tuple[Agency | None, str]:
    code = row.agency_code.strip()
    name = _SPACES.sub(" ", row.agency_name).strip()
    if agency is not None:
        if code and code != agency.code:
            return None, f"รหัสหน่วยงาน '{code}' ไม่ใช่รหัสของ {agency.name} ({agency.code})"
        if not code and name and not names_match(name, agency.name):
            return None, f"ชื่อหน่วยงาน '{name}' ไม่ใช่ {agency.name}"
        return agency, ""
    writable = Agency.objects.visible_to(user)
    if code:
        found = writable.filter(code=code).first()
        if found is None or not can_write(user, found):
            return None, f"ไม่พบหน่วยงานรหัส '{code}' ที่ท่านมีสิทธิ์บันทึก"
        return found, ""
    if not name:
        return None, "ไม่ได้ระบุรหัสหน่วยงานหรือชื่อหน่วยงาน"
    matches = [a for a in writable.filter(name=name) if can_write(user, a)]
    if not matches:
        return None, f"ไม่พบหน่วยงานชื่อ '{name}' ที่ท่านมีสิทธิ์บันทึก (ชื่อต้องตรงทุกตัวอักษร)"
    if len(matches) > 1:
        return None, f"มีหน่วยงานชื่อ '{name}' มากกว่าหนึ่งแห่ง กรุณาระบุรหัสหน่วยงาน"
    return matches[0], ""


# --- spreadsheet drafts ----------------------------------------------------------

_SHEET_SALT = "itaplan.results.sheet"


def sign_entries(entries: list[ResultEntry], user: AbstractBaseUser, scope: str) -> str:
    """Sign the entries previewed from a spreadsheet, for the confirm step.

    Each row carries the version current at the preview; the token carries a
    one-use key (see :class:`~itaplan.results.models.ConfirmedDraft`).
    """
    current = {
        (a, y): v
        for a, y, v in Result.objects.filter(
            is_current=True,
            agency_id__in={e.agency.pk for e in entries},
            fiscal_year__in={e.fiscal_year for e in entries},
        ).values_list("agency_id", "fiscal_year", "version")
    }
    rows = [
        {
            "agency": e.agency.pk,
            "fiscal_year": e.fiscal_year,
            "indicators": {str(k): v for k, v in e.indicators.items()},
            "items": e.items,
            "printed": e.printed,
            "previous_total": e.previous_total,
            "source_name": e.source_name,
            "label": e.label,
            "seen_version": current.get((e.agency.pk, e.fiscal_year), 0),
        }
        for e in entries
    ]
    once = secrets.token_urlsafe(18)
    return signing.dumps(
        {"user": user.pk, "scope": scope, "rows": rows, "once": once},
        salt=_SHEET_SALT,
        compress=True,
    )


def load_entries(token: str, user: AbstractBaseUser, scope: str) -> list[ResultEntry]:
    """The entries signed by :func:`sign_entries`, re-checking that the user may write each agency."""
    try:
        data = signing.loads(token, salt=_SHEET_SALT, max_age=DRAFT_MAX_AGE_SECONDS)
        if data["user"] != user.pk or data["scope"] != scope:
            raise BadDraft(gettext("ข้อมูลที่ตรวจทานไว้ไม่ใช่ของท่าน กรุณาเริ่มนำเข้าใหม่"))
        agencies = Agency.objects.in_bulk([r["agency"] for r in data["rows"]])
        entries = []
        for r in data["rows"]:
            target = agencies.get(r["agency"])
            if target is None or not can_write(user, target):
                raise BadDraft(gettext("ท่านไม่มีสิทธิ์บันทึกผลของหน่วยงานบางแห่งในไฟล์นี้"))
            entries.append(
                ResultEntry(
                    agency=target,
                    fiscal_year=int(r["fiscal_year"]),
                    indicators={int(k): float(v) for k, v in r["indicators"].items()},
                    items={str(k): float(v) for k, v in r["items"].items()},
                    printed=dict(r["printed"]),
                    previous_total=r["previous_total"],
                    source_name=str(r["source_name"]),
                    label=str(r["label"]),
                    seen_version=int(r["seen_version"]),
                    once=str(data["once"]),
                )
            )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, BadDraft):
            raise
        raise BadDraft(gettext("ข้อมูลที่ตรวจทานไว้หมดอายุหรือไม่ถูกต้อง กรุณาเริ่มนำเข้าใหม่")) from None
    return entries
