"""Thai labels that reach pages as data from the domain core or the criteria files.

The core has no Django import, so its labels (score classes, "คะแนนรวม", plan shares) are
registered here for ``makemessages``; templates translate them with
``{% translate value %}``, which leaves any label not in the catalogue as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

LABELS = (
    # Score classes of the criteria files (classes: key/label).
    gettext_noop("แก้ไขโดยเร่งด่วน"),
    gettext_noop("พัฒนาให้ดีขึ้น"),
    gettext_noop("รักษาระดับ"),
    # Totals compared with the year before (itaplan.domain.analysis).
    gettext_noop("คะแนนรวม"),
    # How sure a criteria fact is (itaplan.domain.criteria.CONFIDENCE, knowledge AUTHORS).
    gettext_noop("ตรวจสอบจากเอกสารต้นทางแล้ว"),
    gettext_noop("คำนวณซ้ำจากคะแนนที่ประกาศแล้วตรงกัน"),
    gettext_noop("อ่านจากเอกสารจริงของหน่วยงาน (ยังไม่ได้ตรวจกับคู่มือ ป.ป.ช.)"),
    gettext_noop("อ่านจากสำเนาแบบวัดที่หน่วยงานอื่นจัดทำ"),
    gettext_noop("อ่านจากแหล่งรอง (โค้ดหรือเว็บไซต์ของหน่วยงานอื่น)"),
    gettext_noop("อนุมานจากข้อมูลข้างต้น ยังไม่พบในเอกสารทางการ"),
    gettext_noop("สมมติว่าไม่เปลี่ยนจากปีก่อน ยังไม่ได้ตรวจสอบ"),
    gettext_noop("จากความจำ ยังไม่พบแหล่งอ้างอิง"),
    gettext_noop("ยังไม่ทราบ"),
    gettext_noop("เขียนโดยโครงการ itaplan จากข้อความของประเด็นการประเมิน"),
    # Notes of the analysis.
    gettext_noop("คะแนนรวมปีก่อนนำมาจากที่พิมพ์ไว้ในผลการประเมิน ไม่มีผลปีก่อนในระบบ"),
    # What a document leaves as dotted lines (itaplan.documents.wording.blanks).
    gettext_noop("อำเภอของหน่วยงาน"),
    gettext_noop("จังหวัดของหน่วยงาน"),
    gettext_noop("ชื่อผู้รับรองข้อมูล"),
    gettext_noop("ตำแหน่งผู้รับรองข้อมูล"),
    gettext_noop("วันที่รับรอง"),
    # Supervision shares.
    gettext_noop("ยังไม่มีแผน"),
    gettext_noop("คะแนนไม่ครบ"),
)
