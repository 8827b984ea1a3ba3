"""The knowledge base as the site keeps it: the year's files loaded into the database.

The files in ``itaplan/domain/knowledge/`` are the versioned source, one per criteria
year. :func:`itaplan.knowledgebase.services.sync_from_files` copies them here, where a
site admin may edit the texts and an agency may add measure templates of its own.

Every row loaded from a file remembers the hash of the content it was given
(``file_hash``). A row whose content no longer hashes to it was edited in the
database, and the next load from the files leaves it alone.

A :class:`MeasureTemplate` with no agency is shared by every agency; one with an
agency is that agency's own and nobody else sees it.
"""

from __future__ import annotations

import enum
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from itaplan.agencies.models import Agency

#: Rows an agency links to a shared entry come after the entry's own templates.
AGENCY_POSITION = 1000

_month = (MinValueValidator(1), MaxValueValidator(12))


def content_hash(values: list[Any]) -> str:
    """A stable fingerprint of a row's content, to tell a file's version from a local edit."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Origin(enum.StrEnum):
    """Where a row's current content comes from, as the admin list shows it."""

    FILE = "file"
    EDITED = "edited"
    ADDED = "added"
    AGENCY = "agency"

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    Origin.FILE: "ตามไฟล์",
    Origin.EDITED: "แก้ไขในระบบ",
    Origin.ADDED: "เพิ่มในระบบ",
    Origin.AGENCY: "ของหน่วยงาน",
}


class MeasureTemplateQuerySet(models.QuerySet["MeasureTemplate"]):
    def shared(self) -> MeasureTemplateQuerySet:
        """Templates every agency sees (from the files or added by a site admin)."""
        return self.filter(agency__isnull=True)

    def visible_to(self, agency: Agency | None) -> MeasureTemplateQuerySet:
        """The shared templates and, with an agency, that agency's own."""
        if agency is None:
            return self.shared()
        return self.filter(Q(agency__isnull=True) | Q(agency=agency))


