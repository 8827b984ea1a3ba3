"""Changing the knowledge base: loading the year files, and agencies' own templates.

:func:`sync_from_files` is the only way file content enters the database. It adds
what is new, follows the files where a row still holds what the files last gave it,
and never overwrites what a site admin changed in the database: such a row is
reported as kept, and :func:`revert_to_files` puts the file's version back on request.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from itaplan.agencies.models import Agency
from itaplan.domain import criteria, knowledge
from itaplan.domain.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge
from itaplan.knowledgebase.models import (
    AGENCY_POSITION,
    EntryTemplate,
    KnowledgeEntry,
    MeasureTemplate,
    Origin,
    content_hash,
)
from itaplan.knowledgebase.selectors import file_years, has_stored

#: Most steps an agency's own template may have; the files keep to 3–6.
MAX_STEPS = 12


class TemplateError(ValueError):
    """A template the rules do not allow; ``message`` is Thai, ``field`` the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# --- loading the files ------------------------------------------------------------------


@dataclass
class SyncReport:
    """What one year's load from its file did."""

    fiscal_year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    #: Rows a site admin changed in the database while the file says otherwise.
    kept: list[str] = field(default_factory=list)


def _template_fields(t: knowledge.MeasureTemplate) -> dict[str, Any]:
    return {
        "title": t.title,
        "steps": list(t.steps),
        "unit": t.unit,
        "start_month": t.timeframe.start_month,
        "end_month": t.timeframe.end_month,
        "monitoring": t.monitoring,
        "related_oit": list(t.related_oit),
        "source": t.source,
    }


def _template_hash(t: knowledge.MeasureTemplate) -> str:
    return content_hash(MeasureTemplate(**_template_fields(t)).content())


def _entry_hash(e: knowledge.KnowledgeEntry) -> str:
    return content_hash([e.analysis, e.source, [m.key for m in e.measures]])


def _apply_template(row: MeasureTemplate, t: knowledge.MeasureTemplate) -> None:
    for name, value in _template_fields(t).items():
        setattr(row, name, value)
    row.file_hash = _template_hash(t)
    row.updated_by = None
    row.save()


def _apply_entry(
    row: KnowledgeEntry, e: knowledge.KnowledgeEntry, by_key: dict[str, MeasureTemplate]
) -> None:
    row.analysis, row.source = e.analysis, e.source
    row.file_hash = _entry_hash(e)
    row.updated_by = None
    row.save()
    # Agencies' own links to this entry stay; the shared ones become the file's.
    for link in row.links.filter(template__agency__isnull=True):
        link.delete()
    for position, template in enumerate(e.measures):
        EntryTemplate.objects.create(entry=row, template=by_key[template.key], position=position)


def _outcome(row: MeasureTemplate | KnowledgeEntry, file_hash: str) -> str:
    """``unchanged``, ``update`` (the row still holds the file's last version) or ``kept``."""
    current = content_hash(row.content())
    if current == file_hash:
        if row.file_hash != file_hash:
            row.file_hash = file_hash
            row.save(update_fields=["file_hash"])
        return "unchanged"
    if row.file_hash and current == row.file_hash:
        return "update"
    return "kept"


@transaction.atomic
def sync_year(fiscal_year: int, directory: Path = KNOWLEDGE_DIR) -> SyncReport:
    """Load one year's knowledge file into the database; see :func:`sync_from_files`."""
    kb = load_knowledge(fiscal_year, directory)
    report = SyncReport(fiscal_year)

    rows = {t.key: t for t in MeasureTemplate.objects.shared().filter(fiscal_year=fiscal_year)}
    new_templates = []
    for t in kb.templates:
        row = rows.pop(t.key, None)
        if row is None:
            new_templates.append(
                MeasureTemplate(
                    fiscal_year=fiscal_year,
                    key=t.key,
                    file_hash=_template_hash(t),
                    **_template_fields(t),
                )
            )
            report.created += 1
            continue
        match _outcome(row, _template_hash(t)):
            case "update":
                _apply_template(row, t)
                report.updated += 1
            case "kept":
                report.kept.append(f"แม่แบบ {t.key}")
            case _:
                report.unchanged += 1
    # Created in bulk: the file is their record, and the audit log keeps the changes.
    MeasureTemplate.objects.bulk_create(new_templates)
    by_key = {t.key: t for t in MeasureTemplate.objects.shared().filter(fiscal_year=fiscal_year)}

    entries = {
        e.target: e
        for e in KnowledgeEntry.objects.filter(fiscal_year=fiscal_year).prefetch_related(
            "links__template"
        )
    }
    new_entries: list[tuple[KnowledgeEntry, knowledge.KnowledgeEntry]] = []
    for e in kb.entries:
        entry_row = entries.pop(e.target, None)
        if entry_row is None:
            entry_row = KnowledgeEntry(
                fiscal_year=fiscal_year,
                target=e.target,
                analysis=e.analysis,
                source=e.source,
                file_hash=_entry_hash(e),
            )
            new_entries.append((entry_row, e))
            report.created += 1
            continue
        match _outcome(entry_row, _entry_hash(e)):
            case "update":
                _apply_entry(entry_row, e, by_key)
                report.updated += 1
            case "kept":
                report.kept.append(e.target)
            case _:
                report.unchanged += 1
    KnowledgeEntry.objects.bulk_create([row for row, _ in new_entries])
    EntryTemplate.objects.bulk_create(
        EntryTemplate(entry=row, template=by_key[t.key], position=position)
        for row, e in new_entries
        for position, t in enumerate(e.measures)
    )
    # Gone from the file and never edited here. Templates go after the entries have
    # followed the file, or their links would vanish under them and look like edits.
    for stale in [*entries.values(), *rows.values()]:
        if stale.origin == Origin.FILE:
            stale.delete()
            report.removed += 1
        elif stale.origin == Origin.EDITED:
            name = stale.target if isinstance(stale, KnowledgeEntry) else f"แม่แบบ {stale.key}"
            report.kept.append(f"{name} (ไม่มีในไฟล์แล้ว)")
    return report


