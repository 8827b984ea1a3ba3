"""An agency runs itself: its units, its people's roles and its profile.

The only way the administration pages change these. Every function runs in one
transaction and raises :class:`AdminError` with a Thai message naming the field
when the change is not allowed; nothing is written then. Nothing is ever
deleted: a unit is retired and a person deactivated, so plans, progress and the
audit keep pointing at what was true when they were written.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from itaplan.agencies.models import Agency, Membership, SupervisorScope, Unit

User = AbstractBaseUser | AnonymousUser

UNIT_NAME_MAX = Unit._meta.get_field("name").max_length or 200


class AdminError(ValueError):
    """A change the administration does not allow; ``message`` is Thai, ``field`` the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# --- units --------------------------------------------------------------------------


def _unit_name(agency: Agency, name: str, *, exclude: Unit | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise AdminError(gettext("ชื่อกอง/สำนัก: ต้องระบุ"), "name")
    if len(name) > UNIT_NAME_MAX:
        raise AdminError(
            gettext("ชื่อกอง/สำนัก: ยาวเกิน %(UNIT_NAME_MAX)s ตัวอักษร")
            % {"UNIT_NAME_MAX": UNIT_NAME_MAX},
            "name",
        )
    same = Unit.objects.filter(agency=agency, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise AdminError(
            gettext("ชื่อกอง/สำนัก: %(name)sมี '%(name2)s' อยู่แล้ว")
            % {"name": agency.name, "name2": name},
            "name",
        )
    return name


@transaction.atomic
def add_unit(agency: Agency, name: str) -> Unit:
    """A new กอง/สำนัก of the agency."""
    return Unit.objects.create(agency=agency, name=_unit_name(agency, name))


@transaction.atomic
def rename_unit(unit: Unit, name: str) -> Unit:
    """Rename a unit; its measures and members follow the new name."""
    unit.name = _unit_name(unit.agency, name, exclude=unit)
    unit.save(update_fields=["name"])
    return unit


@transaction.atomic
def retire_unit(unit: Unit, on: dt.date | None = None) -> Unit:
    """Stop offering the unit for new measures and people; what it did stays on record."""
    if unit.is_retired:
        raise AdminError(gettext("'%(name)s' ยุบ/เลิกใช้ไปแล้ว") % {"name": unit.name}, "unit")
    staff = Membership.objects.active().filter(unit=unit).count()
    if staff:
        raise AdminError(
            gettext(
                "'%(name)s' ยังมีเจ้าหน้าที่สังกัดอยู่ %(staff)s คน กรุณาย้ายสังกัดหรือปิดการใช้งานบุคคลเหล่านั้นก่อน"
            )
            % {"name": unit.name, "staff": staff},
            "unit",
        )
    unit.retired_at = on or timezone.localdate()
    unit.save(update_fields=["retired_at"])
    return unit


@transaction.atomic
def restore_unit(unit: Unit) -> Unit:
    """Bring a retired unit back into use."""
    unit.retired_at = None
    unit.save(update_fields=["retired_at"])
    return unit


# --- people -------------------------------------------------------------------------


def clean_email(email: str) -> str:
    """The address, trimmed and lower-cased, or ``AdminError`` naming the field."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AdminError(
            gettext("อีเมล: '%(email)s' ไม่ใช่อีเมลที่ใช้ได้") % {"email": email}, "email"
        ) from None
    return email


def _check_unit(agency: Agency, role: str, unit: Unit | None) -> Unit | None:
    if role not in Membership.Role.values:
        raise AdminError(gettext("บทบาท: ไม่รู้จัก '%(role)s'") % {"role": role}, "role")
    if unit is not None:
        if unit.agency_id != agency.pk:
            raise AdminError(
                gettext("กอง/สำนัก: '%(name)s' ไม่ใช่กอง/สำนักของ%(name2)s")
                % {"name": unit.name, "name2": agency.name},
                "unit",
            )
        if unit.is_retired:
            raise AdminError(
                gettext("กอง/สำนัก: '%(name)s' ยุบ/เลิกใช้แล้ว") % {"name": unit.name}, "unit"
            )
    if role == Membership.Role.UNIT_MEMBER and unit is None:
        raise AdminError(gettext("กอง/สำนัก: เจ้าหน้าที่กอง/สำนักต้องระบุกอง/สำนักที่สังกัด"), "unit")
    return unit


def user_for_email(email: str, first_name: str = "", last_name: str = "") -> AbstractBaseUser:
    """The account with this e-mail, or a new one that has no password until the invitee sets it."""
    email = clean_email(email)
    UserModel = get_user_model()
    found = list(UserModel.objects.filter(email__iexact=email)[:2])
    if len(found) > 1:
        raise AdminError(
            gettext("อีเมล: มีบัญชีผู้ใช้หลายบัญชีใช้ '%(email)s' กรุณาติดต่อผู้ดูแลระบบ") % {"email": email},
            "email",
        )
    if found:
        return found[0]
    if UserModel.objects.filter(username__iexact=email).exists():
        raise AdminError(
            gettext("อีเมล: มีบัญชีผู้ใช้ชื่อ '%(email)s' อยู่แล้ว กรุณาติดต่อผู้ดูแลระบบ") % {"email": email},
            "email",
        )
    if len(email) > 150:
        raise AdminError(gettext("อีเมล: ยาวเกิน 150 ตัวอักษร"), "email")
    user = UserModel(
        username=email,
        email=email,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def invite(
    agency: Agency,
    email: str,
    role: str,
    unit: Unit | None = None,
    *,
    position: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """Give the person with this e-mail a role in the agency, creating their account if new.

    A person deactivated earlier comes back with the new role; someone already
    active in the agency is refused (change their role instead).
    """
    unit = _check_unit(agency, role, unit)
    user = user_for_email(email, first_name, last_name)
    membership = Membership.objects.filter(user=user, agency=agency).first()
    if membership is not None and membership.is_active:
        raise AdminError(
            gettext(
                "อีเมล: '%(email)s' เป็น%(value)sของ%(name)sอยู่แล้ว หากต้องการเปลี่ยนบทบาท ให้แก้ไขที่รายชื่อบุคลากร"
            )
            % {"email": user.email, "value": membership.get_role_display(), "name": agency.name},
            "email",
        )
    if membership is None:
        membership = Membership(user=user, agency=agency)
    membership.role = role
    membership.unit = unit
    membership.position = " ".join(position.split())[:200]
    membership.is_active = True
    membership.save()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return membership


def _remaining_admins(membership: Membership) -> int:
    return (
        Membership.objects.active()
        .filter(agency=membership.agency, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )


def _keep_an_admin(membership: Membership) -> None:
    if membership.role == Membership.Role.ADMIN and not _remaining_admins(membership):
        raise AdminError(
            gettext("%(name)sต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน กรุณาเพิ่มผู้ดูแลคนใหม่ก่อน")
            % {"name": membership.agency.name},
            "role",
        )


@transaction.atomic
def change_membership(
    membership: Membership, role: str, unit: Unit | None, position: str = ""
) -> Membership:
    """Change a person's role, unit or position in the agency."""
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if not membership.is_active:
        raise AdminError(gettext("บุคคลนี้ปิดการใช้งานแล้ว กรุณาเปิดใช้งานก่อนเปลี่ยนบทบาท"), "role")
    unit = _check_unit(membership.agency, role, unit)
    if role != Membership.Role.ADMIN:
        _keep_an_admin(membership)
    membership.role = role
    membership.unit = unit if role == Membership.Role.UNIT_MEMBER or unit else None
    membership.position = " ".join(position.split())[:200]
    membership.save()
    return membership


def _still_needed(user: AbstractBaseUser) -> bool:
    """Whether the account serves anything else (another agency, supervision, the site)."""
    return bool(
        user.is_superuser  # type: ignore[attr-defined]
        or Membership.objects.active().filter(user=user).exists()
        or SupervisorScope.objects.filter(user=user).exists()
    )


@transaction.atomic
def deactivate(membership: Membership) -> Membership:
    """The person leaves the agency: no more access there, their history stays.

    When the account serves nothing else it is switched off too, so it cannot log in.
    """
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if not membership.is_active:
        raise AdminError(gettext("บุคคลนี้ปิดการใช้งานแล้ว"), "membership")
    _keep_an_admin(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    user = membership.user
    if not _still_needed(user):
        user.is_active = False
        user.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def reactivate(membership: Membership) -> Membership:
    """Bring a deactivated person back with the role they had."""
    if membership.unit is not None and membership.unit.is_retired:
        raise AdminError(
            gettext("กอง/สำนัก '%(name)s' ยุบ/เลิกใช้แล้ว กรุณาเชิญใหม่พร้อมกอง/สำนักปัจจุบัน")
            % {"name": membership.unit.name},
            "unit",
        )
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    if not membership.user.is_active:
        membership.user.is_active = True
        membership.user.save(update_fields=["is_active"])
    return membership


# --- profile ------------------------------------------------------------------------

#: The profile fields an agency admin changes, besides where the agency is.
PROFILE_FIELDS = (
    "full_name",
    "thai_digits",
    "website",
    "approver_name",
    "approver_position",
    "preparer_name",
    "preparer_position",
)


@transaction.atomic
def update_profile(agency: Agency, province: str, district: str, **values: object) -> Agency:
    """Save the agency's profile: where it is, its digits and who signs its documents."""
    from itaplan.agencies.services import district_of

    if not province.strip():
        raise AdminError(gettext("จังหวัด: ต้องระบุ"), "province")
    if not district.strip():
        raise AdminError(gettext("อำเภอ: ต้องระบุ"), "district")
    for name, value in values.items():
        if name not in PROFILE_FIELDS:
            raise AdminError(gettext("ไม่รู้จักข้อมูล '%(name)s'") % {"name": name})
        setattr(agency, name, " ".join(value.split()) if isinstance(value, str) else value)
    agency.district = district_of(province, district)
    agency.save()
    return agency


# --- site administration ------------------------------------------------------------


@transaction.atomic
def create_agency(code: str, name: str, kind: str, province: str, district: str) -> Agency:
    """A new agency (site admins); its admin is invited next."""
    from itaplan.agencies.services import upsert_agency

    code = code.strip()
    if Agency.objects.filter(code__iexact=code).exists():
        raise AdminError(gettext("รหัสหน่วยงาน: มี '%(code)s' อยู่แล้ว") % {"code": code}, "code")
    agency, _ = upsert_agency(code, name, kind, province, district)
    return agency


@transaction.atomic
def update_agency(agency: Agency, name: str, kind: str, province: str, district: str) -> Agency:
    """Change an agency's name, kind or place (its code stays: files and links use it)."""
    from itaplan.agencies.services import upsert_agency

    updated, _ = upsert_agency(agency.code, name, kind, province, district)
    return updated


@transaction.atomic
def grant_scope(
    email: str,
    province: object = None,
    district: object = None,
    *,
    first_name: str = "",
    last_name: str = "",
) -> SupervisorScope:
    """Let the person with this e-mail read a district, a province or every agency."""
    user = user_for_email(email, first_name, last_name)
    scope, created = SupervisorScope.objects.get_or_create(
        user=user, province=None if district else province, district=district
    )
    if not created:
        raise AdminError(
            gettext("อีเมล: '%(email)s' มีขอบเขตนี้อยู่แล้ว") % {"email": user.email}, "email"
        )  # type: ignore[attr-defined]
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return scope


@transaction.atomic
def remove_scope(scope: SupervisorScope) -> None:
    """End a supervisor's reading of a subtree; an account left with nothing is switched off."""
    user = scope.user
    scope.delete()
    if not _still_needed(user):
        user.is_active = False
        user.save(update_fields=["is_active"])
