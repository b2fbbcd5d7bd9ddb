from django.db import migrations

from thidua.reports.outline import ensure_default_template


def seed(apps, schema_editor):
    ensure_default_template(apps.get_model("reports", "ReportTemplate"), apps.get_model("reports", "ReportSection"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
