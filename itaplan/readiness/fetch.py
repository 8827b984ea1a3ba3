"""Fetch an item's URL the way a careful visitor would, and read what it shows.

A good citizen on agencies' websites: at most ``per_host`` requests at a time to one
host (across the worker's threads), connect and total timeouts, a size cap enforced
while streaming, a few retries with exponential backoff on failures that may pass,
a User-Agent naming itaplan and the deployment, no cookies and no credentials.

Server-side request forgery: every hop (the URL and each redirect) is resolved first
and refused when any address is private, loopback, link-local, reserved or multicast,
unless the policy allows it (tests, closed networks). The connection then goes to the
address that was checked (the host name stays in the Host header and in TLS), so a
second DNS answer cannot send it elsewhere.

No Django here: the policy comes from settings in :func:`itaplan.readiness.services`.
"""

from __future__ import annotations

import http.cookiejar
import ipaddress
import socket
import ssl
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from itaplan.domain.readiness import Failure, LinkedDocument, PageEvidence

REDIRECTS = {301, 302, 303, 307, 308}
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = 2
    retries: int = 2
    backoff: float = 1.0
    allow_private: bool = False
    #: Document links followed per page.
    max_documents: int = 5


class HostLimiter:
    """At most ``limit`` requests at a time per host, shared by every thread of the process.

    It also records the highest number seen at once per host, which the tests and the
    benchmark read to show the limit held.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._active: dict[str, int] = defaultdict(int)
        self.peak: dict[str, int] = defaultdict(int)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.limit))
        with semaphore:
            with self._lock:
                self._active[host] += 1
                self.peak[host] = max(self.peak[host], self._active[host])
            try:
                yield
            finally:
                with self._lock:
                    self._active[host] -= 1


class RedisHostLimiter(HostLimiter):
    """The per-host limit across every worker process sharing a Redis server.

    Each host has ``limit`` slots, taken with ``SET NX`` and an expiry (a crashed worker
    frees its slot after ``ttl`` seconds); a thread waits for a free one.
    """

    def __init__(self, limit: int, url: str, prefix: str, ttl: float) -> None:
        import redis

        super().__init__(limit)
        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix
        self.ttl = max(1, int(ttl))

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with super().slot(host):
            token = uuid.uuid4().hex
            key = None
            while key is None:
                for n in range(self.limit):
                    candidate = f"{self.prefix}:host-slot:{host}:{n}"
                    if self.redis.set(candidate, token, nx=True, ex=self.ttl):
                        key = candidate
                        break
                else:
                    time.sleep(0.02)
            try:
                yield
            finally:
                # Free the slot only if it is still ours (it may have expired meanwhile).
                self.redis.eval(_RELEASE, 1, key, token)


_RELEASE = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)


class Refused(Exception):
    """The URL may not be fetched (bad URL or a refused address); ``failure`` says which."""

    def __init__(self, failure: Failure, detail: str) -> None:
        super().__init__(detail)
        self.failure = failure
        self.detail = detail


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    """Whether an address is on the public internet (not private, loopback, link-local…)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


@dataclass
class _Hop:
    """One request's target: the URL as written and the checked address to connect to."""

    url: str
    host: str
    address: str

    def pinned_url(self) -> str:
        parts = urlsplit(self.url)
        host = f"[{self.address}]" if ":" in self.address else self.address
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


