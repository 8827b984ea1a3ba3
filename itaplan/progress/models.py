"""Progress of the measures of an approved plan (OIT item o28).

A plan is reported on in :class:`ReportingRound` s (by default after 6 and after
12 months of the fiscal year). For every measure and round the responsible unit
records :class:`ProgressUpdate` s: status, percent, what was done. Updates are
append-only — every save is a new row and the newest one is current — so the
history of what was reported, by whom and when, is never lost. Each update may
carry :class:`Evidence`: uploaded files (kept under ``MEDIA_ROOT`` with a random
name and served only by a permission-checked view) and links.

:class:`CurrentProgress` keeps a copy of each measure's current update, so that
national figures read it with a join.

The editor submits a round's report once every measure has reported; the executive
sends it back with a reason (:class:`RoundEvent`) or approves it; an approved round is
locked and is what the o28 report shows. :class:`ReminderSent` remembers every reminder e-mailed so that the
``remind`` command can run as often as cron likes without repeating itself.

Every change goes through :mod:`itaplan.progress.services`.
"""

from __future__ import annotations

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itaplan.lib.approval import Approvable, ApprovalStep
from itaplan.plans.models import Measure, Plan


class ReportingRound(Approvable):
    """A reporting round of a plan (รอบ 6 เดือน, รอบ 12 เดือน): when progress is reported."""

    class Status(models.TextChoices):
        OPEN = "open", _("เปิดรายงานผล")
        SUBMITTED = "submitted", _("เสนออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rounds")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    name = models.CharField(_("ชื่อรอบ"), max_length=100)
    end_date = models.DateField(_("วันสิ้นสุดรอบ"))
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เสนออนุมัติ"),
    )
    submitted_at = models.DateTimeField(_("เวลาที่เสนออนุมัติ"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("plan", "end_date", "order")
        verbose_name = _("รอบการรายงานผล")
        verbose_name_plural = _("รอบการรายงานผล")
        # MAX(updated_at) in the supervision dashboard's data version.
        indexes = (models.Index(fields=["updated_at"], name="round_updated_at"),)
        constraints = (
            models.UniqueConstraint(fields=["plan", "order"], name="round_order_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "name"], name="round_name_unique_in_plan"),
            Approvable.signed_when_approved("approved_round_has_approver"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.plan})"

    @property
    def is_locked(self) -> bool:
        """Approved: the o28 report of this round is signed and no longer changes."""
        return self.status == self.Status.APPROVED


class RoundEvent(ApprovalStep):
    """One step of a round's report on its way to approval: submitted, sent back with the
    executive's reason, approved."""

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("รอบการรายงานผล"),
    )

    class Meta:
        ordering = ("at", "pk")
        verbose_name = _("ประวัติการเสนออนุมัติรายงานผล")
        verbose_name_plural = _("ประวัติการเสนออนุมัติรายงานผล")
        constraints = (ApprovalStep.reason_when_sent_back("round_sent_back_has_reason"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.round} {self.at:%Y-%m-%d}"


class ProgressUpdateQuerySet(models.QuerySet["ProgressUpdate"]):
    def newest_first(self) -> ProgressUpdateQuerySet:
        """History order: the current update first."""
        return self.order_by("-created_at", "-id")


class ProgressUpdate(models.Model):
    """What was reported about one measure in one round, at one moment.

    Never changed after it is written: a correction is a new update.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("ยังไม่ดำเนินการ")
        IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
        DONE = "done", _("ดำเนินการแล้วเสร็จ")
        CANCELLED = "cancelled", _("ยกเลิก")

    #: Statuses after which nothing more is expected of a measure.
    CLOSED = (Status.DONE, Status.CANCELLED)

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress_updates")
    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(_("ร้อยละความก้าวหน้า"))
    done_text = models.TextField(_("ผลการดำเนินการ"), blank=True)
    problems = models.TextField(_("ปัญหาและอุปสรรค"), blank=True)
    next_step = models.TextField(_("ขั้นตอนต่อไป"), blank=True)
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("ความก้าวหน้า")
        verbose_name_plural = _("ความก้าวหน้า")
        indexes = (models.Index(fields=["measure", "round", "-created_at"]),)
        constraints = (
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_0_100"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="cancelled_progress_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(percent=100), name="done_progress_is_100"
            ),
        )

    def __str__(self) -> str:
        return f"{self.measure} – {self.get_status_display()} {self.percent}%"

    @property
    def is_closed(self) -> bool:
        """Done or cancelled: no reminder, not carried to next year."""
        return self.status in self.CLOSED


class CurrentProgress(models.Model):
    """Where a measure stands now: its current update, kept beside the history.

    One row per measure with at least one update, holding what
    :func:`itaplan.progress.selectors.current_updates` (without a round) finds: the
    newest update of the latest round. The supervision dashboard reads the status
    of some 30,000 measures with a join here instead of looking for each one's
    newest update. Rewritten only by :func:`itaplan.progress.current.refresh`, in
    the transaction that adds an update or moves a round (see
    :mod:`itaplan.progress.signals`); bulk loaders call it themselves.
    """

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, primary_key=True, related_name="current_progress"
    )
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("สถานะ"), max_length=16, choices=ProgressUpdate.Status.choices)
    percent = models.PositiveSmallIntegerField(_("ร้อยละความก้าวหน้า"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ความก้าวหน้าล่าสุด")
        verbose_name_plural = _("ความก้าวหน้าล่าสุด")

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.get_status_display()} {self.percent}%"


def evidence_storage_name(instance: Evidence, filename: str) -> str:
    """A random storage name: nobody can guess it, and the user's name never reaches the disk."""
    return f"evidence/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file or a link showing what was done (หลักฐาน), attached to one update."""

    class Kind(models.TextChoices):
        FILE = "file", _("ไฟล์")
        LINK = "link", _("ลิงก์")

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("ชนิด"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_storage_name, max_length=200, blank=True)
    #: The name the file had on the user's computer, shown and sent back on download.
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255, blank=True)
    #: Checked against the file's first bytes, never taken from the browser.
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"), null=True, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=1000, blank=True)
    #: What the unit calls the evidence ("คำสั่งแต่งตั้งคณะทำงาน"); the o28 prints it.
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=255, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")
        constraints = (
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="") & ~Q(original_name=""))
                | (Q(kind="link") & ~Q(url="")),
                name="evidence_is_file_or_link",
            ),
        )

    def __str__(self) -> str:
        return self.original_name if self.kind == self.Kind.FILE else self.url

    @property
    def label(self) -> str:
        """What a person reads: the title the unit typed, else the file's name or the address."""
        return self.title or str(self)


