"""Kenaikan pangkat (issue #12 §2): each PNS's computed eligibility, and the usulan that moves
proposed → verified → decided into the rank history.

`KelayakanPangkat` is what `karier.rules.promotion_eligibility` said about a person when last
computed (by the recompute job after a period close, and by the services after a write that changes
it), with the agency stored on the row so the BKD list for one promotion date reads one index range.
The usulan keeps the eligibility it was proposed on; deciding it re-checks the rule and writes
`people.RiwayatGolongan` through the people service, with the SK number and date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisKenaikan(models.TextChoices):
    REGULER = "REGULER", _("Kenaikan pangkat reguler")
    PILIHAN = "PILIHAN", _("Kenaikan pangkat pilihan (jabatan fungsional)")


class KelayakanPangkat(models.Model):
    """A person's promotion eligibility as last computed (one row per PNS)."""

    pegawai = models.OneToOneField("people.Pegawai", on_delete=models.CASCADE, primary_key=True, related_name="+")
    opd = models.ForeignKey("people.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisKenaikan.choices)
    golongan = models.ForeignKey("people.Golongan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    golongan_berikut = models.ForeignKey(
        "people.Golongan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    layak = models.BooleanField(_("memenuhi syarat"))
    tmt_terdekat = models.DateField(_("TMT terdekat"), null=True, blank=True)
    alasan = models.JSONField(_("alasan belum memenuhi syarat"), default=list)
    catatan = models.JSONField(default=list)
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("kelayakan kenaikan pangkat")
        verbose_name_plural = _("kelayakan kenaikan pangkat")
        indexes = [
            models.Index(fields=["tmt_terdekat", "opd"], name="kelayakan_tmt_opd"),
            models.Index(fields=["opd", "tmt_terdekat"], name="kelayakan_opd_tmt"),
        ]

    def __str__(self) -> str:
        return f"Kelayakan {self.pegawai_id}"


class StatusUsulanPangkat(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", _("Diusulkan")
    DIVERIFIKASI = "DIVERIFIKASI", _("Diverifikasi")
    DITETAPKAN = "DITETAPKAN", _("Ditetapkan")
    DITOLAK = "DITOLAK", _("Ditolak")


class UsulanKenaikanPangkat(models.Model):
    """A promotion proposal for one promotion date (TMT)."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisKenaikan.choices)
    tmt = models.DateField(_("TMT kenaikan pangkat"))
    golongan_dari = models.ForeignKey("people.Golongan", on_delete=models.PROTECT, related_name="+")
    golongan_ke = models.ForeignKey("people.Golongan", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=StatusUsulanPangkat.choices, default=StatusUsulanPangkat.DIUSULKAN
    )
    kelayakan = models.JSONField(_("kelayakan saat diusulkan"), default=dict)
    catatan = models.TextField(_("catatan"), blank=True)
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diusulkan_pada = models.DateTimeField(auto_now_add=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=80, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    riwayat = models.ForeignKey(
        "people.RiwayatGolongan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("usulan kenaikan pangkat")
        verbose_name_plural = _("usulan kenaikan pangkat")
        ordering = ["-tmt", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=models.Q(status__in=["DIUSULKAN", "DIVERIFIKASI"]),
                name="usulan_pangkat_satu_terbuka",
            )
        ]
        indexes = [models.Index(fields=["tmt", "status"], name="usulan_pangkat_tmt")]

    def __str__(self) -> str:
        return f"Usulan KP {self.pegawai_id} {self.tmt}"
