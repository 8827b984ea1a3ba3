"""A real queue worker for tests: ``itaplan manage run_huey`` in its own process.

:func:`running_worker` points this process's Huey at a fresh queue — an SQLite file
(the embedded default) or a uniquely named queue on the Redis server at
127.0.0.1:6379 — and starts the consumer on the same queue and the same test
database, so a job enqueued by a view or a service is run by the worker, exactly as
in production. Tests that use it need committed data (``transactional_db``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REDIS_URL = os.getenv("ITAPLAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
QUEUES = ("sqlite", "redis")


def database_url() -> str:
    """The URL of the test database this process uses, for the worker."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@contextmanager
def running_worker(
    queue: str, folder: Path, env: Mapping[str, str] | None = None, workers: int = 4
) -> Iterator[Any]:
    """Run a consumer on a fresh ``queue`` ("sqlite" or "redis"); yields the Huey instance."""
    from django.test.utils import override_settings
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage, SqliteStorage

    name = f"itaplan-test-{uuid.uuid4().hex[:12]}"
    settings_env = {"ITAPLAN_QUEUE": queue, "ITAPLAN_QUEUE_NAME": name}
    if queue == "sqlite":
        queue_file = folder / "queue.sqlite3"
        storage: Any = SqliteStorage(name=name, filename=str(queue_file))
        settings_env["ITAPLAN_QUEUE_FILE"] = str(queue_file)
    elif queue == "redis":
        if not redis_available():
            import pytest

            pytest.fail(f"no Redis server at {REDIS_URL} (.ci/run starts Debian's redis-server)")
        storage = RedisStorage(name=name, url=REDIS_URL)
        settings_env["ITAPLAN_REDIS_URL"] = REDIS_URL
    else:
        raise ValueError(f"unknown queue {queue!r}")
    previous_storage, previous_immediate = HUEY.storage, HUEY.immediate
    HUEY.immediate = False
    HUEY.storage = storage
    log = (folder / f"worker-{queue}.log").open("w")
    command = [
        str(Path(sys.executable).with_name("itaplan")),
        "manage",
        "run_huey",
        "--workers",
        str(workers),
        "--worker-type",
        "thread",
        "--no-periodic",
        "--delay",
        "0.05",
        "--max-delay",
        "0.2",
    ]
    process_env = {
        **os.environ,
        **settings_env,
        "DATABASE_URL": database_url(),
        "ITAPLAN_MEDIA_ROOT": str(folder / "media"),
        **(env or {}),
    }
    process = subprocess.Popen(command, env=process_env, stdout=log, stderr=subprocess.STDOUT)
    # The worker's files (exports, bundles) are served by this process: both see one media folder.
    media = override_settings(MEDIA_ROOT=process_env["ITAPLAN_MEDIA_ROOT"])
    media.enable()
    try:
        time.sleep(0.3)
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited: {(folder / f'worker-{queue}.log').read_text()}")
        yield HUEY
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        media.disable()
        if queue == "redis":
            storage.flush_all()
        HUEY.storage = previous_storage
        HUEY.immediate = previous_immediate


def wait_for(condition: Any, timeout: float = 60.0, every: float = 0.2) -> Any:
    """Poll ``condition()`` until it is truthy (returned) or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout:g} s")
        time.sleep(every)
