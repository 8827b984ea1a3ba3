"""The dashboard's figures, filters, sorting, paging and query count."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from itaplan.agencies.models import Agency, SupervisorScope
from itaplan.lib.testing import job_result
from itaplan.plans.models import Measure
from itaplan.plans.selectors import analyse_result
from itaplan.progress import selectors as progress_selectors
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.supervision.selectors import PAGE_SIZE, Dashboard, Progress
from itaplan.supervision.tests.conftest import YEAR, Country, make_result, scores

DASHBOARD = reverse("supervision:dashboard")
#: Session, user, scopes, default year, data version, six for the subtree's figures
#: (counts, levels, indicators, plans, progress, totals), four for the table page (its
#: agencies, their figures, scores, progress), the province and district lists and
#: the menu's "is a supervisor" and "approves anything" checks: whatever the number of
#: agencies.
MAX_QUERIES = 19


@pytest.fixture
def client_north(northern: User) -> Client:
    client = Client()
    client.force_login(northern)
    return client


@pytest.fixture
def client_all(national: User, country: Country) -> Client:
    client = Client()
    client.force_login(national)
    return client


def board(client: Client, query: str = "") -> Dashboard:
    response = client.get(DASHBOARD + query)
    assert response.status_code == 200
    return response.context["board"]


def names(client: Client, query: str = "") -> list[str]:
    return [row.agency.name for row in board(client, query).rows]


# --- figures ------------------------------------------------------------------------


def test_it_shows_the_latest_year_with_results_by_default(client_north: Client) -> None:
    assert board(client_north).year == YEAR


def test_it_counts_agencies_results_and_passes(client_north: Client) -> None:
    s = board(client_north).summary
    assert (s.agencies, s.with_result, s.without_result, s.passed) == (4, 3, 1, 2)
    assert s.pass_rate == pytest.approx(200 / 3)
    assert s.mean_total == pytest.approx((100 + 65.566 + 90.2) / 3)


def test_it_compares_the_mean_total_with_the_year_before(client_north: Client) -> None:
    s = board(client_north).summary
    assert s.previous_mean_total == pytest.approx((95 + 90 + 80) / 3)
    assert s.mean_change == pytest.approx((100 + 65.566 + 90.2) / 3 - (95 + 90 + 80) / 3)


def test_it_distributes_results_over_the_levels_of_the_year(client_all: Client) -> None:
    levels = {share.label: share.count for share in board(client_all).levels}
    assert levels == {
        "ผ่านดีเยี่ยม": 1,  # อัลฟา
        "ผ่านดี": 2,  # ชาร์ลี, เอคโค (EIT 94.33 is below 95)
        "ผ่าน": 0,
        "ต้องปรับปรุง": 0,
        "ต้องปรับปรุงโดยด่วน": 2,  # บราโว, ฟ็อกซ์ทรอต
    }


def test_it_lists_the_indicators_most_often_urgent(client_all: Client) -> None:
    urgent = {stat.number: stat.urgent for stat in board(client_all).urgent}
    # ฟ็อกซ์ทรอต is urgent everywhere, บราโว in 9 and 10, เอคโค in 7 (84.99).
    assert urgent[9] == urgent[10] == 2
    assert urgent[7] == 2
    assert urgent[1] == 1
    assert list(urgent)[:3] == [7, 9, 10]  # ties by indicator number


def test_a_score_of_85_is_not_urgent_and_100_is_kept(client_all: Client) -> None:
    stats = {stat.number: stat for stat in board(client_all).indicators}
    assert stats[7].counts == {"urgent": 2, "improve": 2, "maintain": 1}


def test_it_counts_plan_statuses_of_the_next_year(client_north: Client) -> None:
    b = board(client_north)
    assert b.plan_year == YEAR + 1
    assert {s.key: s.count for s in b.plans} == {
        "none": 2,
        "draft": 1,
        "submitted": 0,
        "approved": 1,
    }


def test_heat_cells_follow_the_classes_of_the_year(client_all: Client) -> None:
    html = client_all.get(DASHBOARD + "?sort=name").content.decode()
    assert '<td class="num heat-urgent">11.58</td>' in html
    assert '<td class="num heat-urgent">84.99</td>' in html
    assert '<td class="num heat-improve">99.00</td>' in html
    assert '<td class="num heat-maintain">100.00</td>' in html


def test_it_marks_agencies_without_a_result(client_north: Client, country: Country) -> None:
    html = client_north.get(DASHBOARD).content.decode()
    assert f"ยังไม่มีผลปี {YEAR}" in html
    [delta] = [r for r in board(client_north).rows if r.agency == country.delta]
    assert (delta.total.value, delta.rank, delta.plan_status) == (None, None, "none")


def test_it_links_each_agency_to_its_pages(client_north: Client, country: Country) -> None:
    html = client_north.get(DASHBOARD).content.decode()
    assert reverse("results:detail", args=[country.alpha.code, YEAR]) in html
    assert reverse("results:list", args=[country.delta.code]) in html
    plan = country.alpha.plans.get()
    assert reverse("plans:detail", args=[country.alpha.code, plan.pk]) in html


# --- filters and sorting ----------------------------------------------------------------


def test_it_ranks_by_total_best_first_and_agencies_without_results_last(
    client_north: Client,
) -> None:
    rows = board(client_north).rows
    assert [r.agency.name for r in rows] == ["อบต.อัลฟา", "อบต.ชาร์ลี", "ทต.บราโว", "อบต.เดลตา"]
    assert [r.rank for r in rows] == [1, 2, 3, None]


def test_it_sorts_by_total_worst_first(client_north: Client) -> None:
    assert names(client_north, "?sort=total") == [
        "ทต.บราโว",
        "อบต.ชาร์ลี",
        "อบต.อัลฟา",
        "อบต.เดลตา",
    ]


def test_it_sorts_by_name_both_ways(client_north: Client) -> None:
    ascending = names(client_north, "?sort=name")
    assert ascending == sorted(ascending)
    assert names(client_north, "?sort=-name") == list(reversed(ascending))


def test_it_sorts_by_any_indicator(client_all: Client) -> None:
    assert names(client_all, "?sort=i7")[:2] == ["อบต.ฟ็อกซ์ทรอต", "ทม.เอคโค"]
    assert names(client_all, "?sort=-i9")[0] in ("อบต.อัลฟา", "ทม.เอคโค")
    assert names(client_all, "?sort=i9")[0] == "ทต.บราโว"
    assert names(client_all, "?sort=i9")[-1] == "อบต.เดลตา"


def test_it_sorts_by_change_from_last_year(client_north: Client) -> None:
    rows = board(client_north, "?sort=-change").rows
    assert [r.agency.name for r in rows][:2] == ["อบต.อัลฟา", "อบต.ชาร์ลี"]
    assert rows[0].change == pytest.approx(5)


def test_it_ignores_an_unknown_sort(client_north: Client) -> None:
    assert names(client_north, "?sort=password") == names(client_north)
    assert names(client_north, "?sort=i99") == names(client_north, "?sort=name")


def test_it_filters_by_kind(client_all: Client) -> None:
    assert set(names(client_all, "?kind=sao")) == {
        "อบต.อัลฟา",
        "อบต.ชาร์ลี",
        "อบต.เดลตา",
        "อบต.ฟ็อกซ์ทรอต",
    }
    assert board(client_all, "?kind=sao").summary.agencies == 4


def test_it_filters_by_district(client_north: Client, country: Country) -> None:
    b = board(client_north, f"?district={country.hills.pk}")
    assert {r.agency.name for r in b.rows} == {"อบต.ชาร์ลี", "อบต.เดลตา"}
    assert (b.summary.agencies, b.summary.with_result) == (2, 1)


def test_it_filters_by_province(client_all: Client, country: Country) -> None:
    assert set(names(client_all, f"?province={country.south.pk}")) == {
        "ทม.เอคโค",
        "อบต.ฟ็อกซ์ทรอต",
    }


def test_it_shows_another_year(client_north: Client) -> None:
    b = board(client_north, f"?year={YEAR - 1}")
    assert b.year == YEAR - 1
    assert b.summary.with_result == 3
    assert b.summary.previous_mean_total is None


def test_it_falls_back_to_the_latest_year_for_a_year_without_criteria(
    client_north: Client,
) -> None:
    assert board(client_north, "?year=1999").year == YEAR


def test_filters_survive_sorting_and_paging_links(client_north: Client, country: Country) -> None:
    html = client_north.get(DASHBOARD + f"?district={country.hills.pk}&kind=sao").content.decode()
    assert f"district={country.hills.pk}&amp;kind=sao&amp;sort=name" in html


# --- paging and queries -----------------------------------------------------------------


def _many_agencies(country: Country, count: int) -> None:
    agencies = Agency.objects.bulk_create(
        Agency(code=f"M-{i:03d}", name=f"อบต.ที่ {i:03d}", district=country.town)
        for i in range(count)
    )
    for i, agency in enumerate(agencies):
        make_result(agency, YEAR, scores(80 + i % 20, 90, 95))


def test_it_pages_the_table_by_fifty_rows(client_north: Client, country: Country) -> None:
    _many_agencies(country, 60)
    first = board(client_north, "?sort=name")
    assert len(first.rows) == PAGE_SIZE
    second = board(client_north, "?sort=name&page=2")
    assert len(second.rows) == 64 - PAGE_SIZE
    assert not {r.agency.pk for r in first.rows} & {r.agency.pk for r in second.rows}
    assert second.rows[0].rank is not None


def test_a_page_past_the_end_shows_the_last_page(client_north: Client) -> None:
    assert board(client_north, "?page=99").page.number == 1


@pytest.mark.parametrize("query", ["", "?sort=i9", "?sort=-change&kind=sao", "?sort=name&page=2"])
def test_the_number_of_queries_does_not_grow_with_the_agencies(
    client_north: Client,
    country: Country,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    query: str,
) -> None:
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client_north.get(DASHBOARD + query)
    _many_agencies(country, 120)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        client_north.get(DASHBOARD + query)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_export_query_count_does_not_grow_with_the_agencies(
    client_north: Client,
    country: Country,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    url = reverse("supervision:export")
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client_north.get(url)
    _many_agencies(country, 120)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        response = client_north.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    response = job_result(client_north, response)
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 2 + 4 + 120


# --- progress of the measures ------------------------------------------------------------


@pytest.fixture
def alpha_measures(country: Country) -> dict[str, Measure]:
    """อบต.อัลฟา's approved plan for FY2569: one measure done, one cancelled, one overdue,
    one due later; บราโว's draft plan has a measure too, which does not count."""
    today = timezone.localdate()
    plan = country.alpha.plans.get()
    # Approving a plan gives it its rounds; move them around today.
    first, second = ReportingRound.objects.filter(plan=plan).order_by("order")
    ReportingRound.objects.filter(pk=first.pk).update(end_date=today - dt.timedelta(days=60))
    ReportingRound.objects.filter(pk=second.pk).update(end_date=today + dt.timedelta(days=60))

    def measure(title: str, ends_in: int) -> Measure:
        return Measure.objects.create(
            plan=plan,
            title=title,
            start_date=today - dt.timedelta(days=200),
            end_date=today + dt.timedelta(days=ends_in),
        )

    made = {
        "done": measure("เสร็จแล้ว", -10),
        "cancelled": measure("ยกเลิก", -10),
        "overdue": measure("เลยกำหนด", -10),
        "later": measure("ยังไม่ถึงกำหนด", 30),
    }

    def update(m: Measure, round_: ReportingRound, status: str, percent: int) -> None:
        reason = "งบประมาณไม่พอ" if status == "cancelled" else ""
        ProgressUpdate.objects.create(
            measure=m, round=round_, status=status, percent=percent, cancel_reason=reason
        )

    update(made["done"], first, "in_progress", 50)
    update(made["done"], second, "done", 100)
    update(made["cancelled"], first, "cancelled", 10)
    # Reported done in the first round, then back to in progress in the second:
    # the latest round decides, whatever was written last.
    update(made["overdue"], second, "in_progress", 80)
    update(made["overdue"], first, "done", 100)
    Measure.objects.create(
        plan=country.bravo.plans.get(),
        title="ในร่าง",
        start_date=today - dt.timedelta(days=200),
        end_date=today - dt.timedelta(days=1),
    )
    return made


