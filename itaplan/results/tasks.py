"""The bulk import's save as a queue job: 8,300 results take longer than a web request may.

The request checks the reviewed draft (signature, rights) and queues it; the worker saves
all results in one transaction, all or none, and leaves the outcome on the job.
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from itaplan.jobs import services as jobs

#: Problems listed on the job when a save is refused; the rest are counted.
MAX_LISTED = 30


def run_import(job_id: int) -> None:
    from itaplan.jobs.models import Job
    from itaplan.results.intake import BadDraft, load_entries
    from itaplan.results.models import Result
    from itaplan.results.services import IntakeError, ResultExists, save_results

    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        entries = load_entries(job.params.get("rows", ""), job.user, "*")
    except BadDraft as exc:
        jobs.fail(job_id, str(exc))
        return
    jobs.start(
        job_id,
        total=len(entries),
        message=f"กำลังตรวจและบันทึกผลการประเมิน {len(entries):,} รายการ (บันทึกทั้งหมดหรือไม่บันทึกเลย)",
    )
    try:
        saved = save_results(
            entries, Result.Source.SPREADSHEET, job.user, replace=bool(job.params.get("replace"))
        )
    except IntakeError as exc:
        listed = exc.messages[:MAX_LISTED]
        more = len(exc.messages) - len(listed)
        hint = (
            "\nเลือก “แทนที่ผลเดิม” แล้วนำเข้าใหม่ หากต้องการแทนที่ผลที่บันทึกไว้"
            if isinstance(exc, ResultExists)
            else ""
        )
        tail = f"\nและอีก {more:,} รายการ" if more else ""
        jobs.fail(job_id, "ไม่ได้บันทึกรายการใดเลย:\n" + "\n".join(listed) + tail + hint)
        return
    finally:
        # The signed draft is no longer needed; keep the job row small.
        Job.objects.filter(pk=job_id).update(params={"replace": bool(job.params.get("replace"))})
    jobs.finish(job_id, f"บันทึกผลการประเมิน {len(saved):,} รายการแล้ว")


@db_task(retries=0)
def import_results(job_id: int) -> None:
    jobs.run_job(job_id, run_import, "นำเข้าผลการประเมิน")
