"""Agencies, their units, and who may do what in them.

The tree is จังหวัด (province) → อำเภอ (district) → หน่วยงาน (agency). People get
roles per agency through :class:`Membership`; supervisors read a whole subtree
through :class:`SupervisorScope` and never edit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    name = models.CharField(_("จังหวัด"), max_length=100, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("จังหวัด")
    )
    name = models.CharField(_("อำเภอ"), max_length=100)

    class Meta:
        ordering = (
            "province__name",
            "name",
        )
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")
        constraints = (
            models.UniqueConstraint(
                fields=["province", "name"], name="district_unique_in_province"
            ),
        )

    def __str__(self) -> str:
        return gettext("%(name)s จ.%(province)s") % {
            "name": self.name,
            "province": self.province.name,
        }


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: settings.AUTH_USER_MODEL) -> AgencyQuerySet:  # type: ignore[name-defined]
        """Agencies the user may read: its memberships, plus every agency under a supervisor scope."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        scopes = SupervisorScope.objects.filter(user=user)
        condition = Q(memberships__user=user, memberships__is_active=True)
        for scope in scopes:
            condition |= scope.agency_filter()
        return self.filter(condition).distinct()


class Agency(models.Model):
    """A public agency assessed by the ITA (อบต., เทศบาล, อบจ., …)."""

    class Kind(models.TextChoices):
        SAO = "sao", _("องค์การบริหารส่วนตำบล (อบต.)")
        SUBDISTRICT_MUNICIPALITY = "tambon", _("เทศบาลตำบล")
        TOWN_MUNICIPALITY = "mueang", _("เทศบาลเมือง")
        CITY_MUNICIPALITY = "nakhon", _("เทศบาลนคร")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด (อบจ.)")
        OTHER = "other", _("อื่น ๆ")

    code = models.CharField(
        _("รหัสหน่วยงาน"), max_length=32, unique=True, help_text=_("รหัสที่ใช้จับคู่ตอนนำเข้าไฟล์")
    )
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=16, choices=Kind.choices, default=Kind.SAO)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("อำเภอ")
    )
    thai_digits = models.BooleanField(
        _("ใช้เลขไทยในเอกสาร"),
        default=True,
        help_text=_("เลขไทย (๑๒๓) หรือเลขอารบิก (123) ในเอกสารที่ออก"),
    )
    note_corrections = models.BooleanField(
        _("แสดงหมายเหตุตัวเลขที่แก้ไขจากต้นฉบับ"),
        default=False,
        help_text=_(
            "เอกสาร o27 มีหมายเหตุท้ายตารางมาตรการ ระบุตัวเลขของผลการประเมินที่พิมพ์ไว้ไม่ตรงกับที่คำนวณได้"
        ),
    )
    website = models.URLField(_("เว็บไซต์"), blank=True)
    full_name = models.CharField(
        _("ชื่อเต็มของหน่วยงาน"),
        max_length=300,
        blank=True,
        help_text=_("ชื่อที่พิมพ์ในเอกสารราชการ เช่น องค์การบริหารส่วนตำบลสามเรือน อำเภอเมืองราชบุรี"),
    )
    approver_name = models.CharField(
        _("ชื่อผู้บริหารผู้อนุมัติ"),
        max_length=200,
        blank=True,
        help_text=_("พิมพ์ใต้ลายมือชื่อผู้อนุมัติในเอกสาร เช่น นายสมชาย ใจดี"),
    )
    approver_position = models.CharField(
        _("ตำแหน่งผู้บริหารผู้อนุมัติ"),
        max_length=200,
        blank=True,
        help_text=_("เช่น นายกองค์การบริหารส่วนตำบล"),
    )
    preparer_name = models.CharField(_("ชื่อผู้จัดทำ"), max_length=200, blank=True)
    preparer_position = models.CharField(_("ตำแหน่งผู้จัดทำ"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(
        _("ข้อมูลสังเคราะห์"), default=False, help_text=_("สร้างขึ้นเพื่อทดสอบเท่านั้น ไม่ใช่หน่วยงานจริง")
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        indexes = (
            models.Index(fields=["district", "kind"]),
            # The supervision table's default order (name, then id as the tie-break).
            models.Index(fields=["name", "id"], name="agency_name_id"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def province(self) -> Province:
        return self.district.province

    @property
    def official_name(self) -> str:
        """The name printed in documents: the full name when the profile has one."""
        return self.full_name or self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def in_use(self) -> UnitQuerySet:
        """Units that take new measures and members (not retired)."""
        return self.filter(retired_at__isnull=True)


class Unit(models.Model):
    """A กอง/สำนัก inside an agency, responsible for measures."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="units", verbose_name=_("หน่วยงาน")
    )
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    #: A retired unit keeps its measures and history but takes no new ones.
    retired_at = models.DateField(
        _("วันที่ยุบ/เลิกใช้"), null=True, blank=True, help_text=_("เว้นว่างไว้หากยังใช้งานอยู่")
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = (
            "agency",
            "name",
        )
        verbose_name = _("กอง/สำนัก")
        verbose_name_plural = _("กอง/สำนัก")
        constraints = (
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_in_agency"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def label_with_agency(self) -> str:
        """``กองคลัง (อบต.สามเรือน)``: for choices that list units of many agencies."""
        return f"{self.name} ({self.agency.name})"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """Memberships in force (a deactivated one is kept for history only)."""
        return self.filter(is_active=True)


class Membership(models.Model):
    """A person's role in one agency."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("ผู้ดูแลหน่วยงาน")
        EDITOR = "editor", _("ผู้จัดทำข้อมูล")
        UNIT_MEMBER = "unit", _("เจ้าหน้าที่กอง/สำนัก")
        EXECUTIVE = "executive", _("ผู้บริหาร (ผู้อนุมัติ)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ผู้ใช้"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("หน่วยงาน")
    )
    role = models.CharField(_("บทบาท"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("กอง/สำนัก"),
        help_text=_("ต้องระบุสำหรับเจ้าหน้าที่กอง/สำนัก"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    is_active = models.BooleanField(
        _("ใช้งานอยู่"),
        default=True,
        help_text=_("ปิดเมื่อบุคคลนี้พ้นจากหน่วยงาน ประวัติการทำงานยังเก็บไว้ครบ"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("สมาชิกหน่วยงาน")
        verbose_name_plural = _("สมาชิกหน่วยงาน")
        constraints = (
            models.UniqueConstraint(fields=["user", "agency"], name="one_membership_per_agency"),
            models.CheckConstraint(
                condition=Q(role="unit", unit__isnull=False) | ~Q(role="unit"),
                name="unit_member_has_unit",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.agency}"

    @property
    def can_edit(self) -> bool:
        """Admins and editors change results and plans; unit members only their progress."""
        return self.role in (self.Role.ADMIN, self.Role.EDITOR)

    @property
    def can_approve(self) -> bool:
        return self.role == self.Role.EXECUTIVE


class SupervisorScope(models.Model):
    """Read-only access over a subtree: one district, one province, or every agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervisor_scopes",
        verbose_name=_("ผู้ใช้"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("จังหวัด"),
        help_text=_("เว้นว่างทั้งจังหวัดและอำเภอ = ทุกหน่วยงานทั่วประเทศ"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("อำเภอ")
    )

    class Meta:
        verbose_name = _("ขอบเขตผู้กำกับดูแล")
        verbose_name_plural = _("ขอบเขตผู้กำกับดูแล")
        constraints = (
            models.CheckConstraint(
                condition=Q(province__isnull=True) | Q(district__isnull=True),
                name="scope_is_province_or_district",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user}: {self.district or self.province or 'ทั้งประเทศ'}"

    def agency_filter(self) -> Q:
        """The agencies this scope covers, as a filter on Agency."""
        if self.district_id:
            return Q(district_id=self.district_id)
        if self.province_id:
            return Q(district__province_id=self.province_id)
        return Q(pk__isnull=False)


def agencies_supervised_by(user: settings.AUTH_USER_MODEL) -> QuerySet[Agency]:  # type: ignore[name-defined]
    """Agencies a user reads as a supervisor (not through a membership)."""
    condition = Q(pk__in=[])
    for scope in SupervisorScope.objects.filter(user=user):
        condition |= scope.agency_filter()
    return Agency.objects.filter(condition)
