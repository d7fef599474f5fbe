from django.db import migrations


def load(apps, schema_editor):
    from karier.standards.refdata import load_berakhlak

    load_berakhlak(apps.get_model("standards", "NilaiBerakhlak"), apps.get_model("standards", "PanduanPerilaku"))


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
