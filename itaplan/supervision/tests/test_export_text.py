"""The supervision export writes agency names as text, never as formulas."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from itaplan.agencies.models import Agency
from itaplan.lib.testing import job_result
from itaplan.lib.tests.test_xlsxcells import no_formula_anywhere
from itaplan.supervision.tests.conftest import Country


@pytest.mark.django_db
def test_the_supervision_export_writes_hostile_agency_names_as_text(
    national: User, country: Country
) -> None:
    Agency.objects.filter(code="N-A").update(name="=1+1")
    client_all = Client()
    client_all.force_login(national)
    response = job_result(client_all, client_all.get(reverse("supervision:export")))
    no_formula_anywhere(response.content)
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "=1+1" in names
