# The background-job model moves from plans to core with its table kept (`plans_tugaslatar`):
# state only here, and plans 0005 removes it from the plans state only. No SQL runs.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_seq_unique"),
        ("plans", "0004_tugas_latar_tutup_periode"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="TugasLatar",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "jenis",
                            models.CharField(
                                choices=[
                                    ("SKP_MASSAL", "Pembuatan SKP massal"),
                                    ("TUTUP_PERIODE", "Penutupan periode penilaian"),
                                    ("BUKA_PERIODE", "Pembukaan periode penilaian"),
                                ],
                                max_length=20,
                                verbose_name="jenis",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("MENUNGGU", "Menunggu"),
                                    ("BERJALAN", "Berjalan"),
                                    ("SELESAI", "Selesai"),
                                    ("GAGAL", "Gagal"),
                                ],
                                db_index=True,
                                default="MENUNGGU",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("parameter", models.JSONField(blank=True, default=dict, verbose_name="parameter")),
                        ("total", models.PositiveIntegerField(default=0, verbose_name="jumlah")),
                        ("diproses", models.PositiveIntegerField(default=0, verbose_name="sudah diproses")),
                        ("pesan", models.TextField(blank=True, verbose_name="pesan")),
                        ("hasil", models.JSONField(blank=True, default=dict, verbose_name="hasil")),
                        ("dibuat_pada", models.DateTimeField(auto_now_add=True)),
                        ("dimulai_pada", models.DateTimeField(blank=True, null=True)),
                        ("selesai_pada", models.DateTimeField(blank=True, null=True)),
                        (
                            "dibuat_oleh",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tugas latar",
                        "verbose_name_plural": "tugas latar",
                        "ordering": ["-dibuat_pada", "-id"],
                        "db_table": "plans_tugaslatar",
                    },
                ),
            ],
        ),
    ]
