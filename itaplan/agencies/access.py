"""Who may read and who may change an agency's data.

Every view that touches an agency goes through :func:`get_agency_for_user`, so the
rule lives in one place:

- an agency the user cannot see does not exist for them: **404** (an outsider
  cannot even learn that the code is taken);
- an agency the user can see but may not change (a supervisor, an executive, a
  unit member): **403** on every page that writes, GET or POST alike;
- site admins (``is_superuser``) read and write everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from itaplan.agencies.models import Agency, Membership

User = AbstractBaseUser | AnonymousUser


def _has_role(user: User, agency: Agency, roles: list[str]) -> bool:
    """A site admin, or an active member of the agency in one of ``roles``."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.active().filter(user=user, agency=agency, role__in=roles).exists()


def can_write(user: User, agency: Agency) -> bool:
    """Whether the user may enter and replace the agency's results (admin or editor)."""
    return _has_role(user, agency, [Membership.Role.ADMIN, Membership.Role.EDITOR])


def get_agency_for_user(request: HttpRequest, code: str, *, write: bool = False) -> Agency:
    """The agency with this code if the user may read it (and, with ``write``, change it).

    Raises ``Http404`` when the user may not see it and ``PermissionDenied`` when
    they may see it but ``write`` is asked and they may not change it.
    """
    try:
        agency = (
            Agency.objects.visible_to(request.user)
            .select_related("district__province")
            .get(code=code)
        )
    except Agency.DoesNotExist:
        raise Http404(gettext("ไม่พบหน่วยงาน")) from None
    if write and not can_write(request.user, agency):
        raise PermissionDenied(gettext("ไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้"))
    return agency


def require_site_admin(request: HttpRequest) -> None:
    """Pages for site admins only (bulk import across agencies): 404 for everyone else."""
    if not (request.user.is_authenticated and request.user.is_superuser):
        raise Http404(gettext("ไม่พบหน้านี้"))


def is_agency_admin(user: User, agency: Agency) -> bool:
    """Whether the user runs the agency's units, people and profile (or is a site admin)."""
    return _has_role(user, agency, [Membership.Role.ADMIN])


def get_agency_for_admin(request: HttpRequest, code: str) -> Agency:
    """The agency for its administration pages: 404 for outsiders, 403 with the reason for others."""
    agency = get_agency_for_user(request, code)
    if not is_agency_admin(request.user, agency):
        raise PermissionDenied(
            gettext(
                "หน้านี้สำหรับผู้ดูแลหน่วยงานของ%(name)sเท่านั้น หากต้องการเพิ่มกอง/สำนักหรือบุคลากร กรุณาติดต่อผู้ดูแลหน่วยงาน"
            )
            % {"name": agency.name}
        )
    return agency
