"""An agency with one person in every role, an outsider, and the seed results."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from pytest_django.fixtures import Settings

from itaplan.agencies.models import Agency, District, Membership, Province, SupervisorScope, Unit
from itaplan.domain.tests.test_scoring import SEED_000, SEED_003, SEED_004_EIT, SEED_004_ITEMS
from itaplan.plans import services
from itaplan.plans.models import Plan
from itaplan.results.models import Result
from itaplan.results.services import save_result

PASSWORD = "correct-horse-battery"
UNIT_NAMES = ("สำนักปลัด", "กองคลัง", "กองช่าง")


@dataclass
class People:
    admin: AbstractBaseUser
    editor: AbstractBaseUser
    unit_member: AbstractBaseUser
    executive: AbstractBaseUser
    supervisor: AbstractBaseUser
    outsider: AbstractBaseUser


def make_user(username: str, **extra: str) -> AbstractBaseUser:
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    # Six people per test: the production hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agency(db: None) -> Agency:
    district = District.objects.create(
        province=Province.objects.create(name="ราชบุรี"), name="เมืองราชบุรี"
    )
    agency = Agency.objects.create(
        code="samruean", name="องค์การบริหารส่วนตำบลสามเรือน", district=district
    )
    for name in UNIT_NAMES:
        Unit.objects.create(agency=agency, name=name)
    return agency


@pytest.fixture
def other_agency(db: None) -> Agency:
    district = District.objects.create(
        province=Province.objects.create(name="หนองบัวลำภู"), name="ศรีบุญเรือง"
    )
    agency = Agency.objects.create(code="jomthong", name="เทศบาลตำบลจอมทอง", district=district)
    Unit.objects.create(agency=agency, name="กองคลัง")
    return agency


@pytest.fixture
def people(agency: Agency, other_agency: Agency) -> People:
    role = Membership.Role
    admin = make_user("admin")
    editor = make_user("editor")
    unit_member = make_user("unit")
    executive = make_user("mayor", first_name="สมชาย", last_name="ใจดี")
    supervisor = make_user("supervisor")
    outsider = make_user("outsider")
    Membership.objects.create(user=admin, agency=agency, role=role.ADMIN)
    Membership.objects.create(user=editor, agency=agency, role=role.EDITOR)
    Membership.objects.create(
        user=unit_member, agency=agency, role=role.UNIT_MEMBER, unit=agency.units.first()
    )
    Membership.objects.create(
        user=executive,
        agency=agency,
        role=role.EXECUTIVE,
        position="นายกองค์การบริหารส่วนตำบลสามเรือน",
    )
    SupervisorScope.objects.create(user=supervisor, district=agency.district)
    Membership.objects.create(user=outsider, agency=other_agency, role=role.ADMIN)
    return People(admin, editor, unit_member, executive, supervisor, outsider)


def save_seed_004(agency: Agency, user: AbstractBaseUser) -> Result:
    """Seed 004's FY2568 result as the agency printed it."""
    printed = {"total": 96.79, "level": "ผ่านดี", "IIT": 96.86, "EIT": 95.77, "OIT": 97.50}
    return save_result(
        agency, 2568, SEED_004_EIT, SEED_004_ITEMS, printed, "form", user, previous_total=96.01
    )


@pytest.fixture
def result_2568(agency: Agency, people: People) -> Result:
    return save_seed_004(agency, people.editor)


@pytest.fixture
def seed_000_result(agency: Agency, people: People) -> Result:
    return save_result(
        agency, 2564, SEED_000, {}, {"total": 62.09, "level": "D"}, "form", people.editor
    )


@pytest.fixture
def seed_003_result(agency: Agency, people: People) -> Result:
    return save_result(agency, 2565, SEED_003, {}, {}, "form", people.editor)


@pytest.fixture
def plan(agency: Agency, people: People, result_2568: Result) -> Plan:
    """The draft FY2569 plan answering seed 004's result."""
    return services.create_plan(agency, 2569, people.editor)
