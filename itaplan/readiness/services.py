"""Item URLs per agency and year, the check that fetches them, and its verdicts.

The web request only records URLs and enqueues a check (:func:`start_check`); a
worker of the task queue runs :func:`run_check`, which fetches every URL through one
process-wide :class:`~itaplan.readiness.fetch.Fetcher` (so the per-host limit holds
across the worker's threads), judges each item with the year's content rules and
stores the verdicts, moving the job's progress as it goes.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from itaplan.agencies.models import Agency, Unit
from itaplan.domain import criteria
from itaplan.domain.readiness import PageEvidence, Rules, State, Verdict, judge, load_rules
from itaplan.jobs import services as jobs
from itaplan.jobs.models import Job
from itaplan.readiness.fetch import Fetcher, FetchPolicy, HostLimiter, RedisHostLimiter
from itaplan.readiness.models import PublishedItem, UrlCheck

#: URLs one check fetches at once; the per-host limit still caps each host at two.
CHECK_THREADS = 4
#: URLs accepted per item, and characters per URL.
MAX_URLS_PER_ITEM = 5
MAX_URL_LENGTH = 2000

_fetcher: Fetcher | None = None
_fetcher_lock = threading.Lock()


def policy_from_settings() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.ITAPLAN_FETCH_USER_AGENT,
        connect_timeout=settings.ITAPLAN_FETCH_CONNECT_TIMEOUT,
        total_timeout=settings.ITAPLAN_FETCH_TOTAL_TIMEOUT,
        max_bytes=settings.ITAPLAN_FETCH_MAX_BYTES,
        max_redirects=settings.ITAPLAN_FETCH_MAX_REDIRECTS,
        per_host=settings.ITAPLAN_FETCH_PER_HOST,
        retries=settings.ITAPLAN_FETCH_RETRIES,
        backoff=settings.ITAPLAN_FETCH_BACKOFF,
        allow_private=settings.ITAPLAN_FETCH_ALLOW_PRIVATE,
    )


def fetcher() -> Fetcher:
    """The process's fetcher (built from settings once), shared by the worker's threads."""
    global _fetcher
    with _fetcher_lock:
        policy = policy_from_settings()
        if _fetcher is None or _fetcher.policy != policy:
            _fetcher = Fetcher(policy, limiter=_limiter(policy))
        return _fetcher


def _limiter(policy: FetchPolicy) -> HostLimiter:
    """Per process on the embedded queue; shared through Redis when the workers are."""
    if settings.ITAPLAN_QUEUE == "redis":
        return RedisHostLimiter(
            policy.per_host,
            settings.HUEY["connection"]["url"],
            settings.HUEY["name"],
            ttl=policy.total_timeout + 10,
        )
    return HostLimiter(policy.per_host)


def oit_codes(fiscal_year: int) -> list[str]:
    return load_rules(fiscal_year).oit_items()


def years() -> list[int]:
    """Plan years with OIT items in their criteria, newest first."""
    found = []
    for year in criteria.available_years():
        try:
            if load_rules(year).oit_items():
                found.append(year)
        except (ValueError, criteria.CriteriaError):
            continue
    return sorted(found, reverse=True)


@transaction.atomic
def items_for(agency: Agency, fiscal_year: int) -> list[PublishedItem]:
    """The agency's item rows of a year, one per OIT item of the year's criteria.

    Rows missing so far are created, carrying the URLs, unit and due date (a year
    later) of last year's item through the criteria's item-code mapping.
    """
    codes = oit_codes(fiscal_year)
    existing = {
        p.code: p for p in PublishedItem.objects.filter(agency=agency, fiscal_year=fiscal_year)
    }
    missing = [c for c in codes if c not in existing]
    if missing:
        mapping = criteria.load(fiscal_year).data.previous_year
        previous = {
            p.code: p
            for p in PublishedItem.objects.filter(agency=agency, fiscal_year=mapping.fiscal_year)
        }
        new = []
        for code in missing:
            old = previous.get(mapping.codes.get(code, ""))
            new.append(
                PublishedItem(
                    agency=agency,
                    fiscal_year=fiscal_year,
                    code=code,
                    urls=old.urls if old else "",
                    unit_id=old.unit_id if old else None,
                    due_date=_a_year_later(old.due_date) if old and old.due_date else None,
                )
            )
        PublishedItem.objects.bulk_create(new, ignore_conflicts=True)
        existing = {
            p.code: p for p in PublishedItem.objects.filter(agency=agency, fiscal_year=fiscal_year)
        }
    order = {c: n for n, c in enumerate(codes)}
    return sorted((existing[c] for c in codes if c in existing), key=lambda p: order[p.code])


def _a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class ItemInput:
    urls: list[str]
    unit: Unit | None
    due_date: dt.date | None


@transaction.atomic
def save_items(agency: Agency, fiscal_year: int, values: Mapping[str, ItemInput]) -> int:
    """Store the URLs, unit and due date of each item; an item whose URLs changed loses
    its verdict until the next check. Returns how many items changed."""
    changed = 0
    for item in items_for(agency, fiscal_year):
        value = values.get(item.code)
        if value is None:
            continue
        urls = "\n".join(value.urls)
        unit_id = value.unit.pk if value.unit else None
        if (item.urls, item.unit_id, item.due_date) == (urls, unit_id, value.due_date):
            continue
        if item.urls != urls:
            item.state, item.problems, item.checked_at = "", [], None
            item.checks.all().delete()
        item.urls, item.unit_id, item.due_date = urls, unit_id, value.due_date
        item.save()
        changed += 1
    return changed


def start_check(agency: Agency, fiscal_year: int, user: Any = None, trigger: str = "manual") -> Job:
    """Enqueue a check of every item URL of the agency's year; the page follows the job."""
    from itaplan.readiness.tasks import check_agency

    items_for(agency, fiscal_year)
    return jobs.create(
        Job.Kind.OIT_CHECK,
        user=user,
        agency=agency,
        fiscal_year=fiscal_year,
        params={"trigger": trigger},
        enqueue=check_agency,
    )


