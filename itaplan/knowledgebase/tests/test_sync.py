"""Loading the knowledge files into the database: creates, follows the files, keeps edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from auditlog.models import LogEntry

from itaplan.domain.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge
from itaplan.knowledgebase.models import EntryTemplate, KnowledgeEntry, MeasureTemplate, Origin
from itaplan.knowledgebase.selectors import knowledge_base_for
from itaplan.knowledgebase.services import (
    OwnTemplate,
    add_agency_template,
    revert_to_files,
    sync_from_files,
    sync_year,
)

pytestmark = pytest.mark.django_db


def edited_copy(tmp_path: Path, year: int, change: Any) -> Path:
    """A directory holding the year's knowledge file after ``change(data)``."""
    data = yaml.safe_load((KNOWLEDGE_DIR / f"fy{year}.yaml").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / f"fy{year}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return tmp_path


def template_of(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(t for t in data["templates"] if t["key"] == key)


def test_loading_every_file_creates_its_templates_and_entries():
    reports = {r.fiscal_year: r for r in sync_from_files()}
    assert sorted(reports) == [2564, 2565, 2568, 2569]
    for year, report in reports.items():
        kb = load_knowledge(year)
        assert report.created == len(kb.templates) + len(kb.entries)
        assert MeasureTemplate.objects.filter(fiscal_year=year).count() == len(kb.templates)
        assert KnowledgeEntry.objects.filter(fiscal_year=year).count() == len(kb.entries)


def test_the_database_copy_is_the_file_knowledge_base_in_its_order(stored_2568):
    stored, filed = knowledge_base_for(None, 2568), load_knowledge(2568)
    assert stored.entries == filed.entries
    assert stored.templates == filed.templates
    assert all(row.origin == Origin.FILE for row in MeasureTemplate.objects.all())


def test_loading_again_changes_nothing(stored_2568):
    stamps = list(MeasureTemplate.objects.values_list("updated_at", flat=True))
    log_size = LogEntry.objects.count()
    (again,) = sync_from_files([2568])
    assert (again.created, again.updated, again.removed, again.kept) == (0, 0, 0, [])
    assert again.unchanged == stored_2568.created
    assert list(MeasureTemplate.objects.values_list("updated_at", flat=True)) == stamps
    assert LogEntry.objects.count() == log_size


def test_a_site_admins_edit_survives_a_new_load(stored_2568):
    entry = KnowledgeEntry.objects.get(fiscal_year=2568, target="i10")
    entry.analysis = "ข้อความที่ผู้ดูแลระบบเขียนเอง"
    entry.save()
    template = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-service-manual")
    template.steps = [*template.steps, "ขั้นตอนที่ผู้ดูแลเพิ่ม"]
    template.save()

    (again,) = sync_from_files([2568])

    assert again.kept == ["แม่แบบ 2568-service-manual", "i10"]
    entry.refresh_from_db()
    template.refresh_from_db()
    assert entry.analysis == "ข้อความที่ผู้ดูแลระบบเขียนเอง"
    assert template.steps[-1] == "ขั้นตอนที่ผู้ดูแลเพิ่ม"
    assert (entry.origin, template.origin) == (Origin.EDITED, Origin.EDITED)


def test_a_changed_file_updates_the_rows_nobody_edited_and_keeps_the_edited_ones(
    stored_2568, tmp_path
):
    edited = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-equal-service")
    edited.title = "ชื่อที่ผู้ดูแลแก้"
    edited.save()

    def change(data: dict[str, Any]) -> None:
        template_of(data, "2568-service-manual")["title"] = "ชื่อใหม่ในไฟล์"
        template_of(data, "2568-equal-service")["title"] = "อีกชื่อใหม่ในไฟล์"

    report = sync_year(2568, edited_copy(tmp_path, 2568, change))

    assert (report.updated, report.kept) == (1, ["แม่แบบ 2568-equal-service"])
    updated = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-service-manual")
    assert (updated.title, updated.origin) == ("ชื่อใหม่ในไฟล์", Origin.FILE)
    edited.refresh_from_db()
    assert edited.title == "ชื่อที่ผู้ดูแลแก้"


def test_a_template_gone_from_the_file_goes_from_the_database_unless_edited(stored_2568, tmp_path):
    def drop(data: dict[str, Any]) -> None:
        gone = {"2568-service-manual", "2568-equal-service"}
        data["templates"] = [t for t in data["templates"] if t["key"] not in gone]
        for entry in data["entries"]:
            entry["measures"] = [k for k in entry.get("measures", []) if k not in gone]

    kept = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-equal-service")
    kept.unit = "กองที่ผู้ดูแลกำหนด"
    kept.save()
    report = sync_year(2568, edited_copy(tmp_path, 2568, drop))

    keys = set(MeasureTemplate.objects.values_list("key", flat=True))
    assert "2568-service-manual" not in keys
    assert "2568-equal-service" in keys
    assert (report.removed, report.kept) == (1, ["แม่แบบ 2568-equal-service (ไม่มีในไฟล์แล้ว)"])
    # The entries that proposed the kept one follow the file and no longer do.
    assert not KnowledgeEntry.objects.filter(templates__key="2568-equal-service").exists()


def test_an_agencys_own_link_to_an_entry_survives_the_files_update(
    stored_2568, agency, people, tmp_path
):
    own = add_agency_template(
        agency,
        2568,
        OwnTemplate("มาตรการของเราเอง", ("หนึ่ง", "สอง"), "กองคลัง", 1, 6, "รายงาน", (), ("i10",)),
        people.editor,
    )

    def change(data: dict[str, Any]) -> None:
        entry = next(e for e in data["entries"] if e["target"] == "i10")
        entry["analysis"] = "ข้อความวิเคราะห์ฉบับใหม่ของไฟล์"

    report = sync_year(2568, edited_copy(tmp_path, 2568, change))

    assert report.updated == 1
    entry = KnowledgeEntry.objects.get(fiscal_year=2568, target="i10")
    assert entry.analysis == "ข้อความวิเคราะห์ฉบับใหม่ของไฟล์"
    assert EntryTemplate.objects.filter(entry=entry, template=own).exists()
    assert entry.origin == Origin.FILE  # an agency's link is not an edit of the entry


def test_reverting_puts_the_file_version_back(stored_2568):
    entry = KnowledgeEntry.objects.get(fiscal_year=2568, target="indicator 4")
    entry.analysis = "แก้ไขชั่วคราว"
    entry.save()
    EntryTemplate.objects.filter(entry=entry).delete()
    template = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-service-manual")
    template.monitoring = "แก้ไขชั่วคราว"
    template.save()

    assert revert_to_files([entry, template]) == 2

    assert knowledge_base_for(None, 2568).entries == load_knowledge(2568).entries
    template.refresh_from_db()
    assert template.origin == Origin.FILE


def test_a_year_without_a_file_is_refused():
    with pytest.raises(KnowledgeError):
        sync_from_files([2566])
    assert not KnowledgeEntry.objects.exists()
