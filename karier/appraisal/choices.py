from django.db import models
from django.utils.translation import gettext_lazy as _


class Frekuensi(models.TextChoices):
    """How often periodic evaluations happen (configurable; default quarterly)."""

    TRIWULAN = "TRIWULAN", _("Triwulanan")
    BULANAN = "BULANAN", _("Bulanan")


class JenisPeriode(models.TextChoices):
    TRIWULAN = "TRIWULAN", _("Triwulan")
    BULAN = "BULAN", _("Bulan")
    TAHUNAN = "TAHUNAN", _("Tahunan")


class StatusPeriode(models.TextChoices):
    BELUM_DIBUKA = "BELUM_DIBUKA", _("Belum dibuka")
    DIBUKA = "DIBUKA", _("Dibuka")
    DITUTUP = "DITUTUP", _("Ditutup")


class RatingChoice(models.TextChoices):
    """Values are the labels of `karier.rules.Rating`."""

    DI_ATAS = "Di Atas Ekspektasi", _("Di Atas Ekspektasi")
    SESUAI = "Sesuai Ekspektasi", _("Sesuai Ekspektasi")
    DI_BAWAH = "Di Bawah Ekspektasi", _("Di Bawah Ekspektasi")


class PredikatChoice(models.TextChoices):
    """Values are the labels of `karier.rules.Predikat`."""

    SANGAT_BAIK = "Sangat Baik", _("Sangat Baik")
    BAIK = "Baik", _("Baik")
    BUTUH_PERBAIKAN = "Butuh Perbaikan", _("Butuh Perbaikan")
    KURANG = "Kurang/Misconduct", _("Kurang/Misconduct")
    SANGAT_KURANG = "Sangat Kurang", _("Sangat Kurang")


class PredikatOrganisasiChoice(models.TextChoices):
    """Values are the labels of `karier.rules.PredikatOrganisasi`."""

    ISTIMEWA = "Istimewa", _("Istimewa")
    BAIK = "Baik", _("Baik")
    BUTUH_PERBAIKAN = "Butuh Perbaikan", _("Butuh Perbaikan")
    KURANG = "Kurang", _("Kurang")
    SANGAT_KURANG = "Sangat Kurang", _("Sangat Kurang")


class StatusEvaluasi(models.TextChoices):
    DRAFT = "DRAFT", _("Belum dinilai")
    DINILAI = "DINILAI", _("Sudah dinilai")
    FINAL = "FINAL", _("Final (ditandatangani, terkunci)")
    DIBUKA_ULANG = "DIBUKA_ULANG", _("Dibuka ulang")


class JenisRater(models.TextChoices):
    REKAN = "REKAN", _("Rekan kerja setingkat")
    BAWAHAN = "BAWAHAN", _("Bawahan langsung")


class StatusNominasi(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", _("Diusulkan")
    DISETUJUI = "DISETUJUI", _("Disetujui atasan")
    DITOLAK = "DITOLAK", _("Ditolak atasan")
    DIJAWAB = "DIJAWAB", _("Sudah dijawab")


class StatusModerasi(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu moderasi")
    DITERIMA = "DITERIMA", _("Diterima")
    DITOLAK = "DITOLAK", _("Ditolak")


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DITERIMA = "DITERIMA", _("Diterima (predikat diubah)")
    DITOLAK = "DITOLAK", _("Ditolak")


class StatusFinalisasi(models.TextChoices):
    TERBUKA = "TERBUKA", _("Terbuka")
    FINAL = "FINAL", _("Final")