def sync_from_files(
    years: Sequence[int] | None = None, directory: Path = KNOWLEDGE_DIR
) -> list[SyncReport]:
    """Load the knowledge files of ``years`` (default: every file) into the database.

    Creates what is missing; updates a row only while it still holds what the file
    last gave it, so a site admin's edit is kept (and reported); deletes unedited rows
    the file no longer has. Running it again changes nothing. Agencies' own templates
    are never touched. Raises ``KnowledgeError`` for a year without a valid file.
    """
    return [sync_year(year, directory) for year in (years or file_years(directory))]


def ensure_stored(fiscal_year: int) -> None:
    """Load the year's file first if the database does not hold the year yet."""
    if not has_stored(fiscal_year):
        sync_year(fiscal_year)


@transaction.atomic
def revert_to_files(rows: Iterable[MeasureTemplate | KnowledgeEntry]) -> int:
    """Put the file's version back on shared rows a site admin edited; how many changed.

    Rows the file does not have (added in the database, or an agency's own) are skipped.
    """
    reverted = 0
    for row in rows:
        if row.origin != Origin.EDITED:
            continue
        kb = load_knowledge(row.fiscal_year)
        if isinstance(row, MeasureTemplate):
            t = next((t for t in kb.templates if t.key == row.key), None)
            if t is not None:
                _apply_template(row, t)
                reverted += 1
            continue
        e = kb.for_target(row.target)
        if e is not None:
            shared = MeasureTemplate.objects.shared().filter(fiscal_year=row.fiscal_year)
            by_key = {t.key: t for t in shared}
            if all(m.key in by_key for m in e.measures):
                _apply_entry(row, e, by_key)
                reverted += 1
    return reverted


# --- checks shared by the admin and the agency pages ----------------------------------


def framework_of(fiscal_year: int) -> criteria.Framework:
    """The year's criteria; ``TemplateError`` when the year has none."""
    try:
        return criteria.load(fiscal_year)
    except criteria.CriteriaError as exc:
        raise TemplateError(str(exc), "fiscal_year") from exc


def check_target(fiscal_year: int, target: str) -> None:
    """``TemplateError`` unless the year's criteria have this indicator or item."""
    framework = framework_of(fiscal_year)
    number = target.removeprefix("indicator ")
    if target.startswith("indicator ") and number.isdigit():
        exists = framework.has_indicator(int(number))
    else:
        exists = framework.has_item(target)
    if not exists:
        raise TemplateError(
            gettext("ปีงบประมาณ %(fiscal_year)s ไม่มี %(target)s")
            % {"fiscal_year": fiscal_year, "target": target},
            "target",
        )


def oit_codes(fiscal_year: int, codes: Iterable[str]) -> list[str]:
    """OIT item codes as typed (``O8``, ``o๘``) made canonical, each once, in order.

    ``TemplateError`` naming the codes that are not OIT items of the year.
    """
    framework = framework_of(fiscal_year)
    found: list[str] = []
    wrong: list[str] = []
    for raw in codes:
        if not raw.strip():
            continue
        code = framework.normalise_item_code(raw)
        if code is None or not code.startswith("o"):
            wrong.append(raw.strip())
        elif code not in found:
            found.append(code)
    if wrong:
        raise TemplateError(
            gettext("ไม่ใช่ประเด็น OIT ของปีงบประมาณ %(fiscal_year)s: %(value)s")
            % {"fiscal_year": fiscal_year, "value": ", ".join(wrong)},
            "related_oit",
        )
    return found


