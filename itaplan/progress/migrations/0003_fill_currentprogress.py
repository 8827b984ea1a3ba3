"""Fill CurrentProgress for the measures reported on before it existed.

The same rule as ``itaplan.progress.current.refresh`` (copied: a migration must not
follow later changes of the code): of a measure's updates the current one has the
latest round by end date then order, then the latest ``created_at``, then the
highest id.
"""

from django.db import migrations
from django.utils import timezone

BATCH = 2000


def fill(apps, schema_editor):
    ProgressUpdate = apps.get_model("progress", "ProgressUpdate")
    CurrentProgress = apps.get_model("progress", "CurrentProgress")
    db = schema_editor.connection.alias
    best = {}
    rows = (
        ProgressUpdate.objects.using(db)
        .values_list(
            "measure_id", "round__end_date", "round__order", "created_at", "pk", "status", "percent"
        )
        .order_by()
        .iterator(chunk_size=BATCH)
    )
    for measure_id, end_date, order, created_at, pk, status, percent in rows:
        key = (end_date, order, created_at, pk)
        found = best.get(measure_id)
        if found is None or key > found[0]:
            best[measure_id] = (key, status, percent)
    now = timezone.now()
    CurrentProgress.objects.using(db).bulk_create(
        [
            CurrentProgress(
                measure_id=measure_id,
                update_id=key[3],
                status=status,
                percent=percent,
                updated_at=now,
            )
            for measure_id, (key, status, percent) in best.items()
        ],
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0002_currentprogress_round_updated_at"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
