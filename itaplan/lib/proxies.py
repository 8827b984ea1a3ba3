"""Who is asking: the client's address, believing forwarded headers only from our proxies.

Behind a reverse proxy every request comes from the proxy; the proxy says who the
client was in ``X-Forwarded-For`` and whether it spoke HTTPS in ``X-Forwarded-Proto``.
A client can send those headers too, so they are believed only when the request
comes from an address listed in ``ITAPLAN_TRUSTED_PROXIES`` (addresses or networks).
:class:`TrustedProxyMiddleware` runs first: from a trusted proxy it sets
``REMOTE_ADDR`` to the client the proxies saw (the right-most address in
``X-Forwarded-For`` that is not a proxy); from anyone else it drops the forwarded
headers. Everything after it — the audit (django-auditlog), login throttling
(django-axes), Django's HTTPS detection — reads one trustworthy address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def is_trusted(address: str) -> bool:
    networks = _networks(tuple(settings.ITAPLAN_TRUSTED_PROXIES))
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def forwarded_client(remote: str, forwarded_for: str) -> str:
    """The right-most address of ``X-Forwarded-For`` that is not one of our proxies."""
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # a garbled chain: keep the address we know
        if not is_trusted(address):
            return address
    return remote


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if remote and is_trusted(remote):
            chain = meta.pop("HTTP_X_FORWARDED_FOR", "")
            if chain:
                meta["REMOTE_ADDR"] = forwarded_client(remote, chain)
        else:
            for header in FORWARDED:
                meta.pop(header, None)
        return self.get_response(request)


def client_address(request: HttpRequest) -> str | None:
    """The client's address (for django-axes): ``REMOTE_ADDR`` as the middleware left it."""
    return request.META.get("REMOTE_ADDR") or None