def check_template(
    fiscal_year: int, steps: Sequence[str], start_month: int, end_month: int
) -> None:
    """Steps present and not too many, months within the fiscal year and in order."""
    if not steps:
        raise TemplateError(gettext("ใส่ขั้นตอนอย่างน้อยหนึ่งขั้นตอน"), "steps")
    if len(steps) > MAX_STEPS:
        raise TemplateError(
            gettext("ขั้นตอนไม่เกิน %(MAX_STEPS)s ขั้นตอน") % {"MAX_STEPS": MAX_STEPS}, "steps"
        )
    if not (1 <= start_month <= 12 and 1 <= end_month <= 12):
        raise TemplateError(gettext("เดือนต้องอยู่ในปีงบประมาณ (ตุลาคม–กันยายน)"), "start_month")
    if start_month > end_month:
        raise TemplateError(gettext("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม"), "end_month")


# --- an agency's own templates --------------------------------------------------------


@dataclass(frozen=True)
class OwnTemplate:
    """What an agency enters for a template of its own, as the form hands it over."""

    title: str
    steps: tuple[str, ...]
    unit: str
    start_month: int
    end_month: int
    monitoring: str
    related_oit: tuple[str, ...]
    targets: tuple[str, ...]  # "indicator 4", "i10"


def _validated(fiscal_year: int, data: OwnTemplate) -> tuple[dict[str, Any], list[KnowledgeEntry]]:
    if not data.title.strip():
        raise TemplateError(gettext("ใส่ชื่อมาตรการ"), "title")
    steps = [s.strip() for s in data.steps if s.strip()]
    check_template(fiscal_year, steps, data.start_month, data.end_month)
    related = oit_codes(fiscal_year, data.related_oit)
    if not data.targets:
        raise TemplateError(gettext("เลือกตัวชี้วัดหรือประเด็นที่มาตรการนี้ตอบอย่างน้อยหนึ่งข้อ"), "targets")
    try:
        ensure_stored(fiscal_year)
    except KnowledgeError as exc:
        raise TemplateError(str(exc)) from exc
    entries = list(KnowledgeEntry.objects.filter(fiscal_year=fiscal_year, target__in=data.targets))
    unknown = sorted(set(data.targets) - {e.target for e in entries})
    if unknown:
        raise TemplateError(
            gettext("ฐานความรู้ปีงบประมาณ %(fiscal_year)s ไม่มี %(value)s")
            % {"fiscal_year": fiscal_year, "value": ", ".join(unknown)},
            "targets",
        )
    fields = {
        "title": data.title.strip(),
        "steps": steps,
        "unit": data.unit.strip(),
        "start_month": data.start_month,
        "end_month": data.end_month,
        "monitoring": data.monitoring.strip(),
        "related_oit": related,
    }
    return fields, entries


def _link(template: MeasureTemplate, entries: list[KnowledgeEntry]) -> None:
    wanted = {e.pk: e for e in entries}
    for link in template.links.all():
        if wanted.pop(link.entry_id, None) is None:
            link.delete()
    for entry in wanted.values():
        EntryTemplate.objects.create(entry=entry, template=template, position=AGENCY_POSITION)


@transaction.atomic
def add_agency_template(
    agency: Agency, fiscal_year: int, data: OwnTemplate, user: AbstractBaseUser
) -> MeasureTemplate:
    """A template of the agency's own, proposed to it alone on the targets it chose.

    Loads the year's file first on a fresh install, so the targets exist to link to.
    """
    fields, entries = _validated(fiscal_year, data)
    template = MeasureTemplate.objects.create(
        fiscal_year=fiscal_year,
        agency=agency,
        # Random, so that it never meets a shared key or another agency's.
        key=f"{fiscal_year}-own-{secrets.token_hex(5)}",
        source=f"agency: {agency.code}",
        updated_by=user,
        **fields,
    )
    _link(template, entries)
    return template


@transaction.atomic
def update_agency_template(
    template: MeasureTemplate, data: OwnTemplate, user: AbstractBaseUser
) -> MeasureTemplate:
    """Change an agency's own template; its key stays, so plans that use it still know it."""
    if template.agency_id is None:
        raise TemplateError(gettext("แม่แบบกลางแก้ไขได้โดยผู้ดูแลระบบเท่านั้น"))
    fields, entries = _validated(template.fiscal_year, data)
    for name, value in fields.items():
        setattr(template, name, value)
    template.updated_by = user
    template.save()
    _link(template, entries)
    return template


@transaction.atomic
def delete_agency_template(template: MeasureTemplate) -> None:
    """Remove an agency's own template; measures already made from it keep their text."""
    if template.agency_id is None:
        raise TemplateError(gettext("แม่แบบกลางลบได้โดยผู้ดูแลระบบเท่านั้น"))
    template.delete()
