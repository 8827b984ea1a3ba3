"""Start, advance and finish a :class:`Job`; each step is one short UPDATE the page can see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from itaplan.jobs.models import Job


def create(kind: str, *, user: Any = None, enqueue: Callable[[int], object], **fields: Any) -> Job:
    """A queued job, handed to the queue once the surrounding transaction commits."""
    from huey.contrib.djhuey import HUEY

    job = Job.objects.create(
        kind=kind, user=user if user and user.is_authenticated else None, **fields
    )
    if HUEY.immediate:
        enqueue(job.pk)  # runs here and now ("immediate" queue: tests, no worker)
    else:
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def start(job_id: int, total: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, total=total, done=0, message=message, started_at=timezone.now()
    )


def advance(job_id: int, steps: int = 1) -> None:
    Job.objects.filter(pk=job_id).update(done=F("done") + steps)


def set_progress(job_id: int, done: int, total: int | None = None) -> None:
    values: dict[str, Any] = {"done": done}
    if total is not None:
        values["total"] = total
    Job.objects.filter(pk=job_id).update(**values)


def finish(job_id: int, message: str = "", *, content: bytes | None = None, name: str = "") -> Job:
    job = Job.objects.get(pk=job_id)
    if content is not None:
        job.result.save(name, ContentFile(content), save=False)
        job.result_name = name
    job.status = Job.Status.DONE
    job.done = max(job.done, job.total)
    job.message = message
    job.finished_at = timezone.now()
    job.save()
    return job


def fail(job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, message=message, finished_at=timezone.now()
    )


def run_job(job_id: int, run: Callable[[int], object], what: str) -> None:
    """Run a job's work; a lost supervision scope or an error fails it with a Thai message.

    ``what`` names the work in Thai ("ส่งออกข้อมูล"). Unexpected errors are raised again so
    the queue logs them and retries the task where it is configured to.
    """
    from django.http import Http404

    try:
        run(job_id)
    except Http404:
        fail(job_id, f"ผู้ใช้นี้ไม่มีสิทธิ์ดูข้อมูลนี้แล้ว จึง{what}ไม่ได้")
    except Exception:
        fail(job_id, f"{what}ไม่สำเร็จเพราะข้อผิดพลาดภายในระบบ ระบบจะลองใหม่หากตั้งให้ลองซ้ำ")
        raise
