"""Hash-chain the audit trail: number every row, seal it with sha256 over its content and the
previous row's hash, and keep the chain's head in one lockable row. Existing rows are chained here
in (created_at, id) order, so `karier periksa-audit` starts from an intact chain."""

import datetime as dt
import hashlib
import json

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

GENESIS = "0" * 64


def _hash(row, prev_hash):
    # Same canonical form as karier.core.audit._hash (copied: migrations must not import live code).
    payload = {
        "seq": row.seq,
        "created_at": row.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": row.actor_id,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "summary": row.summary,
        "changes": row.changes,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    prev, seq, batch = GENESIS, 0, []
    for row in AuditEvent.objects.order_by("created_at", "id").iterator(chunk_size=2000):
        seq += 1
        row.seq, row.prev_hash = seq, prev
        row.hash = prev = _hash(row, row.prev_hash)
        batch.append(row)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(default="", max_length=64)),
            ],
            options={"verbose_name": "ujung rantai audit", "verbose_name_plural": "ujung rantai audit"},
        ),
        migrations.CreateModel(
            name="PemeriksaanIntegritas",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("dijalankan_pada", models.DateTimeField(db_index=True, default=django.utils.timezone.now,
                                                         verbose_name="dijalankan pada")),
                ("jumlah_kerusakan", models.PositiveIntegerField(default=0, verbose_name="jumlah kerusakan")),
                ("laporan", models.TextField(blank=True, verbose_name="laporan")),
                ("dijalankan_oleh", models.ForeignKey(blank=True, null=True,
                                                      on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                      to=settings.AUTH_USER_MODEL, verbose_name="dijalankan oleh")),
            ],
            options={"verbose_name": "pemeriksaan integritas", "verbose_name_plural": "pemeriksaan integritas",
                     "ordering": ["-dijalankan_pada", "-id"]},
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False,
                                       verbose_name="waktu"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="pelaku"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="nomor urut"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash baris sebelumnya"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
