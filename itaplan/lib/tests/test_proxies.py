"""Forwarded headers are believed only from the configured proxies."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from itaplan.lib.proxies import TrustedProxyMiddleware, forwarded_client


def seen(remote: str, **headers: str) -> dict[str, str]:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    captured: dict[str, str] = {}

    def view(req: HttpRequest) -> HttpResponse:
        captured.update({k: v for k, v in req.META.items() if isinstance(v, str)})
        return HttpResponse()

    TrustedProxyMiddleware(view)(request)
    return captured


def test_without_trusted_proxies_forwarded_headers_are_dropped() -> None:
    meta = seen("203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6", HTTP_X_FORWARDED_PROTO="https")
    assert meta["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_FOR" not in meta and "HTTP_X_FORWARDED_PROTO" not in meta


@override_settings(ITAPLAN_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_from_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() -> None:
    meta = seen("10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.3")
    assert meta["REMOTE_ADDR"] == "203.0.113.7"
    assert meta.get("HTTP_X_FORWARDED_PROTO") is None


@override_settings(ITAPLAN_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_proxy_keeps_its_https_header_and_an_outsider_loses_it() -> None:
    assert seen("10.0.0.2", HTTP_X_FORWARDED_PROTO="https")["HTTP_X_FORWARDED_PROTO"] == "https"
    assert "HTTP_X_FORWARDED_PROTO" not in seen("203.0.113.9", HTTP_X_FORWARDED_PROTO="https")


@pytest.mark.parametrize("chain", ["not-an-address", "", " , "])
@override_settings(ITAPLAN_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_garbled_chain_keeps_the_proxy_address(chain: str) -> None:
    assert forwarded_client("10.0.0.2", chain) == "10.0.0.2"


def test_the_image_and_compose_do_not_let_every_address_forward() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    for name in ("Dockerfile", "compose.yaml"):
        assert "forwarded-allow-ips=*" not in (root / name).read_text(encoding="utf-8")
    assert "FORWARDED_ALLOW_IPS: ${ITAPLAN_TRUSTED_PROXIES" in (root / "compose.yaml").read_text(
        encoding="utf-8"
    )
