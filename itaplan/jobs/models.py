"""A long job run by the task queue (Huey), with the progress its page shows.

The web request creates a :class:`Job` and enqueues it; a worker runs it, moving
``done`` towards ``total`` and leaving a result file or a Thai message. Whoever
started it (or a site admin) may watch it and download its result.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Kind(models.TextChoices):
        OIT_CHECK = "oit_check", _("ตรวจความพร้อมข้อมูลเปิดเผย (OIT)")
        NATIONAL_EXPORT = "national_export", _("ส่งออกข้อมูลการกำกับดูแล (XLSX)")
        BULK_IMPORT = "bulk_import", _("นำเข้าผลการประเมินหลายหน่วยงาน")
        MEASURES_BUNDLE = "measures_bundle", _("เอกสารแผนมาตรการของหลายหน่วยงาน (ZIP)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังทำงาน")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")

    kind = models.CharField(_("งาน"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"), null=True, blank=True)
    #: What the job needs beyond the fields above (filters of an export, …).
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(_("ข้อความ"), blank=True)
    result = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("งานเบื้องหลัง")
        verbose_name_plural = _("งานเบื้องหลัง")
        indexes = (models.Index(fields=["agency", "kind", "-created_at"], name="job_agency_kind"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
