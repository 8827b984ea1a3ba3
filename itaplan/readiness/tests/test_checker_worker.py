"""The checker end to end: a real queue worker fetches a fictional agency website.

The site (``site.py``) runs on 127.0.0.1; the worker is ``itaplan manage run_huey`` in
its own process, on the embedded SQLite queue and on Redis. Each item must get its
expected state and Thai reason, and the predicted OIT and total must match the hand
computation below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from itaplan.agencies.services import grant_role
from itaplan.domain.readiness import State
from itaplan.jobs.models import Job
from itaplan.lib.testing import INDICATORS_2568, make_agency, make_user
from itaplan.lib.worker import QUEUES, running_worker, wait_for
from itaplan.readiness import selectors, services
from itaplan.readiness.models import PublishedItem
from itaplan.readiness.tests import site

#: Small limits so the slow page and the huge file trip them quickly.
WORKER_ENV = {
    "ITAPLAN_FETCH_ALLOW_PRIVATE": "true",
    "ITAPLAN_FETCH_TOTAL_TIMEOUT": "3",
    "ITAPLAN_FETCH_CONNECT_TIMEOUT": "1",
    "ITAPLAN_FETCH_MAX_BYTES": str(2 * 1024 * 1024),
    "ITAPLAN_FETCH_RETRIES": "1",
    "ITAPLAN_FETCH_BACKOFF": "0.1",
    "ITAPLAN_FETCH_USER_AGENT": "itaplan-oit-checker/test (+http://itaplan.test)",
}


def record_site(agency, base: str) -> None:
    services.save_items(
        agency,
        2568,
        {
            code: services.ItemInput(urls=[base + p for p in paths], unit=None, due_date=None)
            for code, paths in site.URLS.items()
        },
    )


def store_result_2568(agency) -> None:
    from itaplan.results.models import IndicatorScore, Result

    result = Result.objects.create(agency=agency, fiscal_year=2568)
    IndicatorScore.objects.bulk_create(
        IndicatorScore(result=result, number=n, score=s) for n, s in INDICATORS_2568.items()
    )


@pytest.mark.parametrize("queue", QUEUES)
def test_the_worker_checks_every_item_of_the_fictional_site(
    queue: str, transactional_db: None, tmp_path: Path
) -> None:
    agency = make_agency("test-site", "อบต.ทดสอบ")
    editor = make_user("site-editor")
    grant_role(editor, agency, "editor")
    store_result_2568(agency)
    with site.serve() as (base, handler), running_worker(queue, tmp_path, WORKER_ENV):
        record_site(agency, base)
        job = services.start_check(agency, 2568, editor)
        job = wait_for(lambda: (j := Job.objects.get(pk=job.pk)).finished and j, timeout=120)
    assert job.status == Job.Status.DONE, job.message
    items = {p.code: p for p in PublishedItem.objects.filter(agency=agency, fiscal_year=2568)}
    assert len(items) == 28
    for code, item in items.items():
        expected = site.EXPECTED.get(code, site.Expected("missing", "ยังไม่ได้บันทึก URL"))
        reasons = " / ".join(p["reason"] for p in item.problems)
        assert item.state == expected.state, f"{code}: {item.state} ({reasons})"
        assert expected.reason in reasons, f"{code}: {reasons!r} lacks {expected.reason!r}"
        if expected.state != "ready":
            assert all(p["fix"] for p in item.problems), code
    # Every URL's fetch is recorded: status, final URL, type, size, time, when.
    report = items["o12"].checks.get()
    assert (report.status, report.content_type, report.failure) == (200, "text/html", "")
    assert report.size > 0 and report.checked_at is not None
    assert report.documents == [
        {"url": base + "/files/procurement-2568.pdf", "status": 200, "failure": ""}
    ]
    loop = items["o7"].checks.get()
    assert loop.failure == "redirect_loop" and loop.final_url.endswith("/report/loop-a")
    assert items["o13"].checks.get().scanned is True
    # A good citizen: at most two requests at a time, named, without cookies.
    assert handler.peak <= 2
    assert handler.user_agents == {WORKER_ENV["ITAPLAN_FETCH_USER_AGENT"]}
    assert handler.cookies_seen == []

    # Prediction, by hand (FY2568 sub-indicators, inferred grouping of seed 004):
    # 9.1 o1–o4 all ready = 100; 9.2 o5–o11 with o10, o11 ready = 2/7; 9.3 o12 of o12–o13
    # = 1/2; 9.4 and 9.5 nothing ready = 0; 10.1 o20–o26 = 0; 10.2 o27, o28 = 100.
    indicator_9 = (100 + 100 * 2 / 7 + 50 + 0 + 0) / 5
    indicator_10 = (0 + 100) / 2
    oit = (indicator_9 + indicator_10) / 2
    iit = sum(INDICATORS_2568[n] for n in range(1, 6)) / 5
    eit = sum(INDICATORS_2568[n] for n in range(6, 9)) / 3
    total = 0.30 * iit + 0.30 * eit + 0.40 * oit
    prediction = selectors.prediction(agency, 2568)
    assert prediction.assessment.indicator(9).value == pytest.approx(indicator_9, abs=1e-9)
    assert prediction.assessment.indicator(10).value == pytest.approx(indicator_10, abs=1e-9)
    assert prediction.oit == pytest.approx(oit, abs=1e-9)
    assert prediction.total == pytest.approx(total, abs=1e-9)
    assert prediction.sub_indicators["9.2"] == pytest.approx(200 / 7)
    # Each item carries its share of the total: o1 is 1/4 of 9.1, 1/5 of indicator 9,
    # 1/2 of OIT, 40 % of the total → 100 × 0.4 / 2 / 5 / 4 = 1 point.
    stakes = {i.code: i.points_at_stake for i in prediction.items}
    assert stakes["o1"] == pytest.approx(1.0)
    assert stakes["o27"] == pytest.approx(100 * 0.4 / 2 / 2 / 2)
    assert prediction.count(State.READY) == 9
    # If the at-risk items were fixed (o6, o9, o13, o16, o17 pass):
    fixed_9 = (100 + 100 * 4 / 7 + 100 + 100 / 3 + 100 / 3) / 5
    assert prediction.if_fixed.tools["OIT"] == pytest.approx((fixed_9 + indicator_10) / 2)
