"""Coaching (issue #12 §6: bimbingan kinerja and konseling kinerja, PermenPANRB 6/2022 Pasal 40–43).

A plan is opened for whoever the rules say needs support (`karier.rules` coaching reasons: a predikat
of Butuh Perbaikan or below, or boxes 1, 2, 3, 6), with a mentor — the superior by default, never
missing — meetings with notes, agreed actions with due dates, a follow-up date and the outcome.
The reasons are stored as they were when the plan was opened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisBimbingan(models.TextChoices):
    BIMBINGAN = "BIMBINGAN", _("Bimbingan kinerja")
    KONSELING = "KONSELING", _("Konseling kinerja")


class StatusBimbingan(models.TextChoices):
    AKTIF = "AKTIF", _("Berjalan")
    SELESAI = "SELESAI", _("Selesai")


class HasilBimbingan(models.TextChoices):
    MEMBAIK = "MEMBAIK", _("Kinerja membaik")
    BERLANJUT = "BERLANJUT", _("Perlu dilanjutkan")
    KONSELING = "KONSELING", _("Dilanjutkan dengan konseling kinerja")


class RencanaBimbingan(models.Model):
    """A coaching plan for one person."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    mentor = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=JenisBimbingan.choices, default=JenisBimbingan.BIMBINGAN
    )
    pemicu = models.JSONField(_("alasan"), default=list)
    tujuan = models.TextField(_("tujuan yang disepakati"), blank=True)
    tanggal_tindak_lanjut = models.DateField(_("tanggal tindak lanjut"))
    status = models.CharField(_("status"), max_length=8, choices=StatusBimbingan.choices, default=StatusBimbingan.AKTIF)
    hasil = models.CharField(_("hasil"), max_length=10, choices=HasilBimbingan.choices, blank=True)
    catatan_hasil = models.TextField(_("catatan hasil"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rencana bimbingan kinerja")
        verbose_name_plural = _("rencana bimbingan kinerja")
        ordering = ["-tahun", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun"], condition=models.Q(status="AKTIF"), name="bimbingan_satu_aktif"
            )
        ]
        indexes = [models.Index(fields=["mentor", "status"], name="bimbingan_mentor_status")]

    def __str__(self) -> str:
        return f"Bimbingan {self.pegawai_id} {self.tahun}"


class PertemuanBimbingan(models.Model):
    rencana = models.ForeignKey(RencanaBimbingan, on_delete=models.CASCADE, related_name="pertemuan")
    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan"))
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pertemuan bimbingan")
        verbose_name_plural = _("pertemuan bimbingan")
        ordering = ["tanggal", "pk"]

    def __str__(self) -> str:
        return f"Pertemuan {self.rencana_id} {self.tanggal}"


class TindakanBimbingan(models.Model):
    rencana = models.ForeignKey(RencanaBimbingan, on_delete=models.CASCADE, related_name="tindakan")
    uraian = models.CharField(_("tindakan yang disepakati"), max_length=300)
    batas = models.DateField(_("batas waktu"))
    selesai = models.BooleanField(_("selesai"), default=False)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tindakan bimbingan")
        verbose_name_plural = _("tindakan bimbingan")
        ordering = ["batas", "pk"]

    def __str__(self) -> str:
        return self.uraian
