"""The agency pages and the plan page run a fixed number of queries, however much they show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itaplan.agencies.models import Membership, Unit
from itaplan.agencies.services import grant_role
from itaplan.domain.tests.test_scoring import SEED_000, SEED_003
from itaplan.lib.testing import PASSWORD, make_agency, make_user
from itaplan.plans import services as plans
from itaplan.plans.tests.conftest import UNIT_NAMES, save_seed_004
from itaplan.results.services import save_result

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def agency_with_editor() -> tuple[Any, Any, Client]:
    agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
    for name in UNIT_NAMES:
        Unit.objects.create(agency=agency, name=name)
    editor = make_user("nitikan")
    grant_role(editor, agency, Membership.Role.EDITOR)
    client = Client()
    assert client.login(username="nitikan", password=PASSWORD)
    return agency, editor, client


def test_the_results_list_does_not_grow_with_the_years(agency_with_editor: Any) -> None:
    agency, editor, client = agency_with_editor
    url = reverse("results:list", args=[agency.code])
    save_result(agency, 2564, SEED_000, None, None, "form", editor)
    one_year = _queries(client, url)
    save_result(agency, 2565, SEED_003, None, None, "form", editor)
    save_seed_004(agency, editor)
    assert _queries(client, url) == one_year


def test_the_result_page_does_not_grow_with_the_items(agency_with_editor: Any) -> None:
    agency, editor, client = agency_with_editor
    save_result(agency, 2564, SEED_000, None, None, "form", editor)
    without_items = _queries(client, reverse("results:detail", args=[agency.code, 2564]))
    save_seed_004(agency, editor)  # 52 items
    with_items = _queries(client, reverse("results:detail", args=[agency.code, 2568]))
    assert with_items <= without_items + 2  # the items' own query and the previous versions'


def test_the_plan_page_does_not_grow_with_the_measures(agency_with_editor: Any) -> None:
    agency, editor, client = agency_with_editor
    result = save_seed_004(agency, editor)
    plan = plans.create_plan(agency, 2569, editor, result=result)
    units = list(agency.units.all())

    def add(n: int) -> None:
        plans.add_measure(
            plan,
            editor,
            plans.MeasureData(
                title=f"มาตรการที่ {n}",
                steps=["ขั้นที่หนึ่ง", "ขั้นที่สอง", "ขั้นที่สาม"],
                start_date=dt.date(2025, 10, 1),
                end_date=dt.date(2026, 9, 30),
                units=units[: 1 + n % len(units)],
                indicator=4,
            ),
        )

    url = reverse("plans:detail", args=[agency.code, plan.pk])
    add(1)
    one_measure = _queries(client, url)
    for n in range(2, 12):
        add(n)
    assert _queries(client, url) == one_measure
