"""Level changes confirmed by the superior (`UsulanKenaikanLevel`, the KEGIATAN source and the
enrolment on `PenilaianKompetensi`) and the per-person yearly JP totals (`RekapJpPegawai`)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('development', '0006_rencana_pengembangan'),
        ('people', '0003_trigram_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='penilaiankompetensi',
            name='pendaftaran',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='penilaian_kompetensi', to='development.pendaftaran', verbose_name='kegiatan pengembangan'),
        ),
        migrations.AlterField(
            model_name='penilaiankompetensi',
            name='sumber',
            field=models.CharField(choices=[('ASSESSMENT_CENTER', 'Assessment center'), ('UJI_KOMPETENSI', 'Uji kompetensi'), ('MANDIRI_DISETUJUI', 'Penilaian mandiri disetujui atasan'), ('OBSERVASI_ATASAN', 'Observasi atasan'), ('KEGIATAN', 'Kegiatan pengembangan dikonfirmasi atasan')], max_length=20, verbose_name='sumber'),
        ),
        migrations.AlterField(
            model_name='skorpotensi',
            name='sumber',
            field=models.CharField(choices=[('ASSESSMENT_CENTER', 'Assessment center'), ('UJI_KOMPETENSI', 'Uji kompetensi'), ('MANDIRI_DISETUJUI', 'Penilaian mandiri disetujui atasan'), ('OBSERVASI_ATASAN', 'Observasi atasan'), ('KEGIATAN', 'Kegiatan pengembangan dikonfirmasi atasan')], max_length=20, verbose_name='sumber'),
        ),
        migrations.CreateModel(
            name='RekapJpPegawai',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(verbose_name='tahun')),
                ('jp_total', models.DecimalField(decimal_places=2, default=0, max_digits=8, verbose_name='JP')),
                ('jumlah', models.PositiveIntegerField(default=0, verbose_name='jumlah catatan')),
                ('diubah_pada', models.DateTimeField(auto_now=True)),
                ('pegawai', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rekap_jp', to='people.pegawai')),
            ],
            options={
                'verbose_name': 'rekap JP pegawai',
                'verbose_name_plural': 'rekap JP pegawai',
                'indexes': [models.Index(fields=['tahun', 'pegawai'], name='rekap_jp_tahun_pegawai')],
                'constraints': [models.UniqueConstraint(fields=('pegawai', 'tahun'), name='rekap_jp_pegawai_tahun')],
            },
        ),
        migrations.CreateModel(
            name='UsulanKenaikanLevel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level_awal', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='level saat diusulkan')),
                ('level_usulan', models.PositiveSmallIntegerField(verbose_name='level menurut kegiatan')),
                ('status', models.CharField(choices=[('MENUNGGU', 'Menunggu konfirmasi atasan'), ('DIKONFIRMASI', 'Dikonfirmasi atasan'), ('DITOLAK', 'Ditolak atasan')], default='MENUNGGU', max_length=12, verbose_name='status')),
                ('level_dikonfirmasi', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='level dikonfirmasi')),
                ('catatan_atasan', models.TextField(blank=True, verbose_name='catatan atasan')),
                ('diputus_pada', models.DateTimeField(blank=True, null=True)),
                ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                ('diputus_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('kompetensi', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='development.kompetensi')),
                ('pegawai', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.pegawai')),
                ('pendaftaran', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='usulan_level', to='development.pendaftaran', verbose_name='kegiatan')),
                ('penilaian', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='usulan_level', to='development.penilaiankompetensi')),
            ],
            options={
                'verbose_name': 'usulan kenaikan level kompetensi',
                'verbose_name_plural': 'usulan kenaikan level kompetensi',
                'ordering': ['dibuat_pada', 'pk'],
                'indexes': [models.Index(fields=['status', 'pegawai'], name='usulan_level_status')],
                'constraints': [models.UniqueConstraint(fields=('pendaftaran', 'kompetensi'), name='usulan_level_satu_per_kegiatan'), models.CheckConstraint(condition=models.Q(('level_usulan__gte', 1), ('level_usulan__lte', 5)), name='usulan_level_1_5')],
            },
        ),
    ]
