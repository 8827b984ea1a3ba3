"""ITA results of an agency, one current result per agency and fiscal year.

What the agency typed or printed is stored as entered (``IndicatorScore``,
``ItemScore``, the ``printed_*`` fields). What the engine computes is cached in
the ``computed_*`` fields for lists and dashboards, and always recomputed from the
entered scores by :mod:`itaplan.results.services` — never typed by hand.
Replacing a result keeps the old one (``is_current=False``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from itaplan.agencies.models import Agency


class ResultQuerySet(models.QuerySet["Result"]):
    def current(self) -> ResultQuerySet:
        return self.filter(is_current=True)


class Result(models.Model):
    """The ITA result of one agency for one fiscal year (BE) of the results."""

    class Source(models.TextChoices):
        FORM = "form", "กรอกแบบฟอร์ม"
        SPREADSHEET = "spreadsheet", "นำเข้าจากไฟล์ตาราง"
        TEXT = "text", "วางข้อความ/อัปโหลดเอกสาร"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="results")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณของผลการประเมิน")
    is_current = models.BooleanField(default=True)
    version = models.PositiveSmallIntegerField(default=1)

    source = models.CharField("ที่มา", max_length=16, choices=Source.choices)
    source_name = models.CharField("ชื่อไฟล์ต้นทาง", max_length=255, blank=True)
    source_text = models.TextField("ข้อความต้นทาง", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # As printed by the NACC or the agency; kept beside the computed values.
    printed_total = models.FloatField("คะแนนรวมที่พิมพ์", null=True, blank=True)
    printed_level = models.CharField("ระดับที่พิมพ์", max_length=32, blank=True)
    printed_iit = models.FloatField("IIT ที่พิมพ์", null=True, blank=True)
    printed_eit = models.FloatField("EIT ที่พิมพ์", null=True, blank=True)
    printed_oit = models.FloatField("OIT ที่พิมพ์", null=True, blank=True)
    previous_total = models.FloatField("คะแนนรวมปีก่อนที่พิมพ์", null=True, blank=True)

    # Cached engine output, refreshed by the service on every save.
    computed_total = models.FloatField(null=True, blank=True)
    computed_level = models.CharField(max_length=32, blank=True)
    computed_iit = models.FloatField(null=True, blank=True)
    computed_eit = models.FloatField(null=True, blank=True)
    computed_oit = models.FloatField(null=True, blank=True)
    finding_count = models.PositiveSmallIntegerField(default=0)
    #: What intake noticed and the stored scores cannot show again: values printed
    #: twice with different numbers, lines the parser could not read, the choice
    #: the user made. ``[{"field": …, "message": …}]``, Thai.
    intake_notes = models.JSONField("ข้อสังเกตตอนนำเข้า", default=list, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = (
            "-fiscal_year",
            "agency__name",
        )
        verbose_name = "ผลการประเมิน"
        verbose_name_plural = "ผลการประเมิน"
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"],
                condition=Q(is_current=True),
                name="one_current_result_per_agency_year",
            ),
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "version"], name="result_version_unique"
            ),
        )
        indexes = (models.Index(fields=["fiscal_year", "is_current", "computed_total"]),)

    def __str__(self) -> str:
        return f"{self.agency} ปี {self.fiscal_year}"


class IndicatorScore(models.Model):
    """An indicator score as entered (ตัวชี้วัด 1–10)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicator_scores")
    number = models.PositiveSmallIntegerField("ตัวชี้วัดที่")
    score = models.FloatField("คะแนน")

    class Meta:
        ordering = ("number",)
        verbose_name = "คะแนนตัวชี้วัด"
        verbose_name_plural = "คะแนนตัวชี้วัด"
        constraints = (
            models.UniqueConstraint(fields=["result", "number"], name="indicator_once_per_result"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="indicator_score_0_100"
            ),
        )
        indexes = (models.Index(fields=["number", "score"]),)

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.number}: {self.score:.2f}"


class ItemScore(models.Model):
    """An item score as entered (i1, e4, o13, …)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="item_scores")
    code = models.CharField("ประเด็น", max_length=8)
    score = models.FloatField("คะแนน")

    class Meta:
        ordering = ("id",)
        verbose_name = "คะแนนประเด็นการประเมิน"
        verbose_name_plural = "คะแนนประเด็นการประเมิน"
        constraints = (
            models.UniqueConstraint(fields=["result", "code"], name="item_once_per_result"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="item_score_0_100"
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.score:.2f}"