def test_it_counts_done_and_overdue_measures_of_approved_plans(
    client_north: Client, alpha_measures: dict[str, Measure]
) -> None:
    assert board(client_north).progress == Progress(measures=4, done=1, cancelled=1, overdue=1)


def test_each_row_shows_the_progress_of_its_approved_plan(
    client_north: Client, country: Country, alpha_measures: dict[str, Measure]
) -> None:
    rows = {row.agency: row for row in board(client_north).rows}
    assert rows[country.alpha].progress == Progress(measures=4, done=1, cancelled=1, overdue=1)
    assert rows[country.bravo].progress is None  # a draft is not carried out yet
    assert rows[country.charlie].progress is None
    html = client_north.get(DASHBOARD).content.decode()
    assert "1/4" in html
    assert "เลยกำหนด 1" in html


def test_progress_stays_in_the_subtree(
    make_user: Callable[..., User], country: Country, alpha_measures: dict[str, Measure]
) -> None:
    south = make_user("south")
    SupervisorScope.objects.create(user=south, province=country.south)
    client = Client()
    client.force_login(south)
    assert board(client).progress == Progress()


# --- figures are reused, never stale ------------------------------------------------------


def test_figures_are_reused_between_pages_and_sorts(
    client_north: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client_north.get(DASHBOARD)
    with django_assert_max_num_queries(MAX_QUERIES) as cold_again:
        client_north.get(DASHBOARD + "?kind=sao")
    with django_assert_max_num_queries(MAX_QUERIES) as warm:
        client_north.get(DASHBOARD + "?kind=sao&sort=i3&page=1")
    assert len(warm.captured_queries) < len(cold_again.captured_queries)


def test_figures_follow_a_new_result(client_north: Client, country: Country) -> None:
    assert board(client_north).summary.with_result == 3
    make_result(country.delta, YEAR, scores(90, 90, 90))
    b = board(client_north)
    assert b.summary.with_result == 4
    assert [r.rank for r in b.rows if r.agency == country.delta] == [3]  # after 100 and 90.2


def test_figures_follow_a_plan_status_change(client_north: Client, country: Country) -> None:
    assert {s.key: s.count for s in board(client_north).plans}["approved"] == 1
    plan = country.bravo.plans.get()
    plan.status = "approved"
    plan.approver_name = "นายก"
    plan.approved_at = dt.date(2026, 1, 5)
    plan.save()
    assert {s.key: s.count for s in board(client_north).plans}["approved"] == 2


def test_figures_follow_new_progress(
    client_north: Client, alpha_measures: dict[str, Measure]
) -> None:
    assert board(client_north).progress.overdue == 1
    overdue = alpha_measures["overdue"]
    last_round = overdue.plan.reporting_rounds.order_by("order").last()
    ProgressUpdate.objects.create(measure=overdue, round=last_round, status="done", percent=100)
    assert board(client_north).progress == Progress(measures=4, done=2, cancelled=1, overdue=0)


def _counted_by_the_progress_app(agency: Agency, today: dt.date) -> Progress:
    """The same figures from the progress app's own rule, measure by measure."""
    measures = list(
        Measure.objects.filter(plan__agency=agency, plan__is_current=True, plan__status="approved")
    )
    standing = progress_selectors.current_updates(measures)
    statuses = [standing[m.pk].status if m.pk in standing else None for m in measures]
    return Progress(
        measures=len(measures),
        done=statuses.count("done"),
        cancelled=statuses.count("cancelled"),
        overdue=sum(progress_selectors.is_overdue(m, standing.get(m.pk), today) for m in measures),
    )


def test_progress_counts_agree_with_the_progress_app(
    client_north: Client, country: Country, alpha_measures: dict[str, Measure]
) -> None:
    """Read from CurrentProgress, the counts are those of the history, before and after
    a new update and a round moved."""
    today = timezone.localdate()
    expected = _counted_by_the_progress_app(country.alpha, today)
    assert expected == Progress(measures=4, done=1, cancelled=1, overdue=1)
    assert board(client_north).progress == expected
    overdue = alpha_measures["overdue"]
    first, second = overdue.plan.reporting_rounds.order_by("order")
    ProgressUpdate.objects.create(measure=overdue, round=second, status="done", percent=100)
    expected = _counted_by_the_progress_app(country.alpha, today)
    assert expected == Progress(measures=4, done=2, cancelled=1, overdue=0)
    assert board(client_north).progress == expected
    # The first round now ends last: "done" there is current for เสร็จแล้ว and
    # เลยกำหนด alike, "in progress" of the second round no longer counts.
    first.end_date = second.end_date + dt.timedelta(days=1)
    first.save()
    expected = _counted_by_the_progress_app(country.alpha, today)
    assert board(client_north).progress == expected
    rows = {row.agency: row for row in board(client_north).rows}
    assert rows[country.alpha].progress == expected


# --- the export --------------------------------------------------------------------------


def test_the_export_is_the_filtered_table_in_its_order(
    client_all: Client, alpha_measures: dict[str, Measure]
) -> None:
    response = job_result(
        client_all, client_all.get(reverse("supervision:export") + "?kind=sao&sort=name")
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="itaplan-supervision-2568.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["ลำดับ", "รหัสหน่วยงาน", "หน่วยงาน"]
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล" in header
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)
    ]
    names = [row["หน่วยงาน"] for row in rows]
    assert names == sorted(names)
    assert set(names) == {"อบต.อัลฟา", "อบต.ชาร์ลี", "อบต.เดลตา", "อบต.ฟ็อกซ์ทรอต"}
    alpha = next(row for row in rows if row["รหัสหน่วยงาน"] == "N-A")
    assert alpha["คะแนนรวม"] == pytest.approx(100)
    assert alpha["ลำดับ"] == 1
    assert alpha["แผนมาตรการปี 2569"] == "อนุมัติแล้ว"
    assert (alpha["มาตรการ (แผนที่อนุมัติ)"], alpha["ดำเนินการแล้วเสร็จ"], alpha["เลยกำหนด"]) == (
        4,
        1,
        1,
    )
    delta = next(row for row in rows if row["รหัสหน่วยงาน"] == "N-D")
    assert delta["คะแนนรวม"] is None and delta["ลำดับ"] is None
    assert sheet["G3"].number_format == "0.00"


def test_it_also_gives_the_change_of_agencies_present_both_years(
    client_north: Client, country: Country
) -> None:
    s = board(client_north, f"?district={country.hills.pk}").summary
    # ชาร์ลี went from 90 to 90.2; เดลตา (80 last year) has no result this year.
    assert s.mean_change == pytest.approx(90.2 - 85)
    assert (s.paired, s.paired_change) == (1, pytest.approx(0.2))


def test_the_change_agrees_with_the_analysis_page_when_only_the_printed_previous_total_is_known(
    client_north: Client, country: Country
) -> None:
    # Bravo has no stored result the year before; its result printed last year's total.
    result = country.bravo.results.get(fiscal_year=YEAR)
    result.previous_total = 50.0
    result.save(update_fields=["previous_total"])
    row = next(r for r in board(client_north).rows if r.agency.pk == country.bravo.pk)
    analysed = analyse_result(result).totals[0].delta
    assert analysed is not None
    assert row.change == pytest.approx(analysed)
    assert board(client_north, "?sort=-change").rows[0].agency.name == "ทต.บราโว"
