"""Rate counters shared by every process, and the table of the database cache (``CACHES`` in settings).

The cache table is created here rather than by a separate ``createcachetable`` step, so every route to a schema
(``make migrate``, ``make run``, the test database, ``.ci/run``) has it. With Redis configured it is skipped.
"""

from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_append_only"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("name", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("bucket", models.BigIntegerField()),
                ("hits", models.PositiveIntegerField()),
                ("expires", models.BigIntegerField(db_index=True)),
            ],
            options={
                "verbose_name": "rate counter",
                "verbose_name_plural": "rate counters",
            },
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
