"""Exchange with SIASN (issue #11 item 8): the course and structural-training history imported from
SIASN's layouts (`kursus`, `diklat`, domain brief §7), and the two-phase imports that bring it in.

An imported row is history that happened outside Karier: it is kept as it came (layout, SIASN ids,
dates, hours) and counted in the JP ledger through one `CatatanJp` row it points to, so the ledger
stays one table and its source says "Impor SIASN". The import itself (rows and per-row report) is
kept like the assessment import: checked first, applied all or nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.development.models.competency import StatusImpor


class LayoutSiasn(models.TextChoices):
    KURSUS = "KURSUS", _("Riwayat kursus")
    DIKLAT = "DIKLAT", _("Riwayat diklat struktural")


class ImporSiasn(models.Model):
    """Phase one of a SIASN history import: the parsed rows and the per-row report."""

    baris = models.JSONField(default=list)
    kesalahan = models.JSONField(default=list)  # [[sheet, row number, message], …]
    nama_berkas = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=StatusImpor.choices, default=StatusImpor.DIPERIKSA)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("impor riwayat SIASN")
        verbose_name_plural = _("impor riwayat SIASN")

    def __str__(self) -> str:
        return f"Impor SIASN {self.pk} ({self.status})"


class RiwayatSiasn(models.Model):
    """One course or structural training imported from SIASN, and the ledger row it counts as."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    layout = models.CharField(_("jenis riwayat"), max_length=6, choices=LayoutSiasn.choices)
    jenis_diklat_id = models.CharField(_("jenis diklat SIASN"), max_length=4, blank=True)
    jenis_kursus = models.CharField(_("jenis kursus SIASN"), max_length=100, blank=True)
    latihan_struktural_id = models.CharField(_("latihan struktural SIASN"), max_length=4, blank=True)
    nama = models.CharField(_("nama kursus/diklat"), max_length=200)
    institusi = models.CharField(_("institusi penyelenggara"), max_length=200)
    nomor = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    jumlah_jam = models.DecimalField(_("jumlah jam (JP)"), max_digits=6, decimal_places=2)
    catatan_jp = models.OneToOneField(
        "development.CatatanJp", null=True, blank=True, on_delete=models.PROTECT, related_name="riwayat_siasn"
    )
    impor = models.ForeignKey(ImporSiasn, null=True, blank=True, on_delete=models.SET_NULL, related_name="riwayat")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat SIASN")
        verbose_name_plural = _("riwayat SIASN")
        ordering = ["-selesai", "-pk"]
        indexes = [models.Index(fields=["pegawai", "layout"], name="riwayat_siasn_pegawai")]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="riwayat_siasn_tanggal"),
            models.CheckConstraint(
                condition=models.Q(jumlah_jam__gte=0, jumlah_jam__lte=200), name="riwayat_siasn_jam_0_200"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.nama} {self.selesai}"
