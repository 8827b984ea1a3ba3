"""``load_knowledge`` and ``check_knowledge``, and the demo loading the knowledge base."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from itaplan.domain.knowledge import load_knowledge
from itaplan.knowledgebase.models import EntryTemplate, KnowledgeEntry

pytestmark = pytest.mark.django_db


def records_2568() -> int:
    """Templates and entries of the FY2568 file: what a first load adds."""
    kb = load_knowledge(2568)
    return len(kb.templates) + len(kb.entries)


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_knowledge_says_what_it_did_in_thai():
    first = run("load_knowledge", "--year", "2568")
    added = records_2568()
    assert first.strip() == f"FY2568: เพิ่ม {added} ปรับตามไฟล์ 0 คงค่าที่แก้ไขในระบบ 0 ลบ 0 ไม่เปลี่ยน 0"
    KnowledgeEntry.objects.filter(target="i10").update(analysis="แก้ในระบบ")
    again = run("load_knowledge", "--year", "2568")
    assert "คงค่าที่แก้ไขในระบบ 1" in again
    assert "คงค่าที่แก้ไขในระบบ: i10" in again


def test_the_year_may_be_given_plainly_as_the_itaplan_cli_passes_it(stored_2568):
    assert run("load_knowledge", "2568").startswith("FY2568: เพิ่ม 0")
    assert run("check_knowledge", "2568").startswith("FY2568: ครบ 62 รายการ")


def test_load_knowledge_refuses_a_year_without_a_file():
    with pytest.raises(CommandError, match="2566"):
        run("load_knowledge", "--year", "2566")


def test_check_finds_2568_and_2564_complete_in_the_files():
    out = run("check_knowledge")
    assert "FY2568: ครบ 62 รายการ (จากไฟล์)" in out
    assert "FY2564: ครบ 83 รายการ (จากไฟล์)" in out


def test_check_says_so_of_a_year_without_a_knowledge_base_and_does_not_fail():
    assert run("check_knowledge", "--year", "2566").strip() == "FY2566: ไม่มีฐานความรู้ของปีนี้"


def test_check_reads_the_database_once_it_holds_the_year(stored_2568):
    assert run("check_knowledge", "--year", "2568").strip() == "FY2568: ครบ 62 รายการ (จากฐานข้อมูล)"


def test_check_fails_when_an_analysis_is_blanked_in_the_database(stored_2568):
    KnowledgeEntry.objects.filter(fiscal_year=2568, target="i10").update(analysis="  ")
    EntryTemplate.objects.filter(entry__fiscal_year=2568, entry__target="indicator 4").delete()
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_knowledge", "--year", "2568", stdout=out)
    assert failed.value.returncode == 1
    text = out.getvalue()
    assert "FY2568: ขาด 2 จาก 62 รายการ (จากฐานข้อมูล)" in text
    assert "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ: ไม่มีแม่แบบมาตรการ" in text
    assert "i10" in text and "ไม่มีข้อความวิเคราะห์" in text


def test_the_demo_loads_the_knowledge_base():
    out = run("load_demo", "--no-users")
    assert f"FY2568: เพิ่ม {records_2568()}" in out
    assert KnowledgeEntry.objects.filter(fiscal_year=2568).count() == 62