class MeasureTemplate(models.Model):
    """A measure (มาตรการ) an agency can adopt into its plan, in one fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (ของผลการประเมิน)"))
    key = models.CharField(
        _("รหัสแม่แบบ"),
        max_length=100,
        validators=[RegexValidator(r"^[a-z0-9]+(-[a-z0-9]+)*$", "ใช้ a-z 0-9 และ - เท่านั้น")],
        help_text=_("แผนมาตรการจำรหัสนี้ไว้ว่าใช้แม่แบบใดแล้ว อย่าเปลี่ยนเมื่อมีแผนใช้อยู่"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measure_templates",
        verbose_name=_("หน่วยงานเจ้าของ"),
        help_text=_("ว่างไว้ = แม่แบบกลางที่ทุกหน่วยงานเห็น"),
    )
    title = models.CharField(_("มาตรการ"), max_length=500)
    steps = models.JSONField(_("ขั้นตอน/วิธีการ"), default=list)
    unit = models.CharField(_("ผู้รับผิดชอบโดยทั่วไป"), max_length=300)
    start_month = models.PositiveSmallIntegerField(
        _("เดือนเริ่ม"), validators=_month, help_text=_("1 = ตุลาคม … 12 = กันยายน")
    )
    end_month = models.PositiveSmallIntegerField(
        _("เดือนสิ้นสุด"), validators=_month, help_text=_("1 = ตุลาคม … 12 = กันยายน")
    )
    monitoring = models.TextField(_("การติดตามผล"))
    related_oit = models.JSONField(_("ประเด็น OIT ที่เกี่ยวข้อง"), default=list, blank=True)
    source = models.CharField(_("ที่มา"), max_length=300, blank=True)
    file_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("แก้ไขโดย"),
    )

    objects = MeasureTemplateQuerySet.as_manager()

    class Meta:
        ordering = ("fiscal_year", "agency_id", "id")
        verbose_name = _("แม่แบบมาตรการ")
        verbose_name_plural = _("แม่แบบมาตรการ")
        constraints = (
            # NULL agencies are distinct in a plain unique constraint: say it twice.
            models.UniqueConstraint(
                fields=["fiscal_year", "key"],
                condition=Q(agency__isnull=True),
                name="shared_template_key_unique_in_year",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "key", "agency"],
                condition=Q(agency__isnull=False),
                name="agency_template_key_unique_in_year",
            ),
            models.CheckConstraint(
                condition=Q(start_month__gte=1, start_month__lte=F("end_month"), end_month__lte=12),
                name="template_months_in_order",
            ),
        )

    def __str__(self) -> str:
        return f"{self.key} {self.title}"

    def content(self) -> list[Any]:
        """What the files say about a template, in a fixed order."""
        return [
            self.title,
            list(self.steps),
            self.unit,
            self.start_month,
            self.end_month,
            self.monitoring,
            list(self.related_oit),
            self.source,
        ]

    @property
    def origin(self) -> Origin:
        if self.agency_id is not None:
            return Origin.AGENCY
        if not self.file_hash:
            return Origin.ADDED
        return Origin.FILE if content_hash(self.content()) == self.file_hash else Origin.EDITED


class KnowledgeEntry(models.Model):
    """The analysis of one indicator or item of a year, and the templates that answer it."""

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (ของผลการประเมิน)"))
    target = models.CharField(
        _("ตัวชี้วัด/ประเด็น"),
        max_length=32,
        validators=[RegexValidator(r"^(indicator \d+|[ieo]\d+)$", "เช่น indicator 4 หรือ i10")],
        help_text=_("indicator 4 หรือรหัสประเด็น เช่น i10, o8"),
    )
    analysis = models.TextField(
        _("ข้อความวิเคราะห์"), blank=True, help_text=_("คะแนนที่ต่ำหมายถึงอะไร และเหตุใดจึงสำคัญ")
    )
    source = models.CharField(_("ที่มา"), max_length=300, blank=True)
    templates = models.ManyToManyField(
        MeasureTemplate,
        through="EntryTemplate",
        related_name="entries",
        blank=True,
        verbose_name=_("แม่แบบมาตรการ"),
    )
    file_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("แก้ไขโดย"),
    )

    class Meta:
        ordering = ("fiscal_year", "id")
        verbose_name = _("ข้อความวิเคราะห์")
        verbose_name_plural = _("ข้อความวิเคราะห์")
        constraints = (
            models.UniqueConstraint(
                fields=["fiscal_year", "target"], name="knowledge_entry_unique_target"
            ),
        )

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.target}"

    def shared_template_keys(self) -> list[str]:
        """Keys of the shared templates, in order; agencies' own links are not the entry's."""
        # Iterated in Python so that a prefetch of ``links__template`` serves it.
        links = sorted(self.links.all(), key=lambda link: (link.position, link.pk))
        return [link.template.key for link in links if link.template.agency_id is None]

    def content(self) -> list[Any]:
        return [self.analysis, self.source, self.shared_template_keys()]

    @property
    def origin(self) -> Origin:
        if not self.file_hash:
            return Origin.ADDED
        return Origin.FILE if content_hash(self.content()) == self.file_hash else Origin.EDITED


class EntryTemplate(models.Model):
    """A template answering an entry, in the order it is proposed."""

    entry = models.ForeignKey(KnowledgeEntry, on_delete=models.CASCADE, related_name="links")
    template = models.ForeignKey(
        MeasureTemplate, on_delete=models.CASCADE, related_name="links", verbose_name=_("แม่แบบ")
    )
    position = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("แม่แบบของข้อความวิเคราะห์")
        verbose_name_plural = _("แม่แบบของข้อความวิเคราะห์")
        constraints = (
            models.UniqueConstraint(fields=["entry", "template"], name="entry_template_once"),
        )

    def __str__(self) -> str:
        return f"{self.entry.target} → {self.template.key}"
