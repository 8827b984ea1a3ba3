"""The plans app proposes measures from the knowledge base the site keeps."""

from __future__ import annotations

import pytest

from itaplan.domain.knowledge import load_knowledge
from itaplan.knowledgebase.models import KnowledgeEntry
from itaplan.knowledgebase.selectors import knowledge_base_for
from itaplan.knowledgebase.services import OwnTemplate, add_agency_template
from itaplan.plans import services as plan_services
from itaplan.plans.selectors import analyse_result, suggestions_for
from itaplan.plans.tests.conftest import save_seed_004

pytestmark = pytest.mark.django_db

OWN = OwnTemplate(
    title="ตั้งจุดรับเรื่องร้องเรียนเคลื่อนที่ในตลาดนัดชุมชน",
    steps=("กำหนดวันและจุดตั้งโต๊ะ", "ประกาศให้ประชาชนทราบ", "สรุปเรื่องที่รับเสนอผู้บริหาร"),
    unit="สำนักปลัด",
    start_month=2,
    end_month=11,
    monitoring="รายงานจำนวนเรื่องที่รับทุกเดือน",
    related_oit=("O13",),
    targets=("o13",),
)


def test_a_fresh_install_proposes_from_the_files(agency):
    assert not KnowledgeEntry.objects.exists()
    assert knowledge_base_for(agency, 2568) == load_knowledge(2568)


def test_an_agencys_first_template_on_a_fresh_install_loads_the_year_first(agency, people):
    own = add_agency_template(agency, 2568, OWN, people.editor)
    assert KnowledgeEntry.objects.filter(fiscal_year=2568).count() == 62
    kb = knowledge_base_for(agency, 2568)
    assert kb.for_item("o13").measures[-1].key == own.key
    assert kb.for_item("o13").measures[:-1] == load_knowledge(2568).for_item("o13").measures


def test_suggestions_use_the_analysis_a_site_admin_edited(plan, stored_2568):
    first = suggestions_for(plan)[0]
    assert first.target == "indicator 9"
    for target in ("indicator 9", "o13"):
        entry = KnowledgeEntry.objects.get(fiscal_year=2568, target=target)
        entry.analysis = f"ข้อความวิเคราะห์ที่ผู้ดูแลระบบปรับให้ตรงกับพื้นที่ ({target})"
        entry.save()

    assert suggestions_for(plan)[0].analysis.endswith("(indicator 9)")
    # The analysis page reads the same knowledge base.
    weak = next(w for w in analyse_result(plan.result).weak_items if w.code == "o13")
    assert weak.analysis == entry.analysis


def test_an_agencys_own_template_is_proposed_to_it_and_can_be_adopted(plan, people):
    own = add_agency_template(plan.agency, 2568, OWN, people.editor)
    suggestion = next(s for s in suggestions_for(plan) if s.measure.key == own.key)
    assert (suggestion.target, suggestion.items) == ("indicator 9", ("o13",))
    assert suggestion.measure.related_oit == ("o13",)

    measure = plan_services.add_measure_from_suggestion(plan, people.editor, own.key)
    assert (measure.title, measure.template_key) == (OWN.title, own.key)
    assert own.key not in {s.measure.key for s in suggestions_for(plan)}


def test_another_agency_never_sees_an_agencys_own_template(plan, people, other_agency):
    own = add_agency_template(plan.agency, 2568, OWN, people.editor)
    save_seed_004(other_agency, people.outsider)
    other_plan = plan_services.create_plan(other_agency, 2569, people.outsider)

    assert own.key not in {s.measure.key for s in suggestions_for(other_plan)}
    assert own.key not in {t.key for t in knowledge_base_for(other_agency, 2568).templates}
    assert own.key not in {t.key for t in knowledge_base_for(None, 2568).templates}
