from django.db import migrations


def load(apps, schema_editor):
    from karier.development.refdata import load_kamus

    load_kamus(apps.get_model("development", "Kompetensi"), apps.get_model("development", "LevelKompetensi"))


class Migration(migrations.Migration):
    dependencies = [("development", "0002_competency")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
