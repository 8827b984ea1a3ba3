"""The measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใส, OIT item o27).

One current :class:`Plan` per agency and plan fiscal year. A plan is written in
the year after the results it answers (results of FY2568 → plan of FY2569). It
goes draft → submitted → approved by the agency's executive and is then locked;
changing an approved plan means opening a new version, which keeps the approved
one as it was (``is_current=False``).

Every change goes through :mod:`itaplan.plans.services`; the constraints below
are the last line of defence, not the place where the rules are explained to
the user.
"""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from itaplan.agencies.models import Agency, Unit
from itaplan.domain.thai import fiscal_year_bounds
from itaplan.lib.approval import Approvable, ApprovalStep
from itaplan.results.models import Result


class PlanQuerySet(models.QuerySet["Plan"]):
    def current(self) -> PlanQuerySet:
        """Only the version in force of each agency-year."""
        return self.filter(is_current=True)


class Plan(Approvable):
    """The measures plan of one agency for one fiscal year (BE), in one version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("เสนออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="plans")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณของแผน"))
    #: The result the plan answers, normally of ``fiscal_year - 1``.
    result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("ผลการประเมินที่ใช้"),
    )
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    is_current = models.BooleanField(default=True)
    #: The version this one was reopened from.
    previous_version = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ("-fiscal_year", "-version")
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")
        indexes = (
            # MAX(updated_at) in the supervision dashboard's data version.
            models.Index(fields=["updated_at"], name="plan_updated_at"),
            # Plan statuses of a year across the country (supervision).
            models.Index(
                fields=["fiscal_year", "status"],
                condition=Q(is_current=True),
                name="plan_current_year_status",
            ),
        )
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"],
                condition=Q(is_current=True),
                name="one_current_plan_per_agency_year",
            ),
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "version"], name="plan_version_unique"
            ),
            Approvable.signed_when_approved("approved_plan_has_approver"),
        )

    def __str__(self) -> str:
        return f"แผนมาตรการ {self.agency} ปี {self.fiscal_year} ฉบับที่ {self.version}"

    @property
    def is_draft(self) -> bool:
        """Only a draft can be changed."""
        return self.status == self.Status.DRAFT

    @property
    def is_locked(self) -> bool:
        """Approved: kept as signed; changes go into a new version."""
        return self.status == self.Status.APPROVED

    @property
    def results_year(self) -> int:
        """The fiscal year of the results the plan answers."""
        return self.result.fiscal_year if self.result else self.fiscal_year - 1

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """First and last day of the plan's fiscal year (1 Oct – 30 Sep)."""
        return fiscal_year_bounds(self.fiscal_year)


class Measure(models.Model):
    """A measure (มาตรการ) of a plan: what will be done about a weak indicator or item."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("มาตรการ"), max_length=500)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"), null=True, blank=True)
    #: Item codes of the results year the measure answers, e.g. ``["i10", "o8"]``.
    item_codes = models.JSONField(_("ประเด็นการประเมิน"), default=list, blank=True)
    analysis = models.TextField(_("ผลการวิเคราะห์"), blank=True)
    #: The knowledge-base template it was made from; stays when the text is edited so
    #: suggestions do not propose it again.
    template_key = models.CharField(_("แม่แบบมาตรการ"), max_length=100, null=True, blank=True)
    monitoring = models.TextField(_("การติดตามผล"), blank=True)
    start_date = models.DateField(_("วันเริ่ม"))
    end_date = models.DateField(_("วันสิ้นสุด"))
    #: When progress is reported (ISO dates), e.g. at 6 and at 12 months.
    reporting_dates = models.JSONField(_("กำหนดรายงานผล"), default=list, blank=True)
    units = models.ManyToManyField(
        Unit, related_name="measures", blank=True, verbose_name=_("ผู้รับผิดชอบ")
    )
    #: The unfinished measure of an earlier year's plan this one continues.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("ต่อเนื่องจากมาตรการ"),
    )

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="measure_ends_after_start"
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def reporting_days(self) -> list[dt.date]:
        """The reporting dates as dates, in order."""
        return sorted(dt.date.fromisoformat(d) for d in self.reporting_dates)


class MeasureStep(models.Model):
    """One step (ขั้นตอน/วิธีการ) of a measure, in order."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.TextField(_("ขั้นตอน"))

    class Meta:
        ordering = ("order",)
        verbose_name = _("ขั้นตอนของมาตรการ")
        verbose_name_plural = _("ขั้นตอนของมาตรการ")
        constraints = (
            models.UniqueConstraint(fields=["measure", "order"], name="step_order_unique"),
        )

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class PlanEvent(ApprovalStep):
    """One step of a plan's way to approval, as its history shows it to everyone who reads it."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="events", verbose_name=_("แผนมาตรการ")
    )

    class Meta:
        ordering = ("at", "pk")
        verbose_name = _("ประวัติการเสนออนุมัติ")
        verbose_name_plural = _("ประวัติการเสนออนุมัติ")
        constraints = (ApprovalStep.reason_when_sent_back("sent_back_has_reason"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.plan} {self.at:%Y-%m-%d}"


auditlog.register(Plan)
auditlog.register(Measure, m2m_fields={"units"})
auditlog.register(MeasureStep)
