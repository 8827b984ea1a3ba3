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
    # Supervision shares.
    gettext_noop("ยังไม่มีแผน"),
    gettext_noop("คะแนนไม่ครบ"),
)
