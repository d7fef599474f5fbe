"""Recognition and motivation (issue #12 §8): public recognitions (apresiasi) from superiors and
peers, linked to a BerAKHLAK value or an RHK; proposals for the agency's awards (box 9, or Sangat
Baik two years running); and each person's recorded innovations with their result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Apresiasi(models.Model):
    penerima = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    pemberi = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    nilai = models.ForeignKey(
        "standards.NilaiBerakhlak", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rhk = models.ForeignKey(
        "plans.RencanaHasilKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    teks = models.CharField(_("apresiasi"), max_length=500)
    disembunyikan = models.BooleanField(_("disembunyikan"), default=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("apresiasi")
        verbose_name_plural = _("apresiasi")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["penerima", "dibuat_pada"], name="apresiasi_penerima")]

    def __str__(self) -> str:
        return f"Apresiasi untuk {self.penerima_id}"


class StatusInovasi(models.TextChoices):
    DICATAT = "DICATAT", _("Dicatat")
    DIVERIFIKASI = "DIVERIFIKASI", _("Diverifikasi atasan")


class Inovasi(models.Model):
    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    judul = models.CharField(_("judul inovasi"), max_length=200)
    uraian = models.TextField(_("uraian"))
    hasil = models.TextField(_("hasil/dampak"), blank=True)
    rhk = models.ForeignKey(
        "plans.RencanaHasilKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tanggal = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=12, choices=StatusInovasi.choices, default=StatusInovasi.DICATAT)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return self.judul


class StatusUsulanPenghargaan(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", _("Diusulkan")
    DITERUSKAN = "DITERUSKAN", _("Diteruskan ke panitia penghargaan")
    DITOLAK = "DITOLAK", _("Tidak diteruskan")


class UsulanPenghargaan(models.Model):
    """A proposal for the agency's award, from the rule (box 9, or Sangat Baik two years running)."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    alasan = models.JSONField(_("alasan"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=StatusUsulanPenghargaan.choices, default=StatusUsulanPenghargaan.DIUSULKAN
    )
    catatan = models.TextField(_("catatan"), blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("usulan penghargaan")
        verbose_name_plural = _("usulan penghargaan")
        ordering = ["-tahun", "pk"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="usulan_penghargaan_per_tahun")]

    def __str__(self) -> str:
        return f"Usulan penghargaan {self.pegawai_id} {self.tahun}"
