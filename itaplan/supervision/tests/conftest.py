"""A small country for the supervision tests: two provinces, people with every kind of access.

จ.เหนือ has two districts (เมืองเหนือ, ดอย); จ.ใต้ has one (ทะเล). Each agency has a
FY2568 result (most also FY2567) and some have a plan for FY2569.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from itaplan.agencies.models import Agency, District, Membership, Province, SupervisorScope
from itaplan.domain.criteria import load
from itaplan.domain.scoring import assess
from itaplan.plans.models import Plan
from itaplan.results.models import IndicatorScore, Result

YEAR = 2568


def scores(iit: float, eit: float, oit: float, **overrides: float) -> dict[int, float]:
    """Ten indicator scores: each tool's indicators at one value, some overridden (``i9=11.58``)."""
    values = {n: iit for n in range(1, 6)} | {n: eit for n in (6, 7, 8)} | {9: oit, 10: oit}
    for key, value in overrides.items():
        values[int(key.lstrip("i"))] = value
    return values


def make_result(agency: Agency, year: int, values: dict[int, float]) -> Result:
    """A current result with its cached totals computed by the engine."""
    assessment = assess(load(year), values)
    result = Result.objects.create(
        agency=agency,
        fiscal_year=year,
        source=Result.Source.FORM,
        computed_total=assessment.total,
        computed_level=assessment.level or "",
        computed_iit=assessment.tools["IIT"],
        computed_eit=assessment.tools["EIT"],
        computed_oit=assessment.tools["OIT"],
    )
    IndicatorScore.objects.bulk_create(
        IndicatorScore(result=result, number=n, score=s) for n, s in values.items()
    )
    return result


def make_plan(agency: Agency, year: int, status: str) -> Plan:
    approved = status == Plan.Status.APPROVED
    return Plan.objects.create(
        agency=agency,
        fiscal_year=year,
        status=status,
        approver_name="นายทดสอบ ผู้บริหาร" if approved else "",
        approved_at=dt.date(2025, 12, 1) if approved else None,
    )


@dataclass
class Country:
    north: Province
    south: Province
    town: District
    hills: District
    sea: District
    # จ.เหนือ
    alpha: Agency  # อบต., เมืองเหนือ: 2568 all 100 (maintain everywhere), 2567 95
    bravo: Agency  # ทต., เมืองเหนือ: 2568 OIT tail (9 = 11.58, 10 = 31.25), fails
    charlie: Agency  # อบต., ดอย: 2568 in between, 2567 90
    delta: Agency  # อบต., ดอย: no result for 2568
    # จ.ใต้
    echo: Agency  # ทม., ทะเล: 2568 best of the south but 84.99 in indicator 7
    foxtrot: Agency  # อบต., ทะเล: 2568 low everywhere

    @property
    def northern(self) -> list[Agency]:
        return [self.alpha, self.bravo, self.charlie, self.delta]

    @property
    def southern(self) -> list[Agency]:
        return [self.echo, self.foxtrot]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Dashboard figures are cached by data version; SQLite reuses ids between tests."""
    cache.clear()


def build_country() -> Country:
    """Create the test country (see the module docstring)."""
    north = Province.objects.create(name="เหนือ")
    south = Province.objects.create(name="ใต้")
    town = District.objects.create(province=north, name="เมืองเหนือ")
    hills = District.objects.create(province=north, name="ดอย")
    sea = District.objects.create(province=south, name="ทะเล")

    def agency(code: str, name: str, kind: str, district: District) -> Agency:
        return Agency.objects.create(code=code, name=name, kind=kind, district=district)

    c = Country(
        north=north,
        south=south,
        town=town,
        hills=hills,
        sea=sea,
        alpha=agency("N-A", "อบต.อัลฟา", Agency.Kind.SAO, town),
        bravo=agency("N-B", "ทต.บราโว", Agency.Kind.SUBDISTRICT_MUNICIPALITY, town),
        charlie=agency("N-C", "อบต.ชาร์ลี", Agency.Kind.SAO, hills),
        delta=agency("N-D", "อบต.เดลตา", Agency.Kind.SAO, hills),
        echo=agency("S-E", "ทม.เอคโค", Agency.Kind.TOWN_MUNICIPALITY, sea),
        foxtrot=agency("S-F", "อบต.ฟ็อกซ์ทรอต", Agency.Kind.SAO, sea),
    )
    make_result(c.alpha, YEAR, scores(100, 100, 100))
    make_result(c.alpha, YEAR - 1, scores(95, 95, 95))
    make_result(c.bravo, YEAR, scores(96, 94, 100, i9=11.58, i10=31.25))
    make_result(c.charlie, YEAR, scores(90, 88, 92))
    make_result(c.charlie, YEAR - 1, scores(90, 90, 90))
    make_result(c.delta, YEAR - 1, scores(80, 80, 80))
    make_result(c.echo, YEAR, scores(99, 99, 100, i7=84.99))
    make_result(c.foxtrot, YEAR, scores(70, 72, 60))
    make_plan(c.alpha, YEAR + 1, Plan.Status.APPROVED)
    make_plan(c.bravo, YEAR + 1, Plan.Status.DRAFT)
    make_plan(c.echo, YEAR + 1, Plan.Status.SUBMITTED)
    return c


@pytest.fixture
def country(db: None) -> Country:
    return build_country()


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, **fields: object) -> User:
        return User.objects.create_user(username, password="pw-" + username, **fields)

    return make


@pytest.fixture
def national(make_user: Callable[..., User]) -> User:
    user = make_user("national")
    SupervisorScope.objects.create(user=user)
    return user


@pytest.fixture
def northern(make_user: Callable[..., User], country: Country) -> User:
    """Supervises จ.เหนือ."""
    user = make_user("northern")
    SupervisorScope.objects.create(user=user, province=country.north)
    return user


@pytest.fixture
def hills_supervisor(make_user: Callable[..., User], country: Country) -> User:
    """Supervises อ.ดอย only."""
    user = make_user("hills")
    SupervisorScope.objects.create(user=user, district=country.hills)
    return user


@pytest.fixture
def member(make_user: Callable[..., User], country: Country) -> User:
    """An agency admin of อบต.อัลฟา, no scope."""
    user = make_user("member")
    Membership.objects.create(user=user, agency=country.alpha, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def outsider(make_user: Callable[..., User]) -> User:
    return make_user("outsider")


@pytest.fixture
def site_admin(make_user: Callable[..., User]) -> User:
    return make_user("root", is_superuser=True, is_staff=True)
