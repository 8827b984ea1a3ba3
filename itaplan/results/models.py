"""ITA results of an agency, one current result per agency and fiscal year.

What the agency typed or printed is stored as entered (``IndicatorScore``,
``ItemScore``, the ``printed_*`` fields). What the engine computes is cached in
the ``computed_*`` fields for lists and dashboards, and always recomputed from the
entered scores by :mod:`itaplan.results.services` — never typed by hand.
Replacing a result keeps the old one (``is_current=False``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itaplan.agencies.models import Agency

#: Result fields copied onto each of its indicator scores, so that statistics over
#: the current scores of a year read one table (see :class:`IndicatorScore`).
COPIED_TO_SCORES = ("fiscal_year", "is_current")


class ResultQuerySet(models.QuerySet["Result"]):
    def current(self) -> ResultQuerySet:
        return self.filter(is_current=True)

    def update(self, **kwargs: Any) -> int:
        """Update the results, and their indicator scores' copies of the copied fields."""
        copied = [name for name in COPIED_TO_SCORES if name in kwargs]
        count: int
        if not copied:
            count = super().update(**kwargs)
            return count
        with transaction.atomic(using=self.db):
            # The results' ids first: the update may change what the filter matches.
            ids = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            sync_scores(ids, copied, using=self.db)
        return count


def sync_scores(
    result_ids: Iterable[int], fields: Iterable[str] = COPIED_TO_SCORES, using: str = "default"
) -> None:
    """Copy ``fields`` of the results onto their indicator scores (one UPDATE a field)."""
    ids = list(result_ids)
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        IndicatorScore.objects.using(using).filter(result_id__in=chunk).update(
            **{
                name: models.Subquery(
                    Result.objects.using(using)
                    .filter(pk=models.OuterRef("result_id"))
                    .values(name)[:1]
                )
                for name in fields
            }
        )


class Result(models.Model):
    """The ITA result of one agency for one fiscal year (BE) of the results."""

    class Source(models.TextChoices):
        FORM = "form", _("กรอกแบบฟอร์ม")
        SPREADSHEET = "spreadsheet", _("นำเข้าจากไฟล์ตาราง")
        TEXT = "text", _("วางข้อความ/อัปโหลดเอกสาร")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="results")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณของผลการประเมิน"))
    is_current = models.BooleanField(default=True)
    version = models.PositiveSmallIntegerField(default=1)

    source = models.CharField(_("ที่มา"), max_length=16, choices=Source.choices)
    source_name = models.CharField(_("ชื่อไฟล์ต้นทาง"), max_length=255, blank=True)
    source_text = models.TextField(_("ข้อความต้นทาง"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # As printed by the NACC or the agency; kept beside the computed values.
    printed_total = models.FloatField(_("คะแนนรวมที่พิมพ์"), null=True, blank=True)
    printed_level = models.CharField(_("ระดับที่พิมพ์"), max_length=32, blank=True)
    printed_iit = models.FloatField(_("IIT ที่พิมพ์"), null=True, blank=True)
    printed_eit = models.FloatField(_("EIT ที่พิมพ์"), null=True, blank=True)
    printed_oit = models.FloatField(_("OIT ที่พิมพ์"), null=True, blank=True)
    previous_total = models.FloatField(_("คะแนนรวมปีก่อนที่พิมพ์"), null=True, blank=True)

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
    intake_notes = models.JSONField(_("ข้อสังเกตตอนนำเข้า"), default=list, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = (
            "-fiscal_year",
            "agency__name",
        )
        verbose_name = _("ผลการประเมิน")
        verbose_name_plural = _("ผลการประเมิน")
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # Keep the scores' copies in step (a retired or moved result).
            IndicatorScore.objects.using(self._state.db).filter(result_id=self.pk).exclude(
                fiscal_year=self.fiscal_year, is_current=self.is_current
            ).update(fiscal_year=self.fiscal_year, is_current=self.is_current)


class IndicatorScoreQuerySet(models.QuerySet["IndicatorScore"]):
    def bulk_create(self, objs: Iterable[IndicatorScore], *args: Any, **kwargs: Any) -> Any:
        """Insert scores, copying their result's year and current flag onto each."""
        objs = list(objs)
        _copy_from_results(objs, self.db)
        return super().bulk_create(objs, *args, **kwargs)


def _copy_from_results(scores: list[IndicatorScore], using: str | None) -> None:
    """Set the copied fields of unsaved scores from their results (one query for uncached ones)."""
    missing = {
        s.result_id
        for s in scores
        if not IndicatorScore.result.is_cached(s) and s.result_id is not None
    }
    fetched = (
        {r.pk: r for r in Result.objects.using(using or "default").filter(pk__in=missing)}
        if missing
        else {}
    )
    for score in scores:
        result = score.result if IndicatorScore.result.is_cached(score) else None
        result = result or fetched.get(score.result_id)
        if result is not None:
            score.fiscal_year = result.fiscal_year
            score.is_current = result.is_current


class IndicatorScore(models.Model):
    """An indicator score as entered (ตัวชี้วัด 1–10).

    ``fiscal_year`` and ``is_current`` are copies of the result's, so the indicator
    statistics of a year's current results read this table alone, through one
    index, instead of joining ~500k scores to their results. They are copied on
    every insert (:meth:`save`, ``bulk_create``) and on every change of the result
    (``Result.save``, ``Result.objects…update``); never set them by hand.
    """

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicator_scores")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    score = models.FloatField(_("คะแนน"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณของผล (สำเนาจากผล)"), editable=False)
    is_current = models.BooleanField(_("ผลฉบับปัจจุบัน (สำเนาจากผล)"), default=True, editable=False)

    objects = IndicatorScoreQuerySet.as_manager()

    class Meta:
        ordering = ("number",)
        verbose_name = _("คะแนนตัวชี้วัด")
        verbose_name_plural = _("คะแนนตัวชี้วัด")
        constraints = (
            models.UniqueConstraint(fields=["result", "number"], name="indicator_once_per_result"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="indicator_score_0_100"
            ),
        )
        indexes = (
            models.Index(fields=["number", "score"]),
            models.Index(
                fields=["fiscal_year", "is_current", "number", "score"],
                name="indicator_year_current_number",
            ),
        )

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.number}: {self.score:.2f}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        _copy_from_results([self], kwargs.get("using") or self._state.db)
        super().save(*args, **kwargs)


class ItemScore(models.Model):
    """An item score as entered (i1, e4, o13, …)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="item_scores")
    code = models.CharField(_("ประเด็น"), max_length=8)
    score = models.FloatField(_("คะแนน"))

    class Meta:
        ordering = ("id",)
        verbose_name = _("คะแนนประเด็นการประเมิน")
        verbose_name_plural = _("คะแนนประเด็นการประเมิน")
        constraints = (
            models.UniqueConstraint(fields=["result", "code"], name="item_once_per_result"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="item_score_0_100"
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.score:.2f}"


class ConfirmedDraft(models.Model):
    """A previewed import that was saved: its one-use key, so it cannot be confirmed twice.

    The confirm step's signed token names a random key; the save writes it here in the
    same transaction. A second post of the same token (a double click, a replay, a
    back button) finds it and is refused. Keys older than the token's life are purged.
    """

    #: As long as a preview's token lives (itaplan.results.intake.DRAFT_MAX_AGE_SECONDS).
    KEEP_SECONDS = 2 * 60 * 60

    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key
