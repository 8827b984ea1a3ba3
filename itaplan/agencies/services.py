"""Creating agencies and people (used by the management commands and the demo)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from itaplan.agencies.models import Agency, District, Membership, Province, SupervisorScope, Unit

#: Words people type for an agency's kind, besides the stored values.
KIND_WORDS = {
    "อบต.": Agency.Kind.SAO,
    "อบต": Agency.Kind.SAO,
    "องค์การบริหารส่วนตำบล": Agency.Kind.SAO,
    "ทต.": Agency.Kind.SUBDISTRICT_MUNICIPALITY,
    "เทศบาลตำบล": Agency.Kind.SUBDISTRICT_MUNICIPALITY,
    "ทม.": Agency.Kind.TOWN_MUNICIPALITY,
    "เทศบาลเมือง": Agency.Kind.TOWN_MUNICIPALITY,
    "ทน.": Agency.Kind.CITY_MUNICIPALITY,
    "เทศบาลนคร": Agency.Kind.CITY_MUNICIPALITY,
    "อบจ.": Agency.Kind.PAO,
    "องค์การบริหารส่วนจังหวัด": Agency.Kind.PAO,
}


def agency_kind(text: str) -> str:
    """The stored kind for ``sao`` or a Thai word such as ``อบต.``; ``ValueError`` if unknown."""
    value = text.strip()
    if value in Agency.Kind.values:
        return value
    if value in KIND_WORDS:
        return str(KIND_WORDS[value])
    known = ", ".join([*Agency.Kind.values, *KIND_WORDS])
    raise ValueError(f"ไม่รู้จักประเภทหน่วยงาน '{text}' (ใช้ได้: {known})")


def district_of(province: str, district: str) -> District:
    """The district, created with its province when new."""
    prov, _ = Province.objects.get_or_create(name=province.strip())
    found, _ = District.objects.get_or_create(province=prov, name=district.strip())
    return found


@transaction.atomic
def upsert_agency(
    code: str, name: str, kind: str, province: str, district: str
) -> tuple[Agency, bool]:
    """Create the agency with this code, or update it; returns (agency, created)."""
    agency, created = Agency.objects.update_or_create(
        code=code.strip(),
        defaults={
            "name": " ".join(name.split()),
            "kind": agency_kind(kind),
            "district": district_of(province, district),
        },
    )
    return agency, created


@transaction.atomic
def upsert_user(
    username: str,
    *,
    email: str = "",
    password: str | None = None,
    superuser: bool = False,
) -> tuple[AbstractUser, bool]:
    """Create the user or update e-mail, password and site-admin flag; returns (user, created)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if email:
        user.email = email
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    if superuser:
        user.is_superuser = True
        user.is_staff = True
    user.save()
    return user, created


@transaction.atomic
def grant_role(
    user: AbstractUser, agency: Agency, role: str, unit_name: str | None = None
) -> Membership:
    """Give the user one role in the agency (replacing any previous role there)."""
    if role not in Membership.Role.values:
        raise ValueError(f"ไม่รู้จักบทบาท '{role}' (ใช้ได้: {', '.join(Membership.Role.values)})")
    unit = None
    if unit_name:
        unit, _ = Unit.objects.get_or_create(agency=agency, name=unit_name.strip())
    elif role == Membership.Role.UNIT_MEMBER:
        raise ValueError("บทบาท unit ต้องระบุกอง/สำนัก (--unit)")
    membership, _ = Membership.objects.update_or_create(
        user=user, agency=agency, defaults={"role": role, "unit": unit}
    )
    return membership


@transaction.atomic
def grant_supervision(
    user: AbstractUser, *, province: str | None = None, district: str | None = None
) -> SupervisorScope:
    """Let the user read a province, a district (``"อำเภอ/จังหวัด"`` or a unique name) or everything."""
    if district:
        if "/" in district:
            name, prov = (part.strip() for part in district.split("/", 1))
            matches = District.objects.filter(name=name, province__name=prov)
        else:
            matches = District.objects.filter(name=district.strip())
        if matches.count() != 1:
            raise ValueError(f"ไม่พบอำเภอ '{district}' หรือพบหลายแห่ง (ระบุเป็น 'อำเภอ/จังหวัด')")
        scope, _ = SupervisorScope.objects.get_or_create(user=user, district=matches.get())
        return scope
    if province:
        try:
            prov_obj = Province.objects.get(name=province.strip())
        except Province.DoesNotExist:
            raise ValueError(f"ไม่พบจังหวัด '{province}'") from None
        scope, _ = SupervisorScope.objects.get_or_create(user=user, province=prov_obj)
        return scope
    scope, _ = SupervisorScope.objects.get_or_create(user=user, province=None, district=None)
    return scope
