"""The demo data as the web app stores it, with a plan for every seed agency's result.

``load_demo`` gives the three seed agencies with a result (จอมทอง 000, ลุมพลี 003,
สามเรือน 004) and ``load_demo_progress`` บ้านขาม's approved FY2566 plan and its
12-month round (seed 002). Each seed result gets next year's plan here, built
through the plans services as a person would: three suggested measures and one
written by hand. สามเรือน's and ลุมพลี's plans are approved; จอมทอง's stays a draft
and is printed with Arabic digits, as the agency prints its own documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management import call_command
from django.test import TestCase
from docx import Document

from itaplan.agencies.models import Agency
from itaplan.documents.tests.conftest import ARTIFACTS, all_text, normalise, pdf_text
from itaplan.plans import selectors
from itaplan.plans import services as plans
from itaplan.plans.models import Plan
from itaplan.plans.services import MeasureData
from itaplan.results.models import Result

#: Seed agencies with a result, by code → seed.
SEED_AGENCIES = {"jomthong": "000", "lumphli": "003", "samruean": "004"}
#: Who signs each approved plan: name, position, date.
APPROVERS = {
    "samruean": ("นางสาวสมหญิง รักษ์ธรรม", "นายกองค์การบริหารส่วนตำบลสามเรือน", dt.date(2025, 11, 14)),
    "lumphli": ("นายประสิทธิ์ มั่นคง", "นายกองค์การบริหารส่วนตำบลลุมพลี", dt.date(2022, 11, 30)),
}
ARABIC_DIGITS = {"jomthong"}
SUGGESTED = 3
_PAGE_NUMBER = re.compile(r"[0-9๐-๙]+")
HANDWRITTEN_TITLE = "ทบทวนประเด็นที่ได้คะแนนน้อยที่สุดร่วมกับทุกกอง/สำนักทุกไตรมาส"


def docx_text(data: bytes) -> str:
    """Every paragraph and every table cell of DOCX bytes, one per line."""
    return all_text(Document(io.BytesIO(data)))


def write_pdf(name: str, data: bytes) -> Path:
    """Keep a rendered PDF in the artifacts, where pdftotext and a person can read it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    return path


def pdf_body(path: Path) -> str:
    """``pdftotext -raw`` without the page numbers, normalised for substring checks.

    A paragraph that runs over a page break would otherwise have the page number in it.
    """
    pages = []
    for page in pdf_text(path, "-raw").split("\f"):
        lines = page.rstrip().splitlines()
        if lines and _PAGE_NUMBER.fullmatch(lines[-1].strip()):
            lines.pop()
        pages.append("\n".join(lines))
    return normalise("\n".join(pages))


def pdf_fonts(path: Path) -> list[list[str]]:
    """``pdffonts`` rows, split into columns."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def build_plan(agency: Agency, editor: AbstractUser, executive: AbstractUser) -> Plan:
    """Next year's plan for the agency's result: suggested measures and one of its own."""
    result = Result.objects.get(agency=agency, is_current=True)
    plan = plans.create_plan(agency, result.fiscal_year + 1, editor)
    fallback_unit = agency.units.order_by("name").first()
    for suggestion in selectors.suggestions_for(plan)[:SUGGESTED]:
        data = plans.measure_from_suggestion(plan, suggestion)
        if not data.units:
            data = dataclasses.replace(data, units=[fallback_unit])
        plans.add_measure(plan, editor, data)
    weakest = min(selectors.assessment_of(result).scored_indicators.items(), key=lambda i: i[1])
    first, last = plan.bounds
    plans.add_measure(
        plan,
        editor,
        MeasureData(
            title=HANDWRITTEN_TITLE,
            steps=["ประชุมทบทวนผลการประเมินรายตัวชี้วัด", "รายงานผู้บริหารและเผยแพร่บนเว็บไซต์"],
            start_date=first,
            end_date=last,
            units=[fallback_unit],
            indicator=weakest[0],
            monitoring="รายงานผลต่อผู้บริหารทุกไตรมาส",
            reporting_dates=plans.default_reporting_dates(plan.fiscal_year),
        ),
    )
    if agency.code in APPROVERS:
        name, position, day = APPROVERS[agency.code]
        plans.submit(plan, editor, on=day)
        plan = plans.approve(plan, executive, name, position, day)
    return plan


class StoredDemoTestCase(TestCase):
    """The demo agencies, users, results, plans and บ้านขาม's progress, loaded once."""

    plans: ClassVar[dict[str, Plan]]
    editor: ClassVar[AbstractUser]
    executive: ClassVar[AbstractUser]
    supervisor: ClassVar[AbstractUser]

    @classmethod
    def setUpTestData(cls) -> None:
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        call_command("load_demo_progress", stdout=out)
        Agency.objects.filter(code__in=ARABIC_DIGITS).update(thai_digits=False)
        users = get_user_model().objects
        cls.editor = users.get(username="editor")
        cls.executive = users.get(username="executive")
        cls.supervisor = users.get(username="supervisor")
        cls.plans = {
            code: build_plan(Agency.objects.get(code=code), cls.editor, cls.executive)
            for code in SEED_AGENCIES
        }

    def plan(self, code: str) -> Plan:
        """The plan of a seed agency, read afresh as a view reads it."""
        return Plan.objects.select_related("agency__district__province", "result").get(
            pk=self.plans[code].pk
        )
