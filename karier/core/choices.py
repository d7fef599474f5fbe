"""Choices of core's own records: background jobs (`TugasLatar`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisTugasLatar(models.TextChoices):
    """Every kind of background job, whichever app runs it (a new kind is a core migration)."""

    SKP_MASSAL = "SKP_MASSAL", _("Pembuatan SKP massal")
    TUTUP_PERIODE = "TUTUP_PERIODE", _("Penutupan periode penilaian")
    BUKA_PERIODE = "BUKA_PERIODE", _("Pembukaan periode penilaian")
    IMPOR_KOMPETENSI = "IMPOR_KOMPETENSI", _("Impor penilaian kompetensi")
    IMPOR_SIASN = "IMPOR_SIASN", _("Impor riwayat kursus/diklat SIASN")
    REKOMENDASI = "REKOMENDASI", _("Perhitungan kebutuhan dan rekomendasi pengembangan")
    KARIER = "KARIER", _("Perhitungan karier dan talenta")
    IMPOR_RIWAYAT_KINERJA = "IMPOR_RIWAYAT", _("Impor riwayat predikat dan angka kredit")
    SUKSESI = "SUKSESI", _("Perhitungan kandidat suksesi jabatan kritikal")
    DASBOR = "DASBOR", _("Penyegaran data dasbor")
    LAPORAN_MASSAL = "LAPORAN_MASSAL", _("Pengumpulan dokumen resmi (zip)")
    EKSPOR_PEGAWAI = "EKSPOR_PEGAWAI", _("Ekspor daftar pegawai (Excel)")


class StatusTugasLatar(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu")
    BERJALAN = "BERJALAN", _("Berjalan")
    SELESAI = "SELESAI", _("Selesai")
    GAGAL = "GAGAL", _("Gagal")
