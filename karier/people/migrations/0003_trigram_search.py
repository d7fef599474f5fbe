"""On PostgreSQL, a trigram index makes name search (icontains) fast at a million rows."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS pegawai_nama_trgm ON people_pegawai USING gin (UPPER(nama) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS pegawai_nama_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_reference_data")]
    operations = [migrations.RunPython(forward, backward)]
