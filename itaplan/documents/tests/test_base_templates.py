"""A deployment or one agency replaces the look of the DOCX documents by dropping a file."""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from docx import Document

from itaplan.agencies.models import Membership
from itaplan.agencies.services import grant_role
from itaplan.documents import docx as writer
from itaplan.documents.services import docx_base_template
from itaplan.lib.testing import PASSWORD, make_agency, make_user


def _with_header(path: Path, text: str) -> Path:
    writer.write_base_template(path)
    doc = Document(str(path))
    doc.sections[0].header.paragraphs[0].text = text
    doc.save(str(path))
    return path


def test_without_files_the_built_in_look_is_used(tmp_path: Path) -> None:
    with override_settings(ITAPLAN_DOCX_TEMPLATES=tmp_path):
        assert docx_base_template("samruean") is None


def test_an_agency_file_wins_over_the_deployment_default(tmp_path: Path) -> None:
    _with_header(tmp_path / "default.docx", "หัวกระดาษของจังหวัด")
    own = _with_header(tmp_path / "samruean.docx", "หัวกระดาษ อบต.สามเรือน")
    with override_settings(ITAPLAN_DOCX_TEMPLATES=tmp_path):
        assert docx_base_template("samruean") == own
        assert docx_base_template("lumphli") == tmp_path / "default.docx"


def test_the_chosen_file_gives_the_document_its_header(tmp_path: Path) -> None:
    from itaplan.documents.tests.conftest import build_seed

    base = _with_header(tmp_path / "default.docx", "หัวกระดาษของจังหวัด")
    data = writer.measures_docx(build_seed("004").document, base_template=base)
    header = Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert header == "หัวกระดาษของจังหวัด"


class TestTheAgencyTemplatePage:
    """Only the agency admin replaces its look; others read; outsiders never see it."""

    @pytest.fixture(autouse=True)
    def _setup(self, db: None, tmp_path: Path, settings: Any) -> None:
        settings.ITAPLAN_DOCX_TEMPLATES = tmp_path
        self.folder = tmp_path
        self.agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
        for username, role in (("boss", Membership.Role.ADMIN), ("ed", Membership.Role.EDITOR)):
            grant_role(make_user(username), self.agency, role)
        make_user("outsider")
        self.url = reverse("documents:docx_template", args=["samruean"])

    def client_for(self, username: str) -> Client:
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        return client

    def upload(self, client: Client, name: str, data: bytes) -> Any:
        return client.post(self.url, {"template": SimpleUploadedFile(name, data)}, follow=True)

    def test_the_agency_admin_uploads_a_docx_that_then_styles_its_documents(self) -> None:
        base = _with_header(self.folder / "source.docx", "หัวกระดาษ อบต.สามเรือน")
        page = self.upload(self.client_for("boss"), "แบบของเรา.docx", base.read_bytes())
        assert "บันทึกแม่แบบ DOCX ของหน่วยงานแล้ว" in page.content.decode()
        assert docx_base_template("samruean") == self.folder / "agencies" / "samruean.docx"
        [entry] = LogEntry.objects.filter(changes__has_key="docx_template")
        assert entry.changes["docx_template"][1].startswith("แบบของเรา.docx (")
        assert entry.actor.username == "boss" and entry.object_pk == str(self.agency.pk)

    def test_a_file_that_is_not_a_word_document_is_refused_and_nothing_is_kept(self) -> None:
        page = self.upload(self.client_for("boss"), "fake.docx", b"MZ not a zip")
        assert "เปิด 'fake.docx' เป็นเอกสาร Word ไม่ได้" in html.unescape(page.content.decode())
        assert docx_base_template("samruean") is None

    def test_an_editor_reads_the_page_but_cannot_upload(self) -> None:
        client = self.client_for("ed")
        assert client.get(self.url).status_code == 200
        assert self.upload(client, "x.docx", b"PK").status_code == 403

    def test_an_outsider_gets_404_and_anonymous_goes_to_login(self) -> None:
        assert self.client_for("outsider").get(self.url).status_code == 404
        assert Client().get(self.url).status_code == 302


class TestTheTemplateNamespaces:
    """An agency whose code is ``default`` has its own look, never the deployment's."""

    @pytest.fixture(autouse=True)
    def _setup(self, db: None, tmp_path: Path, settings: Any) -> None:
        settings.ITAPLAN_DOCX_TEMPLATES = tmp_path
        self.folder = tmp_path
        self.deployment = _with_header(tmp_path / "default.docx", "หัวกระดาษของจังหวัด")
        self.agency = make_agency("default", "อบต.ดีฟอลต์")
        grant_role(make_user("boss"), self.agency, Membership.Role.ADMIN)
        self.client = Client()
        self.client.force_login(get_user_model().objects.get(username="boss"))
        self.url = reverse("documents:docx_template", args=["default"])

    def test_the_agency_default_uploads_without_touching_the_deployment_default(self) -> None:
        before = self.deployment.read_bytes()
        own = _with_header(self.folder / "source.docx", "หัวกระดาษ อบต.ดีฟอลต์").read_bytes()
        self.client.post(self.url, {"template": SimpleUploadedFile("own.docx", own)})
        assert self.deployment.read_bytes() == before
        assert docx_base_template("default") == self.folder / "agencies" / "default.docx"
        assert docx_base_template("other") == self.deployment

    def test_removing_its_look_leaves_the_deployment_default_in_place_and_is_audited(self) -> None:
        own = _with_header(self.folder / "source.docx", "หัวกระดาษ อบต.ดีฟอลต์").read_bytes()
        self.client.post(self.url, {"template": SimpleUploadedFile("own.docx", own)})
        self.client.post(self.url, {"remove": "1"})
        assert self.deployment.is_file()
        assert docx_base_template("default") == self.deployment
        changes = [
            e.changes["docx_template"]
            for e in LogEntry.objects.filter(changes__has_key="docx_template").order_by("pk")
        ]
        assert changes[0][1].startswith("own.docx") and changes[1] == ["default.docx", ""]
