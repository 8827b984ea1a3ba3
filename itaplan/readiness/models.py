"""Item URLs an agency will submit for the OIT, and what the checker found at them.

One :class:`PublishedItem` per agency, plan year and OIT item of that year's criteria
(o1–o28 in FY2568, O1–O26 in FY2569): the URL(s), the responsible unit, the due date,
and the last verdict (ready / at risk / missing with Thai reasons). Each URL's last
fetch is a :class:`UrlCheck`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itaplan.domain.readiness import STATE_LABELS, State


class PublishedItem(models.Model):
    class Verdict(models.TextChoices):
        UNCHECKED = "", _("ยังไม่ได้ตรวจ")
        READY = State.READY.value, STATE_LABELS[State.READY]
        AT_RISK = State.AT_RISK.value, STATE_LABELS[State.AT_RISK]
        MISSING = State.MISSING.value, STATE_LABELS[State.MISSING]

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="published_items"
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    code = models.CharField(_("ประเด็น"), max_length=8)
    #: One URL per line, in the order the agency will submit them.
    urls = models.TextField("URL", blank=True)
    unit = models.ForeignKey(
        "agencies.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    due_date = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    state = models.CharField(max_length=16, choices=Verdict.choices, blank=True, default="")
    #: [{"reason": …, "fix": …}] from the last check, in Thai.
    problems = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("agency", "fiscal_year", "id")
        verbose_name = _("ข้อมูลเปิดเผย (OIT) ของหน่วยงาน")
        verbose_name_plural = _("ข้อมูลเปิดเผย (OIT) ของหน่วยงาน")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "code"], name="published_item_unique"
            ),
        )
        indexes = (models.Index(fields=["fiscal_year", "state"], name="published_item_year_state"),)

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year} {self.code}"

    def url_list(self) -> list[str]:
        return [line.strip() for line in self.urls.splitlines() if line.strip()]


class UrlCheck(models.Model):
    """The last fetch of one URL of an item: what came back and how long it took."""

    item = models.ForeignKey(PublishedItem, on_delete=models.CASCADE, related_name="checks")
    url = models.TextField()
    status = models.PositiveIntegerField(null=True, blank=True)
    final_url = models.TextField(blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    size = models.BigIntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField(default=0)
    tls_valid = models.BooleanField(null=True, blank=True)
    failure = models.CharField(max_length=32, blank=True)
    scanned = models.BooleanField(default=False)
    #: Documents the page links to: [{"url", "status", "failure"}].
    documents = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ("item", "id")
