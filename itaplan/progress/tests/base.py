"""An approved plan of this fiscal year with one measure per unit, on top of the shared
agency with a person in every role (:class:`itaplan.lib.testing.BaseTestCase`).

``self.finance_measure`` belongs to กองคลัง (``self.unit_member``),
``self.office_measure`` to สำนักปลัด (``self.clerk``). Uploaded files go to a
temporary ``MEDIA_ROOT`` that is removed after the class.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
import zipfile
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.agencies.services import grant_role
from itaplan.domain.thai import fiscal_year_of
from itaplan.lib.testing import BaseTestCase, make_user
from itaplan.plans import services as plans
from itaplan.plans.models import Measure, Plan
from itaplan.progress import services
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.progress.services import ProgressData

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 60


def pdf(name: str = "รายงาน ผลการดำเนินการ.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def ods_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )


def make_plan(
    agency: Agency,
    year: int,
    editor: AbstractUser,
    executive: AbstractUser,
    measures: list[tuple[str, Unit, dt.date | None]],
) -> Plan:
    """An approved plan of ``year`` with one measure per (title, unit, end date)."""
    plan = plans.create_plan(agency, year, editor)
    first, last = plan.bounds
    for title, unit, end in measures:
        plans.add_measure(
            plan,
            editor,
            plans.MeasureData(
                title=title,
                steps=["ขั้นตอนที่หนึ่ง", "ขั้นตอนที่สอง"],
                start_date=first,
                end_date=end or last,
                units=[unit],
                indicator=2,
            ),
        )
    plans.submit(plan, editor)
    return plans.approve(plan, executive, "สมชาย ใจดี", "นายก อบต.", timezone.localdate())


class ProgressTestCase(BaseTestCase):
    """The shared agency, a second unit with its member, and an approved plan of this year."""

    clerk: AbstractUser
    finance: Unit
    office: Unit
    plan: Plan
    finance_measure: Measure
    office_measure: Measure
    six: ReportingRound
    twelve: ReportingRound
    media: str

    @classmethod
    def setUpClass(cls) -> None:
        cls.media = tempfile.mkdtemp(prefix="itaplan-progress-")
        # Eight people per class: the production password hasher would spend seconds on them.
        cls._media_override = override_settings(
            MEDIA_ROOT=cls.media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls.media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.clerk = make_user("clerk")
        grant_role(cls.clerk, cls.agency, Membership.Role.UNIT_MEMBER, "สำนักปลัด")
        cls.finance = Unit.objects.get(agency=cls.agency, name="กองคลัง")
        cls.office = Unit.objects.get(agency=cls.agency, name="สำนักปลัด")
        cls.plan = make_plan(
            cls.agency,
            fiscal_year_of(timezone.localdate()),
            cls.member,
            cls.executive,
            [
                ("เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี", cls.finance, None),
                ("ปรับปรุงคู่มือการปฏิบัติงาน", cls.office, None),
            ],
        )
        cls.finance_measure, cls.office_measure = cls.plan.measures.order_by("order")
        cls.six, cls.twelve = ReportingRound.objects.filter(plan=cls.plan).order_by("end_date")

    def report(
        self,
        measure: Measure,
        user: AbstractUser | None = None,
        status: str = ProgressUpdate.Status.IN_PROGRESS,
        round_: ReportingRound | None = None,
        **data: Any,
    ) -> ProgressUpdate:
        """Record progress through the service (by an editor unless told)."""
        data.setdefault("percent", 40)
        data.setdefault("done_text", "ได้ดำเนินการแล้วบางส่วน")
        return services.record_progress(
            measure,
            round_ or self.six,
            user or self.member,
            ProgressData(status=status, **data),
        )
