"""Who may open the supervision pages, and that a supervisor never sees outside the subtree."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from itaplan.lib.testing import job_result
from itaplan.plans.models import Measure
from itaplan.supervision.tests.conftest import YEAR, Country

DASHBOARD = reverse("supervision:dashboard")
EXPORT = reverse("supervision:export")


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def export_codes(client: Client, query: str = "") -> list[str]:
    response = job_result(client, client.get(EXPORT + query))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]


def table_codes(client: Client, query: str = "") -> set[str]:
    response = client.get(DASHBOARD + query)
    assert response.status_code == 200
    return {row.agency.code for row in response.context["board"].rows}


@pytest.mark.parametrize("url", [DASHBOARD, EXPORT])
def test_it_sends_anonymous_users_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["member", "outsider"])
@pytest.mark.parametrize("url", [DASHBOARD, EXPORT])
def test_it_does_not_exist_for_users_without_a_scope(
    request: pytest.FixtureRequest, who: str, url: str
) -> None:
    user = request.getfixturevalue(who)
    assert logged_in(user).get(url).status_code == 404


def test_site_admin_sees_every_agency(site_admin: User, country: Country) -> None:
    client = logged_in(site_admin)
    assert table_codes(client) == {a.code for a in country.northern + country.southern}


def test_national_supervisor_sees_every_agency(national: User, country: Country) -> None:
    client = logged_in(national)
    assert table_codes(client) == {a.code for a in country.northern + country.southern}
    assert client.get(DASHBOARD).context["board"].summary.agencies == 6


def test_provincial_supervisor_sees_only_its_province(northern: User, country: Country) -> None:
    client = logged_in(northern)
    response = client.get(DASHBOARD)
    board = response.context["board"]
    assert {r.agency.code for r in board.rows} == {a.code for a in country.northern}
    assert board.summary.agencies == 4
    assert board.summary.with_result == 3
    assert sum(s.count for s in board.levels) == 3
    assert sum(s.count for s in board.plans) == 4
    assert sum(stat.scored for stat in board.indicators) == 30
    body = response.content.decode()
    for agency in country.southern:
        assert agency.name not in body
    assert country.south.name not in body
    assert sorted(export_codes(client)) == sorted(a.code for a in country.northern)


def test_district_supervisor_sees_only_its_district(
    hills_supervisor: User, country: Country
) -> None:
    client = logged_in(hills_supervisor)
    assert table_codes(client) == {country.charlie.code, country.delta.code}
    assert sorted(export_codes(client)) == [country.charlie.code, country.delta.code]


@pytest.mark.parametrize("param", ["province", "district"])
def test_asking_for_another_province_shows_nothing_of_it(
    northern: User, country: Country, param: str
) -> None:
    client = logged_in(northern)
    other = country.south.pk if param == "province" else country.sea.pk
    query = f"?{param}={other}&year={YEAR}"
    assert table_codes(client, query) == {a.code for a in country.northern}
    assert client.get(DASHBOARD + query).context["board"].summary.agencies == 4
    assert sorted(export_codes(client, query)) == sorted(a.code for a in country.northern)


@pytest.mark.parametrize("url", [DASHBOARD, EXPORT])
def test_the_supervision_pages_refuse_post(northern: User, url: str) -> None:
    assert logged_in(northern).post(url).status_code == 405


def _agency_routes() -> list[tuple[str, URLPattern]]:
    """Every named URL that acts on one agency (``agency/<code>/…``), with its full name."""
    found = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name and "code" in pattern.pattern.regex.groupindex:
                found.append((namespace + pattern.name, pattern))

    walk(get_resolver().url_patterns, "")
    return found


def test_a_supervisor_cannot_post_to_any_page_of_a_supervised_agency(
    northern: User, country: Country
) -> None:
    plan = country.alpha.plans.get()
    measure = Measure.objects.create(
        plan=plan, title="ทดสอบ", start_date="2025-10-01", end_date="2026-09-30"
    )
    values = {
        "code": country.alpha.code,
        "year": YEAR,
        "version": 1,
        "plan_id": plan.pk,
        "measure_id": measure.pk,
        "fmt": "xlsx",
    }
    client = logged_in(northern)
    routes = _agency_routes()
    assert len(routes) > 5  # the walk found the agency pages
    for name, pattern in routes:
        kwargs = {k: values.get(k, 1) for k in pattern.pattern.regex.groupindex}
        url = reverse(name, kwargs=kwargs)
        status = client.post(url, {"title": "x", "replace": "1"}).status_code
        assert status in (403, 404, 405), f"POST {url} gave {status}"
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert list(plan.measures.values_list("title", flat=True)) == ["ทดสอบ"]
