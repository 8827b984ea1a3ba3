"""The measures documents (o27/O25) of many agencies at once, as a queue job.

A supervisor (or the site admin) asks for the current plans of a year over the filtered
area; the worker renders each plan's DOCX (LibreOffice-free: python-docx) and packs them
in one ZIP, moving the progress plan by plan.
"""

from __future__ import annotations

import io
import zipfile

from huey.contrib.djhuey import db_task

from itaplan.jobs import services as jobs

#: Plans packed into one bundle at most (a national bundle is about 8,300 DOCX files).
MAX_PLANS = 10_000


def run_bundle(job_id: int) -> None:
    from django.http import QueryDict

    from itaplan.documents.services import plan_file, plan_file_names
    from itaplan.jobs.models import Job
    from itaplan.plans.models import Plan
    from itaplan.supervision.access import subtree_for
    from itaplan.supervision.forms import read_filters
    from itaplan.supervision.selectors import filtered_agencies

    job = Job.objects.select_related("user").get(pk=job_id)
    subtree = subtree_for(job.user)
    filters, _form = read_filters(QueryDict(job.params.get("query", "")), subtree)
    year = int(job.fiscal_year or 0)
    plans = (
        Plan.objects.filter(
            agency__in=filtered_agencies(subtree, filters).values("pk"),
            fiscal_year=year,
            is_current=True,
        )
        .select_related("agency")
        .order_by("agency__name", "agency_id")[:MAX_PLANS]
    )
    plans = list(plans)
    jobs.start(job_id, total=len(plans))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for plan in plans:
            name, _ascii = plan_file_names(plan, "docx")
            bundle.writestr(name, plan_file(plan, "docx"))
            jobs.advance(job_id)
    if not plans:
        jobs.fail(job_id, f"ไม่มีแผนมาตรการปี {year} ของหน่วยงานในขอบเขตนี้")
        return
    jobs.finish(
        job_id,
        f"แผนมาตรการปี {year} จำนวน {len(plans):,} หน่วยงาน ({subtree.label})",
        content=buffer.getvalue(),
        name=f"itaplan-measures-{year}.zip",
    )


@db_task(retries=1, retry_delay=10)
def bundle_measures(job_id: int) -> None:
    jobs.run_job(job_id, run_bundle, "รวมเอกสาร")
