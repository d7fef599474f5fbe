"""The default talent rule sets (karier.talent.refdata), so a fresh installation can place people."""

from django.db import migrations


def load(apps, schema_editor):
    from karier.talent.refdata import load_rulesets

    load_rulesets(apps.get_model("talent", "AturanTalenta"))


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
