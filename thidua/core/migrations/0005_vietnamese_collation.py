"""The ``vi_icu`` collation (Vietnamese alphabetical order) on PostgreSQL; SQLite registers it per connection."""

from django.db import migrations

CREATE = "CREATE COLLATION IF NOT EXISTS vi_icu (provider = icu, locale = 'vi-VN')"
DROP = "DROP COLLATION IF EXISTS vi_icu"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_rate_counter_and_cache_table")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