#: A check still unfinished after this long was lost (a worker stopped): a new one may start.
STALE_CHECK = dt.timedelta(hours=2)


def running_check(agency: Agency, fiscal_year: int) -> Job | None:
    """The agency-year's check that is queued or running, if any (lost ones aside)."""
    return (
        Job.objects.filter(
            agency=agency,
            fiscal_year=fiscal_year,
            kind=Job.Kind.OIT_CHECK,
            created_at__gte=timezone.now() - STALE_CHECK,
        )
        .exclude(status__in=[Job.Status.DONE, Job.Status.FAILED])
        .first()
    )


def run_check(job_id: int) -> None:
    """Fetch every URL of the job's agency-year, judge each item and store the verdicts."""
    job = Job.objects.select_related("agency").get(pk=job_id)
    assert job.agency is not None and job.fiscal_year is not None
    rules = load_rules(job.fiscal_year)
    items = items_for(job.agency, job.fiscal_year)
    urls = [(item, url) for item in items for url in item.url_list()]
    jobs.start(job_id, total=len(urls) + len(items))
    fetch = fetcher()
    lock = threading.Lock()
    found: dict[int, list[tuple[PageEvidence, int]]] = {item.pk: [] for item in items}

    def one(pair: tuple[PublishedItem, str]) -> None:
        item, url = pair
        started = time.monotonic()
        evidence = fetch.fetch(url)
        elapsed = int((time.monotonic() - started) * 1000)
        with lock:
            found[item.pk].append((evidence, elapsed))
        jobs.advance(job_id)

    with ThreadPoolExecutor(max_workers=CHECK_THREADS) as pool:
        list(pool.map(one, urls))
    fetch.close()
    now = timezone.now()
    ready = risky = missing = 0
    for item in items:
        pairs = sorted(found[item.pk], key=lambda p: item.url_list().index(p[0].url))
        verdict = judge(
            rules,
            item.code,
            [e for e, _ in pairs],
            limit_mb=fetch.policy.max_bytes / 1024 / 1024,
            timeout_s=fetch.policy.total_timeout,
        )
        _store(item, verdict, pairs, now)
        ready += verdict.state is State.READY
        risky += verdict.state is State.AT_RISK
        missing += verdict.state is State.MISSING
        jobs.advance(job_id)
    jobs.finish(job_id, f"พร้อม {ready} ประเด็น เสี่ยง {risky} ประเด็น ขาด {missing} ประเด็น")


@transaction.atomic
def _store(
    item: PublishedItem, verdict: Verdict, pairs: list[tuple[PageEvidence, int]], now: dt.datetime
) -> None:
    item.state = verdict.state.value
    item.problems = [{"reason": p.reason, "fix": p.fix} for p in verdict.problems]
    item.checked_at = now
    item.save(update_fields=["state", "problems", "checked_at"])
    item.checks.all().delete()
    UrlCheck.objects.bulk_create(
        UrlCheck(
            item=item,
            url=e.url,
            status=e.status,
            final_url=e.final_url,
            content_type=e.content_type[:200],
            size=e.size,
            elapsed_ms=elapsed,
            tls_valid=e.tls_valid,
            failure=e.failure.value if e.failure else "",
            scanned=e.scanned,
            documents=[
                {"url": d.url, "status": d.status, "failure": d.failure.value if d.failure else ""}
                for d in e.documents
            ],
            checked_at=now,
        )
        for e, elapsed in pairs
    )


def states_of(items: list[PublishedItem]) -> dict[str, State]:
    """Item code → state; an item never checked counts as missing."""
    return {i.code: State(i.state) if i.state else State.MISSING for i in items}


def rules_for(fiscal_year: int) -> Rules:
    return load_rules(fiscal_year)
