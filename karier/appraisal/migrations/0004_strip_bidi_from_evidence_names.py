"""Evidence names stored before issue #8 may hold bidi control characters: clean them once, in place."""

from django.db import migrations

from karier.core.text import BIDI_CONTROLS, strip_bidi


def clean_names(apps, schema_editor):  # type: ignore[no-untyped-def]
    Bukti = apps.get_model("appraisal", "BuktiDukung")
    dirty = []
    for ch in BIDI_CONTROLS:
        dirty.extend(Bukti.objects.filter(nama_asli__contains=ch).only("pk", "nama_asli"))
    seen = {}
    for bukti in dirty:
        bukti.nama_asli = strip_bidi(bukti.nama_asli) or "berkas"
        seen[bukti.pk] = bukti
    Bukti.objects.bulk_update(list(seen.values()), ["nama_asli"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("appraisal", "0003_public_feedback_limits_and_feedback_release")]
    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