class ReminderSent(models.Model):
    """One reminder e-mailed to one person, so the same one is not sent twice."""

    class Kind(models.TextChoices):
        DUE_IN_14_DAYS = "due_14", _("ครบกำหนดภายใน 14 วัน")
        DUE_IN_3_DAYS = "due_3", _("ครบกำหนดภายใน 3 วัน")
        OVERDUE = "overdue", _("เลยกำหนดแล้ว")
        ROUND_CLOSING = "round_closing", _("ใกล้ครบกำหนดรายงานผล")

    kind = models.CharField(_("ชนิด"), max_length=16, choices=Kind.choices)
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("วันที่ส่ง"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-sent_on", "-id")
        verbose_name = _("การแจ้งเตือนที่ส่งแล้ว")
        verbose_name_plural = _("การแจ้งเตือนที่ส่งแล้ว")
        indexes = (models.Index(fields=["recipient", "kind", "sent_on"]),)
        constraints = (
            models.CheckConstraint(
                condition=(Q(measure__isnull=False) & Q(round__isnull=True))
                | (Q(measure__isnull=True) & Q(round__isnull=False)),
                name="reminder_is_about_measure_or_round",
            ),
            # Two partial constraints: NULLs are never equal in a plain unique constraint.
            models.UniqueConstraint(
                fields=["kind", "measure", "recipient", "sent_on"],
                condition=Q(measure__isnull=False),
                name="one_measure_reminder_a_day",
            ),
            models.UniqueConstraint(
                fields=["kind", "round", "recipient", "sent_on"],
                condition=Q(round__isnull=False),
                name="one_round_reminder_a_day",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.sent_on})"


auditlog.register(ReportingRound)
auditlog.register(ProgressUpdate)
auditlog.register(Evidence)
