"""Shared test fixtures: one agency with a person in every role, and an outsider.

``BaseTestCase`` follows healthchecks' pattern: ``self.owner`` (agency admin),
``self.member`` (editor) and ``self.outsider`` (admin of another agency), plus
the other roles the access rules must tell apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import TestCase

from itaplan.agencies.models import Agency, Membership, SupervisorScope
from itaplan.agencies.services import district_of, grant_role, upsert_user

SEEDS = Path(__file__).resolve().parents[1] / "demo" / "seeds"
PASSWORD = "test-password-1234"

#: FY2568 scores of seed 004 (อบต.สามเรือน), indicator 6 settled to 96.26.
INDICATORS_2568 = {
    1: 99.29,
    2: 99.05,
    3: 100.0,
    4: 89.05,
    5: 96.90,
    6: 96.26,
    7: 95.16,
    8: 95.90,
    9: 95.00,
    10: 100.0,
}


def seed_text(prefix: str) -> str:
    """The text of a demo seed document (``"004"``)."""
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def make_user(username: str, **extra: Any) -> AbstractUser:
    user, _ = upsert_user(username, email=f"{username}@example.org", password=PASSWORD, **extra)
    return user


def make_agency(
    code: str, name: str, province: str = "ราชบุรี", district: str = "เมืองราชบุรี"
) -> Agency:
    return Agency.objects.create(
        code=code, name=name, kind=Agency.Kind.SAO, district=district_of(province, district)
    )


class BaseTestCase(TestCase):
    """An agency (``self.agency``) with an owner, a member, every other role, and an outsider."""

    owner: AbstractUser
    member: AbstractUser
    executive: AbstractUser
    unit_member: AbstractUser
    supervisor: AbstractUser
    siteadmin: AbstractUser
    outsider: AbstractUser
    agency: Agency
    other_agency: Agency

    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
        cls.other_agency = make_agency(
            "jomthong", "เทศบาลตำบลจอมทอง", province="หนองบัวลำภู", district="ศรีบุญเรือง"
        )
        cls.owner = make_user("alice")
        grant_role(cls.owner, cls.agency, Membership.Role.ADMIN)
        cls.member = make_user("bob")
        grant_role(cls.member, cls.agency, Membership.Role.EDITOR)
        cls.executive = make_user("chief")
        grant_role(cls.executive, cls.agency, Membership.Role.EXECUTIVE)
        cls.unit_member = make_user("finance")
        grant_role(cls.unit_member, cls.agency, Membership.Role.UNIT_MEMBER, "กองคลัง")
        cls.supervisor = make_user("watcher")
        SupervisorScope.objects.create(user=cls.supervisor, province=cls.agency.district.province)
        cls.siteadmin = make_user("root", superuser=True)
        cls.outsider = make_user("charlie")
        grant_role(cls.outsider, cls.other_agency, Membership.Role.ADMIN)

    def login(self, user: AbstractUser) -> None:
        self.client.force_login(user)

    def url(self, name: str, **kwargs: Any) -> str:
        from django.urls import reverse

        kwargs.setdefault("code", self.agency.code)
        return reverse(name, kwargs=kwargs)


def user_count() -> int:
    return get_user_model().objects.count()


HEADER = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ปีงบประมาณ"] + [f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]


def sheet_row(
    code: str = "samruean", name: str = "", year: Any = 2568, **changes: Any
) -> list[Any]:
    """A data row with seed 004's indicators; ``changes`` as ``i4="1O5"`` replaces indicator 4."""
    scores: list[Any] = [INDICATORS_2568[n] for n in range(1, 11)]
    for key, value in changes.items():
        scores[int(key.removeprefix("i")) - 1] = value
    return [code, name, year, *scores]


def xlsx_bytes(*rows: list[Any], extra_sheets: int = 0, header: list[str] | None = None) -> bytes:
    """An XLSX workbook with the header and rows on its first sheet."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการประเมิน"
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    for n in range(extra_sheets):
        book.create_sheet(f"แผ่นที่ {n + 2}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(*rows: list[Any], encoding: str = "utf-8", header: list[str] | None = None) -> bytes:
    """A CSV file with the header and rows, in the given encoding (``"utf-8-sig"``, ``"cp874"``)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def job_result(client: Any, response: Any) -> Any:
    """The result file of the job a view queued and redirected to (jobs run inside tests)."""
    from django.urls import resolve, reverse

    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.view_name == "jobs:detail", response["Location"]
    from django.http import HttpResponse

    download = client.get(reverse("jobs:download", args=[match.kwargs["job_id"]]))
    if download.status_code != 200:
        return download
    # A plain response with the file's bytes, headers kept, so tests read ``.content``.
    whole = HttpResponse(b"".join(download.streaming_content), status=200)
    for header, value in download.items():
        whole[header] = value
    return whole
