"""Reading the knowledge base the site keeps, as the domain's :class:`KnowledgeBase`.

The database copy wins as soon as it has rows for a year; a fresh install that has
not loaded the files yet reads them directly, so suggestions work from the start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Prefetch
from django.utils.dates import MONTHS
from django.utils.translation import gettext

from itaplan.agencies.models import Agency
from itaplan.domain import criteria, knowledge
from itaplan.domain.criteria import Framework
from itaplan.domain.knowledge import KNOWLEDGE_DIR, KnowledgeBase, KnowledgeError, Timeframe
from itaplan.knowledgebase.models import EntryTemplate, KnowledgeEntry, MeasureTemplate


def file_years(directory: Path = KNOWLEDGE_DIR) -> list[int]:
    """Fiscal years that have a knowledge file, oldest first."""
    found = (re.fullmatch(r"fy(\d{4})\.yaml", p.name) for p in directory.glob("fy*.yaml"))
    return sorted(int(m[1]) for m in found if m)


def stored_years() -> list[int]:
    """Fiscal years the database holds analyses for, oldest first."""
    years = KnowledgeEntry.objects.values_list("fiscal_year", flat=True).distinct()
    return sorted(set(years))


def knowledge_years() -> list[int]:
    """Fiscal years with a knowledge base, in the database or in the files."""
    return sorted({*stored_years(), *file_years()})


def has_stored(fiscal_year: int) -> bool:
    """Whether the database holds the year's analyses (then it is the year's knowledge base)."""
    return bool(KnowledgeEntry.objects.filter(fiscal_year=fiscal_year).exists())


def domain_template(row: MeasureTemplate) -> knowledge.MeasureTemplate:
    """A stored template as the suggestion engine takes it."""
    return knowledge.MeasureTemplate(
        key=row.key,
        title=row.title,
        steps=tuple(row.steps),
        unit=row.unit,
        timeframe=Timeframe(row.start_month, row.end_month),
        monitoring=row.monitoring,
        related_oit=tuple(row.related_oit),
        source=row.source,
    )


def knowledge_base_for(agency: Agency | None, fiscal_year: int) -> KnowledgeBase:
    """The knowledge base of a results year as ``agency`` sees it: the shared analyses and
    templates, plus the agency's own templates on the targets it chose for them.

    Without an agency, the shared knowledge base only. Read from the files while the
    database has no rows for the year; ``KnowledgeError`` when neither has it.
    """
    visible = MeasureTemplate.objects.visible_to(agency).filter(fiscal_year=fiscal_year)
    # Only the links to visible templates: other agencies' own ones are never loaded.
    links = EntryTemplate.objects.filter(template__in=visible).order_by("position", "id")
    rows = list(
        KnowledgeEntry.objects.filter(fiscal_year=fiscal_year)
        .order_by("id")
        .prefetch_related(Prefetch("links", queryset=links))
    )
    if not rows:
        return knowledge.load_knowledge(fiscal_year)
    templates = {t.pk: domain_template(t) for t in visible}
    entries = tuple(
        knowledge.KnowledgeEntry(
            target=row.target,
            analysis=row.analysis.strip(),
            measures=tuple(templates[link.template_id] for link in row.links.all()),
            source=row.source,
        )
        for row in rows
    )
    path = KNOWLEDGE_DIR / f"fy{fiscal_year}.yaml"
    return KnowledgeBase(fiscal_year, entries, tuple(templates.values()), path)


def shared_knowledge_base(fiscal_year: int) -> KnowledgeBase | None:
    """The year's shared knowledge base, or ``None`` when there is none."""
    try:
        return knowledge_base_for(None, fiscal_year)
    except KnowledgeError:
        return None


def target_label(framework: Framework | None, target: str) -> str:
    """``"ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ"`` or ``"i10 <item text>"``."""
    if target.startswith("indicator "):
        number = int(target.split()[1])
        name = ""
        if framework is not None and framework.has_indicator(number):
            name = f" {framework.indicator(number).name}"
        return gettext("ตัวชี้วัดที่ %(number)s") % {"number": number} + name
    if framework is not None and framework.has_item(target):
        return f"{target} {framework.item(target).text}"
    return target


@dataclass(frozen=True)
class MissingTarget:
    """A target of the year the knowledge base does not cover, and what it lacks."""

    target: str
    label: str
    lacks: tuple[str, ...]  # "ข้อความวิเคราะห์", "แม่แบบมาตรการ"


def missing_targets(framework: Framework, kb: KnowledgeBase) -> list[MissingTarget]:
    """:func:`~itaplan.domain.knowledge.missing_entries`, each with what it lacks."""
    found = []
    for target in knowledge.missing_entries(framework, kb):
        entry = kb.for_target(target)
        lacks = []
        if entry is None or not entry.analysis:
            lacks.append("ข้อความวิเคราะห์")
        if entry is None or not entry.measures:
            lacks.append("แม่แบบมาตรการ")
        found.append(MissingTarget(target, target_label(framework, target), tuple(lacks)))
    return found


def month_names(fiscal_year: int) -> dict[int, str]:
    """The months of a fiscal year by offset, October first: ``{1: "ตุลาคม 2567", …}``,
    named in the active language (Django's month names), the year in the Buddhist era."""
    names = {}
    for offset in range(1, 13):
        first, _ = Timeframe(offset, offset).dates(fiscal_year)
        names[offset] = f"{MONTHS[first.month]} {first.year + 543}"
    return names


@dataclass(frozen=True)
class TemplateRow:
    """A template on the agency's knowledge page, with the targets it answers."""

    template: knowledge.MeasureTemplate
    targets: tuple[str, ...]  # labels: "ตัวชี้วัดที่ 4 …", "i10 …"
    period: str  # "ตุลาคม 2567 – กันยายน 2568"
    own: MeasureTemplate | None  # the agency's stored row, for its edit and delete links


def template_rows(agency: Agency, fiscal_year: int) -> tuple[list[TemplateRow], list[TemplateRow]]:
    """The year's shared templates and the agency's own, each with its targets."""
    try:
        kb = knowledge_base_for(agency, fiscal_year)
    except KnowledgeError:
        return [], []
    targets: dict[str, list[str]] = {}
    for entry in kb.entries:
        for template in entry.measures:
            targets.setdefault(template.key, []).append(entry.target)
    own = {t.key: t for t in MeasureTemplate.objects.filter(agency=agency, fiscal_year=fiscal_year)}
    try:
        framework: Framework | None = criteria.load(fiscal_year)
    except criteria.CriteriaError:
        framework = None
    months = month_names(fiscal_year)
    shared: list[TemplateRow] = []
    mine: list[TemplateRow] = []
    for template in kb.templates:
        row = TemplateRow(
            template,
            tuple(target_label(framework, t) for t in targets.get(template.key, ())),
            f"{months[template.timeframe.start_month]} – {months[template.timeframe.end_month]}",
            own.get(template.key),
        )
        (mine if row.own else shared).append(row)
    return shared, mine
