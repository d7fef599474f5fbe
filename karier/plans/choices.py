from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusSkp(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DIKEMBALIKAN = "DIKEMBALIKAN", _("Dikembalikan")
    DISETUJUI = "DISETUJUI", _("Disetujui")


class JenisHasil(models.TextChoices):
    UTAMA = "UTAMA", _("A. Hasil kerja utama")
    TAMBAHAN = "TAMBAHAN", _("B. Hasil kerja tambahan")


class SumberSkp(models.TextChoices):
    KOSONG = "KOSONG", _("Dibuat kosong")
    TAHUN_LALU = "TAHUN_LALU", _("Disalin dari tahun lalu")
    STANDAR = "STANDAR", _("Dari standar jabatan")
    MASSAL = "MASSAL", _("Dibuat massal oleh kepala unit")


class JenisDialog(models.TextChoices):
    CATATAN = "CATATAN", _("Catatan dialog kinerja")
    PENGAJUAN = "PENGAJUAN", _("Pengajuan")
    PENGEMBALIAN = "PENGEMBALIAN", _("Dikembalikan untuk diperbaiki")
    PERSETUJUAN = "PERSETUJUAN", _("Persetujuan")
    REVISI = "REVISI", _("Revisi")
