"""Recommendations and the stored needs snapshot (issue #11 item 5, and item 3's analysis at scale).

One background run (`PerhitunganRekomendasi`) computes, for every active person in its scope (the
province, or one agency), their needs (`KebutuhanTersimpan`, one row per person and need) and the best
catalogue activities for them (`RekomendasiKegiatan`, the top N with the structured reason). Rows are
written in chunks tagged with their run and become visible only when the run is switched on
(`aktif`): the switch and the removal of the scope's previous rows are one short transaction, so a
reader sees the old result or the new one, never a mix, and a run that stops half-way shows nothing.

The reason is stored as data (competency, from level, to level, JP, the performance signal) and put
into words at display time, so it follows the reader's language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.development.models.catalogue import KegiatanPengembangan
from karier.development.models.competency import Kompetensi
from karier.people.models import Pegawai, UnitKerja

__all__ = ["KebutuhanTersimpan", "PerhitunganRekomendasi", "RekomendasiKegiatan"]


class PerhitunganRekomendasi(models.Model):
    """One run of the computation: its scope (an agency, or everyone when empty) and its outcome."""

    opd = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("perangkat daerah")
    )
    tugas = models.ForeignKey(
        "core.TugasLatar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("tugas")
    )
    aktif = models.BooleanField(_("hasil yang berlaku"), default=False)
    jumlah_pegawai = models.PositiveIntegerField(_("jumlah pegawai"), default=0)
    jumlah_rekomendasi = models.PositiveIntegerField(_("jumlah rekomendasi"), default=0)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dimulai"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("perhitungan rekomendasi")
        verbose_name_plural = _("perhitungan rekomendasi")

    def __str__(self) -> str:
        return f"Perhitungan {self.pk} ({self.opd_id or 'semua'})"


class KebutuhanTersimpan(models.Model):
    """One need of one person as of a run: what the training-needs analysis counts."""

    # one composite index (pegawai, perhitungan) serves every lookup: fewer indexes to write per row
    perhitungan = models.ForeignKey(PerhitunganRekomendasi, on_delete=models.CASCADE, related_name="+", db_index=False)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    kode = models.CharField(_("kode"), max_length=60)  # "kompetensi:M.3", "predikat", "perilaku:ADAPTIF", "rhk"
    jenis = models.CharField(_("jenis"), max_length=12)  # "kompetensi" | "kinerja"
    nama = models.CharField(_("nama"), max_length=150, blank=True)  # data: the competency's or value's name
    bobot = models.PositiveSmallIntegerField(_("bobot"))
    disyaratkan = models.PositiveSmallIntegerField(null=True, blank=True)
    dinilai = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("kebutuhan tersimpan")
        verbose_name_plural = _("kebutuhan tersimpan")
        indexes = [models.Index(fields=["pegawai", "perhitungan"], name="kebutuhan_tersimpan_pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.kode}"


class RekomendasiKegiatan(models.Model):
    """One recommended activity for one person, with the need it mainly closes."""

    # one composite index (pegawai, perhitungan) serves every lookup: fewer indexes to write per row
    perhitungan = models.ForeignKey(PerhitunganRekomendasi, on_delete=models.CASCADE, related_name="+", db_index=False)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    kegiatan = models.ForeignKey(KegiatanPengembangan, on_delete=models.CASCADE, related_name="+")
    peringkat = models.PositiveSmallIntegerField(_("peringkat"))
    skor = models.PositiveIntegerField(_("skor"))
    kompetensi = models.ForeignKey(
        Kompetensi, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    dari = models.PositiveSmallIntegerField(_("dari level"), null=True, blank=True)  # None: never assessed
    ke = models.PositiveSmallIntegerField(_("ke level"), null=True, blank=True)
    disyaratkan = models.PositiveSmallIntegerField(_("level yang disyaratkan"), null=True, blank=True)
    sinyal = models.CharField(_("sinyal kinerja"), max_length=60, blank=True)  # e.g. "perilaku:ADAPTIF"
    sinyal_nama = models.CharField(max_length=150, blank=True)
    lainnya = models.PositiveSmallIntegerField(_("kebutuhan lain yang juga dijawab"), default=0)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["pegawai", "peringkat"]
        verbose_name = _("rekomendasi kegiatan")
        verbose_name_plural = _("rekomendasi kegiatan")
        indexes = [models.Index(fields=["pegawai", "perhitungan"], name="rekomendasi_pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} #{self.peringkat} {self.kegiatan_id}"
