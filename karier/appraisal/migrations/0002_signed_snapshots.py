# Issue #8 §3: signatures record who signed; what was signed is frozen in SnapshotEvaluasi.
# Issue #8 §9: KunciTutupPeriode, the per-period close lock on databases without advisory locks.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('appraisal', '0001_initial'),
        ('people', '0003_trigram_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluasi',
            name='ditandatangani_penilai_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to='people.pegawai'),
        ),
        migrations.CreateModel(
            name='SnapshotEvaluasi',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('versi', models.PositiveIntegerField()),
                ('tahap', models.CharField(max_length=12)),
                ('isi', models.JSONField()),
                ('hash', models.CharField(max_length=64)),
                ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                ('dibuat_oleh', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL,
                                                  related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evaluasi', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='snapshot',
                                               to='appraisal.evaluasi')),
            ],
            options={
                'verbose_name': 'snapshot evaluasi bertanda tangan',
                'verbose_name_plural': 'snapshot evaluasi bertanda tangan',
                'ordering': ['evaluasi', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('evaluasi', 'versi', 'tahap'),
                                                        name='snapshot_evaluasi_unique')],
            },
        ),
        migrations.CreateModel(
            name='KunciTutupPeriode',
            fields=[
                ('periode', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name='+', serialize=False,
                                                 to='appraisal.periodepenilaian')),
                ('dimulai_pada', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'kunci penutupan periode',
                'verbose_name_plural': 'kunci penutupan periode',
            },
        ),
    ]
