"""Agencies, their units, and who may do what in them.

The tree is จังหวัด (province) → อำเภอ (district) → หน่วยงาน (agency). People get
roles per agency through :class:`Membership`; supervisors read a whole subtree
through :class:`SupervisorScope` and never edit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet


class Province(models.Model):
    name = models.CharField("จังหวัด", max_length=100, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = "จังหวัด"
        verbose_name_plural = "จังหวัด"

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField("อำเภอ", max_length=100)

    class Meta:
        ordering = (
            "province__name",
            "name",
        )
        verbose_name = "อำเภอ"
        verbose_name_plural = "อำเภอ"
        constraints = (
            models.UniqueConstraint(
                fields=["province", "name"], name="district_unique_in_province"
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} จ.{self.province.name}"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: settings.AUTH_USER_MODEL) -> AgencyQuerySet:  # type: ignore[name-defined]
        """Agencies the user may read: its memberships, plus every agency under a supervisor scope."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        scopes = SupervisorScope.objects.filter(user=user)
        condition = Q(memberships__user=user)
        for scope in scopes:
            condition |= scope.agency_filter()
        return self.filter(condition).distinct()


class Agency(models.Model):
    """A public agency assessed by the ITA (อบต., เทศบาล, อบจ., …)."""

    class Kind(models.TextChoices):
        SAO = "sao", "องค์การบริหารส่วนตำบล (อบต.)"
        SUBDISTRICT_MUNICIPALITY = "tambon", "เทศบาลตำบล"
        TOWN_MUNICIPALITY = "mueang", "เทศบาลเมือง"
        CITY_MUNICIPALITY = "nakhon", "เทศบาลนคร"
        PAO = "pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"
        OTHER = "other", "อื่น ๆ"

    code = models.CharField(
        "รหัสหน่วยงาน", max_length=32, unique=True, help_text="รหัสที่ใช้จับคู่ตอนนำเข้าไฟล์"
    )
    name = models.CharField("ชื่อหน่วยงาน", max_length=200)
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices, default=Kind.SAO)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="agencies", verbose_name="อำเภอ"
    )
    thai_digits = models.BooleanField(
        "ใช้เลขไทยในเอกสาร", default=True, help_text="เลขไทย (๑๒๓) หรือเลขอารบิก (123) ในเอกสารที่ออก"
    )
    website = models.URLField("เว็บไซต์", blank=True)
    is_synthetic = models.BooleanField(
        "ข้อมูลสังเคราะห์", default=False, help_text="สร้างขึ้นเพื่อทดสอบเท่านั้น ไม่ใช่หน่วยงานจริง"
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"
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


class Unit(models.Model):
    """A กอง/สำนัก inside an agency, responsible for measures."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("ชื่อส่วนราชการ", max_length=200)

    class Meta:
        ordering = (
            "agency",
            "name",
        )
        verbose_name = "กอง/สำนัก"
        verbose_name_plural = "กอง/สำนัก"
        constraints = (
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_in_agency"),
        )

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one agency."""

    class Role(models.TextChoices):
        ADMIN = "admin", "ผู้ดูแลหน่วยงาน"
        EDITOR = "editor", "ผู้จัดทำข้อมูล"
        UNIT_MEMBER = "unit", "เจ้าหน้าที่กอง/สำนัก"
        EXECUTIVE = "executive", "ผู้บริหาร (ผู้อนุมัติ)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("บทบาท", max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    position = models.CharField("ตำแหน่ง", max_length=200, blank=True)

    class Meta:
        verbose_name = "สมาชิกหน่วยงาน"
        verbose_name_plural = "สมาชิกหน่วยงาน"
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor_scopes"
    )
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True)
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        verbose_name = "ขอบเขตผู้กำกับดูแล"
        verbose_name_plural = "ขอบเขตผู้กำกับดูแล"
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
