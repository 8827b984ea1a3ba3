"""Every plan URL against every kind of person: who reads, who writes, who approves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaplan.plans import services
from itaplan.plans.models import Plan
from itaplan.plans.tests.test_measures import measure_data
from itaplan.plans.urls import urlpatterns

pytestmark = pytest.mark.django_db

READ = {"list", "analysis", "detail"}
WRITE = {
    "create",
    "import_measures",
    "submit",
    "new_version",
    "next_year",
    "suggestion_add",
    "measure_new",
    "measure_edit",
    "measure_move",
    "measure_remove",
}
APPROVE = {"approve", "send_back"}
WITHDRAW = {"withdraw"}
ALL = READ | WRITE | APPROVE | WITHDRAW
#: Pages that also answer GET; every other write URL takes POST only.
FORMS = {"next_year", "measure_new", "measure_edit", "approve", "send_back"}


def methods(name: str) -> list[str]:
    if name in READ:
        return ["get"]
    return ["get", "post"] if name in FORMS else ["post"]


def test_every_url_pattern_is_covered_by_these_tests():
    assert {p.name for p in urlpatterns} == ALL


@pytest.fixture
def urls(plan, people) -> dict[str, str]:
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    code, p, m = plan.agency.code, plan.pk, measure.pk
    args = {
        "list": [code],
        "create": [code],
        "import_measures": [code],
        "analysis": [code, 2568],
        "measure_edit": [code, p, m],
        "measure_move": [code, p, m],
        "measure_remove": [code, p, m],
    }
    return {name: reverse(f"plans:{name}", args=args.get(name, [code, p])) for name in ALL}


def snapshot(plan: Plan) -> tuple:
    plan.refresh_from_db()
    return (
        plan.status,
        Plan.objects.count(),
        list(plan.measures.values_list("pk", "title", "order")),
    )


@pytest.mark.parametrize("name", sorted(ALL))
def test_it_sends_an_anonymous_visitor_to_log_in(client, urls, name):
    response = client.get(urls[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(ALL))
def test_an_outsider_gets_404_on_every_page(client, people, urls, name):
    client.force_login(people.outsider)
    for method in methods(name):
        assert getattr(client, method)(urls[name]).status_code == 404
    # An agency code that does not exist looks the same.
    missing = urls[name].replace("/samruean/", "/nowhere/")
    assert getattr(client, methods(name)[0])(missing).status_code == 404


@pytest.mark.parametrize("name", sorted(READ))
@pytest.mark.parametrize("role", ["admin", "editor", "unit_member", "executive", "supervisor"])
def test_members_and_supervisors_read_the_plan_pages(client, people, urls, name, role):
    client.force_login(getattr(people, role))
    assert client.get(urls[name]).status_code == 200


@pytest.mark.parametrize("name", sorted(WRITE | APPROVE))
@pytest.mark.parametrize("role", ["unit_member", "supervisor"])
def test_unit_members_and_supervisors_cannot_post(client, people, plan, urls, name, role):
    before = snapshot(plan)
    client.force_login(getattr(people, role))
    assert client.post(urls[name], {"fiscal_year": 2570, "direction": "up"}).status_code == 403
    assert snapshot(plan) == before


@pytest.mark.parametrize("role", ["unit_member", "supervisor"])
def test_unit_members_and_supervisors_cannot_withdraw(client, people, plan, urls, role):
    services.submit(plan, people.editor)
    client.force_login(getattr(people, role))
    assert client.post(urls["withdraw"]).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


@pytest.mark.parametrize("name", ["measure_new", "measure_edit", "next_year"])
@pytest.mark.parametrize("role", ["unit_member", "supervisor", "executive"])
def test_write_forms_are_forbidden_to_readers(client, people, urls, name, role):
    client.force_login(getattr(people, role))
    assert client.get(urls[name]).status_code == 403


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_an_editor_or_admin_cannot_send_back(client, people, plan, urls, role):
    services.submit(plan, people.editor)
    client.force_login(getattr(people, role))
    response = client.post(urls["send_back"], {"reason": "แก้ไข"})
    assert response.status_code == 403
    assert "ผู้บริหาร" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


def test_the_executive_cannot_withdraw_without_a_reason(client, people, plan, urls):
    services.submit(plan, people.editor)
    client.force_login(people.executive)
    assert client.post(urls["withdraw"]).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_an_editor_or_admin_cannot_approve(client, people, plan, urls, role):
    services.submit(plan, people.editor)
    client.force_login(getattr(people, role))
    assert client.get(urls["approve"]).status_code == 403
    data = {"approver_name": "x", "approver_position": "y", "approved_at": "20/10/2568"}
    assert client.post(urls["approve"], data).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


@pytest.mark.parametrize("name", sorted(WRITE))
def test_the_executive_cannot_edit_the_plan(client, people, plan, urls, name):
    before = snapshot(plan)
    client.force_login(people.executive)
    assert client.post(urls[name], {"fiscal_year": 2570}).status_code == 403
    assert snapshot(plan) == before


def test_a_plan_of_another_agency_is_not_found_under_this_agencys_code(
    client, people, plan, other_agency
):
    theirs = services.create_plan(other_agency, 2569, people.outsider)
    client.force_login(people.editor)
    assert (
        client.get(reverse("plans:detail", args=[plan.agency.code, theirs.pk])).status_code == 404
    )
    url = reverse("plans:submit", args=[plan.agency.code, theirs.pk])
    assert client.post(url).status_code == 404
