"""A job's page, its progress (polled by htmx) and its result file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from itaplan.agencies.models import Agency
from itaplan.jobs.models import Job


def get_job_for_user(request: HttpRequest, job_id: int) -> Job:
    """A job the user started, of an agency they may read, or any job for a site admin."""
    job = Job.objects.select_related("agency").filter(pk=job_id).first()
    user = request.user
    if job is None or not user.is_authenticated:
        raise Http404(gettext("ไม่พบงานนี้"))
    if user.is_superuser or job.user_id == user.pk:
        return job
    if job.agency_id and Agency.objects.visible_to(user).filter(pk=job.agency_id).exists():
        return job
    raise Http404(gettext("ไม่พบงานนี้"))


@login_required
@require_GET
def detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
@require_GET
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    refresh = request.GET.get("refresh") == "1"
    response = render(
        request, "jobs/_progress.html", {"job": job, "poll": True, "refresh": refresh}
    )
    if job.finished and refresh:
        response["HX-Refresh"] = "true"  # the page around it shows the new results
    return response


@login_required
@require_GET
def download(request: HttpRequest, job_id: int) -> FileResponse:
    job = get_job_for_user(request, job_id)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404(gettext("ยังไม่มีไฟล์ผลลัพธ์"))
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
