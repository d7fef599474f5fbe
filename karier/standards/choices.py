from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimensi(models.TextChoices):
    """The three things a standard covers (the brief: productivity, competence and integrity)."""

    PRODUKTIVITAS = "PRODUKTIVITAS", _("Produktivitas")
    KOMPETENSI = "KOMPETENSI", _("Kompetensi")
    INTEGRITAS = "INTEGRITAS", _("Integritas")


class Aspek(models.TextChoices):
    """Aspects of an indicator (PermenPANRB 6/2022). All but kualitas need a numeric target."""

    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class Arah(models.TextChoices):
    NAIK = "NAIK", _("Makin tinggi makin baik")
    TURUN = "TURUN", _("Makin rendah makin baik")


class Perspektif(models.TextChoices):
    """Perspectives of a JPT's results (PermenPANRB 6/2022, balanced-scorecard style)."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", _("Penerima Layanan")
    PROSES_BISNIS = "PROSES_BISNIS", _("Proses Bisnis")
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", _("Penguatan Internal")
    ANGGARAN = "ANGGARAN", _("Anggaran")


class StatusPerjanjian(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    DITANDATANGANI = "DITANDATANGANI", _("Ditandatangani")
