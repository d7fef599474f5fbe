from django.db import migrations


def load(apps, schema_editor):
    from karier.people.refdata import load_reference_data

    names = ["Golongan", "Eselon", "JenisJabatanSiasn", "JabatanFungsional", "Instansi"]
    load_reference_data({n: apps.get_model("people", n) for n in names})


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
