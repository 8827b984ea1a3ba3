"""Copy each result's fiscal year and current flag onto its indicator scores.

Added nullable, filled from the results in one UPDATE (``UPDATE … FROM`` on
PostgreSQL, a correlated subquery elsewhere), then made NOT NULL and indexed. The
score is a key column of the index rather than INCLUDEd: index-only scans either
way, and SQLite would warn about INCLUDE (models.W040).
"""

from django.db import migrations, models

FILL_POSTGRESQL = """
UPDATE results_indicatorscore AS s
   SET fiscal_year = r.fiscal_year, is_current = r.is_current
  FROM results_result AS r
 WHERE r.id = s.result_id
"""

FILL_PORTABLE = """
UPDATE results_indicatorscore
   SET fiscal_year = (SELECT r.fiscal_year FROM results_result r
                       WHERE r.id = results_indicatorscore.result_id),
       is_current = (SELECT r.is_current FROM results_result r
                      WHERE r.id = results_indicatorscore.result_id)
"""


def fill(apps, schema_editor):
    sql = FILL_POSTGRESQL if schema_editor.connection.vendor == "postgresql" else FILL_PORTABLE
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorscore",
            name="fiscal_year",
            field=models.PositiveSmallIntegerField(
                editable=False, null=True, verbose_name="ปีงบประมาณของผล (สำเนาจากผล)"
            ),
        ),
        migrations.AddField(
            model_name="indicatorscore",
            name="is_current",
            field=models.BooleanField(
                default=True, editable=False, verbose_name="ผลฉบับปัจจุบัน (สำเนาจากผล)"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="indicatorscore",
            name="fiscal_year",
            field=models.PositiveSmallIntegerField(
                editable=False, verbose_name="ปีงบประมาณของผล (สำเนาจากผล)"
            ),
        ),
        migrations.AddIndex(
            model_name="indicatorscore",
            index=models.Index(
                fields=["fiscal_year", "is_current", "number", "score"],
                name="indicator_year_current_number",
            ),
        ),
    ]
