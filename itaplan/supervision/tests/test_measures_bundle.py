"""Measures documents of many agencies at once: one ZIP of DOCX files, built on the queue."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from itaplan.jobs.models import Job
from itaplan.lib.testing import job_result
from itaplan.supervision.tests.conftest import YEAR, Country


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_supervisor_gets_every_current_plan_of_the_area_in_one_zip(
    northern: User, country: Country
) -> None:
    client = logged_in(northern)
    url = reverse("supervision:measures_bundle", args=[YEAR + 1])
    response = job_result(client, client.get(url))
    assert response.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    names = bundle.namelist()
    # Alpha (approved) and bravo (draft) are in the north; echo is in the south.
    assert len(names) == 2
    assert any("ร่าง" in n for n in names) and all(n.endswith(".docx") for n in names)
    for name in names:
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(bundle.read(name))).namelist()
    job = Job.objects.get(kind=Job.Kind.MEASURES_BUNDLE)
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 2, 2)


@pytest.mark.django_db
def test_a_year_without_plans_fails_the_job_with_a_thai_reason(
    northern: User, country: Country
) -> None:
    logged_in(northern).get(reverse("supervision:measures_bundle", args=[YEAR - 5]))
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "ไม่มีแผนมาตรการปี" in job.message


@pytest.mark.django_db
def test_someone_who_supervises_nothing_gets_404(country: Country) -> None:
    outsider = User.objects.create_user("nobody")
    response = logged_in(outsider).get(reverse("supervision:measures_bundle", args=[YEAR + 1]))
    assert response.status_code == 404
    assert not Job.objects.exists()