@dataclass
class Fetcher:
    """Fetches URLs by a :class:`FetchPolicy`; one per worker process, shared by its threads."""

    policy: FetchPolicy
    limiter: HostLimiter = field(default=None)  # type: ignore[assignment]
    resolver: Resolver = system_resolver
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        if self.limiter is None:
            self.limiter = HostLimiter(self.policy.per_host)
        self._local = threading.local()

    # --- the client -----------------------------------------------------------------

    def _client(self, verify: bool) -> httpx.Client:
        """A client per thread (httpx clients are not shared across threads here)."""
        name = "verified" if verify else "unverified"
        client = getattr(self._local, name, None)
        if client is None:
            no_cookies = http.cookiejar.CookieJar(
                policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[])
            )
            client = httpx.Client(
                headers={
                    "User-Agent": self.policy.user_agent,
                    "Accept": "*/*",
                    "Accept-Encoding": "gzip, deflate",
                },
                timeout=httpx.Timeout(
                    self.policy.total_timeout, connect=self.policy.connect_timeout
                ),
                follow_redirects=False,
                verify=verify,
                cookies=no_cookies,
                trust_env=False,  # no proxy or .netrc credentials from the environment
            )
            setattr(self._local, name, client)
        return client

    def close(self) -> None:
        for name in ("verified", "unverified"):
            client = getattr(self._local, name, None)
            if client is not None:
                client.close()
                setattr(self._local, name, None)

    # --- one URL --------------------------------------------------------------------

    def _hop(self, url: str) -> _Hop:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(Failure.BAD_URL, "ต้องขึ้นต้นด้วย http:// หรือ https://")
        if parts.username or parts.password:
            raise Refused(Failure.BAD_URL, "URL ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่าน")
        host = parts.hostname
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise Refused(Failure.BAD_URL, "หมายเลขพอร์ตไม่ถูกต้อง") from None
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError):
            raise Refused(Failure.CONNECTION, f"ไม่พบชื่อโดเมน {host}") from None
        if not addresses:
            raise Refused(Failure.CONNECTION, f"ไม่พบชื่อโดเมน {host}")
        if not self.policy.allow_private:
            refused = [a for a in addresses if not is_public(a)]
            if refused:
                raise Refused(Failure.REFUSED_ADDRESS, f"{host} → {refused[0]}")
        return _Hop(url=url, host=host, address=addresses[0])

    def fetch(self, url: str, *, follow_documents: bool = True) -> PageEvidence:
        """Fetch one URL with redirects, retries and limits, and read its text."""
        attempt = 0
        while True:
            evidence = self._fetch_once(url, follow_documents=follow_documents)
            retryable = evidence.failure in (
                Failure.TIMEOUT,
                Failure.CONNECTION,
                Failure.SERVER_ERROR,
            )
            if not retryable or attempt >= self.policy.retries:
                return evidence
            self.sleep(self.policy.backoff * 2**attempt)
            attempt += 1

    def _fetch_once(self, url: str, *, follow_documents: bool) -> PageEvidence:
        budget = _Budget(self.policy.total_timeout)
        seen: list[str] = []
        current = url.strip()
        tls_valid: bool | None = None
        while True:
            if current in seen:
                return PageEvidence(
                    url=url,
                    final_url=current,
                    failure=Failure.REDIRECT_LOOP,
                    detail=" → ".join([*seen, current]),
                )
            if len(seen) > self.policy.max_redirects:
                return PageEvidence(url=url, final_url=current, failure=Failure.TOO_MANY_REDIRECTS)
            seen.append(current)
            try:
                hop = self._hop(current)
            except Refused as exc:
                return PageEvidence(
                    url=url, final_url=current, failure=exc.failure, detail=exc.detail
                )
            try:
                status, headers, body, tls_valid = self._request(hop, budget)
            except _Stopped as stop:
                return PageEvidence(
                    url=url,
                    final_url=current,
                    status=stop.status,
                    failure=stop.failure,
                    detail=stop.detail,
                    size=stop.size,
                    content_type=stop.content_type,
                )
            if status in REDIRECTS and "location" in headers:
                current = urljoin(current, headers["location"])
                continue
            break
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        base = dict(
            url=url,
            final_url=current,
            status=status,
            content_type=content_type,
            size=len(body),
            tls_valid=tls_valid,
        )
        if status >= 500:
            return PageEvidence(**base, failure=Failure.SERVER_ERROR)  # type: ignore[arg-type]
        if status >= 400:
            return PageEvidence(**base, failure=Failure.NOT_FOUND)  # type: ignore[arg-type]
        from itaplan.readiness.reading import read_body

        reading = read_body(current, content_type, body)
        documents: tuple[LinkedDocument, ...] = ()
        if follow_documents and reading.links:
            documents = tuple(
                self._document(link) for link in reading.links[: self.policy.max_documents]
            )
        return PageEvidence(
            **base,  # type: ignore[arg-type]
            failure=Failure.UNREADABLE if reading.unreadable else None,
            text=reading.text,
            scanned=reading.scanned,
            documents=documents,
        )

    def _document(self, url: str) -> LinkedDocument:
        evidence = self.fetch(url, follow_documents=False)
        return LinkedDocument(
            url=url,
            status=evidence.status,
            failure=evidence.failure,
            text=evidence.text,
            scanned=evidence.scanned,
        )

    def _request(
        self, hop: _Hop, budget: _Budget
    ) -> tuple[int, dict[str, str], bytes, bool | None]:
        https = hop.url.startswith("https:")
        try:
            return (*self._stream(hop, budget, verify=True), True if https else None)
        except _Stopped as stop:
            if stop.failure is not Failure.TLS:
                raise
        # The certificate does not verify: read the page anyway and flag it.
        return (*self._stream(hop, budget, verify=False), False)

    def _stream(
        self, hop: _Hop, budget: _Budget, *, verify: bool
    ) -> tuple[int, dict[str, str], bytes]:
        policy = self.policy
        client = self._client(verify)
        queued = time.monotonic()
        with self.limiter.slot(hop.host):
            # Waiting for the host's turn is not the host's slowness: it does not count.
            budget.deadline += time.monotonic() - queued
            remaining = budget.remaining()
            if remaining <= 0:
                raise _Stopped(Failure.TIMEOUT, "")
            request = client.build_request(
                "GET",
                hop.pinned_url(),
                headers={"Host": _host_header(hop.url)},
                timeout=httpx.Timeout(remaining, connect=min(policy.connect_timeout, remaining)),
                extensions={"sni_hostname": hop.host},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise _Stopped(Failure.TIMEOUT, "") from None
            except httpx.ConnectError as exc:
                if _is_tls_error(exc):
                    raise _Stopped(Failure.TLS, str(exc)) from None
                raise _Stopped(Failure.CONNECTION, "เชื่อมต่อไม่ได้") from None
            except httpx.HTTPError as exc:
                raise _Stopped(Failure.CONNECTION, type(exc).__name__) from None
            try:
                headers = {k.lower(): v for k, v in response.headers.items()}
                content_type = headers.get("content-type", "")
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise _Stopped(
                        Failure.TOO_LARGE, "", response.status_code, int(declared), content_type
                    )
                chunks: list[bytes] = []
                size = 0
                try:
                    for chunk in response.iter_raw():
                        size += len(chunk)
                        if size > policy.max_bytes:
                            raise _Stopped(
                                Failure.TOO_LARGE, "", response.status_code, size, content_type
                            )
                        if budget.remaining() < 0:
                            raise _Stopped(
                                Failure.TIMEOUT, "", response.status_code, size, content_type
                            )
                        chunks.append(chunk)
                except httpx.TimeoutException:
                    raise _Stopped(
                        Failure.TIMEOUT, "", response.status_code, size, content_type
                    ) from None
                except httpx.HTTPError as exc:
                    raise _Stopped(Failure.CONNECTION, type(exc).__name__) from None
                body = b"".join(chunks)
                encoding = headers.get("content-encoding", "").lower()
                if encoding and encoding != "identity":
                    body = _decode(body, encoding, policy.max_bytes)
                return response.status_code, headers, body
            finally:
                response.close()


class _Budget:
    """The total time one URL may take, redirects included, less any wait for a host slot."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


class _Stopped(Exception):
    def __init__(
        self,
        failure: Failure,
        detail: str,
        status: int | None = None,
        size: int = 0,
        content_type: str = "",
    ) -> None:
        super().__init__(detail)
        self.failure = failure
        self.detail = detail
        self.status = status
        self.size = size
        self.content_type = content_type.split(";")[0].strip().lower()


def _host_header(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _decode(body: bytes, encoding: str, limit: int) -> bytes:
    """Undo gzip/deflate compression, refusing a body that inflates past the cap."""
    import zlib

    if encoding not in ("gzip", "deflate", "x-gzip"):
        return body
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise _Stopped(Failure.UNREADABLE, "") from None
    if len(out) > limit:
        raise _Stopped(Failure.TOO_LARGE, "", None, len(out))
    return out
