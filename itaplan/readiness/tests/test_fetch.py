"""The fetcher on its own: SSRF guard, limits, redirects, reading documents."""

from __future__ import annotations

import pytest

from itaplan.domain.readiness import Failure
from itaplan.readiness.fetch import Fetcher, FetchPolicy, is_public
from itaplan.readiness.tests import site

POLICY = FetchPolicy(
    user_agent="itaplan-test", total_timeout=1.5, retries=0, max_bytes=2 * 1024 * 1024
)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/about/structure",
        "http://localhost:{port}/about/structure",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
    ],
)
def test_it_refuses_private_loopback_and_link_local_addresses(url: str) -> None:
    with site.serve() as (base, handler):
        port = base.rsplit(":", 1)[1]
        evidence = Fetcher(POLICY).fetch(url.format(port=port))
    assert evidence.failure is Failure.REFUSED_ADDRESS
    assert handler.peak == 0  # nothing reached the server


def test_it_refuses_a_name_that_resolves_to_a_private_address() -> None:
    fetcher = Fetcher(POLICY, resolver=lambda host, port: ["8.8.8.8", "10.0.0.7"])
    evidence = fetcher.fetch("http://intranet.example/")
    assert evidence.failure is Failure.REFUSED_ADDRESS
    assert "10.0.0.7" in evidence.detail


def test_it_fetches_loopback_only_when_the_setting_allows_it() -> None:
    allowed = FetchPolicy(**{**POLICY.__dict__, "allow_private": True})
    with site.serve() as (base, _handler):
        evidence = Fetcher(allowed).fetch(base + "/about/structure")
    assert evidence.failure is None and evidence.status == 200
    assert "อำนาจหน้าที่" in evidence.text


def test_public_addresses_are_public_and_the_others_are_not() -> None:
    assert is_public("8.8.8.8") and is_public("2001:4860:4860::8888")
    for address in (
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "0.0.0.0",
    ):
        assert not is_public(address), address


def test_it_refuses_urls_with_credentials_or_other_schemes() -> None:
    fetcher = Fetcher(POLICY)
    assert fetcher.fetch("ftp://example.org/file.pdf").failure is Failure.BAD_URL
    assert fetcher.fetch("http://user:secret@example.org/").failure is Failure.BAD_URL
    assert fetcher.fetch("file:///etc/passwd").failure is Failure.BAD_URL


def test_it_stops_a_redirect_chain_longer_than_the_limit() -> None:
    routes = {f"/r{n}": (302, site.HTML, b"", {"Location": f"/r{n + 1}"}) for n in range(10)}
    allowed = FetchPolicy(**{**POLICY.__dict__, "allow_private": True, "max_redirects": 3})
    with site.serve(routes) as (base, _handler):
        evidence = Fetcher(allowed).fetch(base + "/r0")
    assert evidence.failure is Failure.TOO_MANY_REDIRECTS


def test_it_retries_a_server_error_with_backoff() -> None:
    slept: list[float] = []
    routes = {"/down": (503, site.HTML, b"busy", {})}
    allowed = FetchPolicy(
        **{**POLICY.__dict__, "allow_private": True, "retries": 2, "backoff": 0.5}
    )
    with site.serve(routes) as (base, _handler):
        evidence = Fetcher(allowed, sleep=slept.append).fetch(base + "/down")
    assert evidence.failure is Failure.SERVER_ERROR and evidence.status == 503
    assert slept == [0.5, 1.0]


def test_two_worker_processes_on_redis_share_the_per_host_limit() -> None:
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    from itaplan.lib.worker import REDIS_URL, redis_available
    from itaplan.readiness.fetch import RedisHostLimiter

    if not redis_available():
        pytest.fail(f"no Redis server at {REDIS_URL} (.ci/run starts Debian's redis-server)")
    prefix = f"itaplan-test-{uuid.uuid4().hex[:8]}"
    # Generous timeouts: this test is about overlap, not speed (the machine may be busy).
    allowed = FetchPolicy(**{**POLICY.__dict__, "allow_private": True, "total_timeout": 20})
    # Two fetchers with their own limiters stand for two worker processes.
    fetchers = [
        Fetcher(allowed, limiter=RedisHostLimiter(2, REDIS_URL, prefix, ttl=30)) for _ in range(2)
    ]
    with site.serve() as (base, handler), ThreadPoolExecutor(max_workers=12) as pool:
        urls = [base + "/pause/about/structure"] * 24
        results = list(pool.map(lambda n: fetchers[n % 2].fetch(urls[n]), range(len(urls))))
    assert [r.failure for r in results if r.failure] == []
    assert handler.peak == 2  # used in full, never more


def test_the_default_user_agent_names_itaplan_and_the_deployment_and_can_be_sent() -> None:
    from django.conf import settings

    from itaplan.readiness.services import policy_from_settings

    policy = FetchPolicy(**{**policy_from_settings().__dict__, "allow_private": True})
    assert "itaplan" in policy.user_agent and settings.SITE_URL in policy.user_agent
    with site.serve() as (base, handler):
        assert Fetcher(policy).fetch(base + "/news").failure is None
    assert handler.user_agents == {policy.user_agent}
