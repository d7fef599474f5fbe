"""What the dashboards' pre-aggregated table holds: one kind of figure per value."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MetrikDasbor(models.TextChoices):
    """A figure of `AngkaDasbor`; `kategori` says which part of it a row counts."""

    PEGAWAI = "PEGAWAI", _("Pegawai aktif")  # kategori ""
    PREDIKAT = "PREDIKAT", _("Predikat kinerja tahunan")  # kategori: the final predikat
    SKP = "SKP", _("Status SKP")  # kategori: StatusSkp
    EVALUASI = "EVALUASI", _("Status evaluasi tahunan")  # kategori: StatusEvaluasi
    JP = "JP", _("Pemenuhan JP")  # kategori MEMENUHI: people at their year's JP target
    TALENTA = "TALENTA", _("Kotak talenta (9-box)")  # kategori "1".."9"
    PROMOSI = "PROMOSI", _("Kenaikan pangkat")  # kategori LAYAK or StatusUsulanPangkat
    KASKADE = "KASKADE", _("Cakupan kaskade")  # kategori RHK (all) and TERHUBUNG (linked upward)
    IKU = "IKU", _("Indikator kinerja utama")  # province-wide rows: nilai = realisasi, target, label
    # Issue #13 item 3, from the SKM survey (`ikm_rows`): kategori "<status>:<period id>", jumlah = its
    # respondents, nilai = its IKM; per agency one row without a unit: nilai = the agency's IKM.
    IKM = "IKM", _("Indeks kepuasan masyarakat")


MEMENUHI = "MEMENUHI"
LAYAK = "LAYAK"
RHK = "RHK"
TERHUBUNG = "TERHUBUNG"
