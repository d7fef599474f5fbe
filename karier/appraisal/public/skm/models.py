"""SKM models (imported by `karier.appraisal.models`, so they belong to the appraisal app).

Overlapping periods of one unit are refused by the service; on PostgreSQL an exclusion constraint
(migration 0005, raw SQL since SQLite has no equivalent) settles any race as well.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from karier.appraisal.public.skm.choices import (
    UNSUR_FIELDS,
    JenisKelaminResponden,
    PekerjaanResponden,
    PendidikanResponden,
    StatusSkm,
    StatusTindakLanjut,
    UnsurSkm,
    Usia,
)
from karier.people.models import Pegawai, UnitKerja


class PeriodeSkm(models.Model):
    """One survey period of one service unit, with its public link (token) and QR code."""

    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit layanan"), on_delete=models.PROTECT, related_name="+")
    nama = models.CharField(_("nama periode"), max_length=120)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    status = models.CharField(_("status"), max_length=6, choices=StatusSkm.choices, default=StatusSkm.DRAFT)
    token = models.CharField(max_length=32, unique=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    # The published report, frozen at closing (`documents.skm_report`, as the Perjanjian Kinerja's
    # `dokumen`): whoever heads the unit later and follow-up edits after closing do not change it.
    ditutup_pada = models.DateField(_("ditutup pada"), null=True, blank=True, editable=False)
    dokumen = models.JSONField(_("laporan yang diumumkan"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("periode SKM")
        verbose_name_plural = _("periode SKM")
        ordering = ["-mulai", "pk"]
        indexes = [models.Index(fields=["unit", "mulai"], name="skm_periode_unit_mulai")]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=F("mulai")), name="skm_periode_tanggal"),
        ]

    def __str__(self) -> str:
        return self.nama


def _one_to_four(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 4}), name=f"skm_{name}_1_4")


class ResponSkm(models.Model):
    """One anonymous questionnaire: the nine answers (1–4) and an optional respondent profile.
    Only keyed hashes of the device and address are kept, for the limits (as the short form)."""

    periode = models.ForeignKey(PeriodeSkm, on_delete=models.CASCADE, related_name="respons")
    u1 = models.PositiveSmallIntegerField(UnsurSkm.U1.label)
    u2 = models.PositiveSmallIntegerField(UnsurSkm.U2.label)
    u3 = models.PositiveSmallIntegerField(UnsurSkm.U3.label)
    u4 = models.PositiveSmallIntegerField(UnsurSkm.U4.label)
    u5 = models.PositiveSmallIntegerField(UnsurSkm.U5.label)
    u6 = models.PositiveSmallIntegerField(UnsurSkm.U6.label)
    u7 = models.PositiveSmallIntegerField(UnsurSkm.U7.label)
    u8 = models.PositiveSmallIntegerField(UnsurSkm.U8.label)
    u9 = models.PositiveSmallIntegerField(UnsurSkm.U9.label)
    usia = models.CharField(_("umur"), max_length=6, choices=Usia.choices, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=JenisKelaminResponden.choices, blank=True
    )
    pendidikan = models.CharField(_("pendidikan"), max_length=6, choices=PendidikanResponden.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=10, choices=PekerjaanResponden.choices, blank=True)
    saran = models.TextField(_("saran"), blank=True)  # read by the unit's managers only, never published
    perangkat_hash = models.CharField(max_length=64, blank=True, default="")  # "" when sent through the API
    alamat_hash = models.CharField(max_length=64, db_index=True)
    hari = models.DateField()
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("respons SKM")
        verbose_name_plural = _("respons SKM")
        constraints = [
            *(_one_to_four(name) for name in UNSUR_FIELDS),
            models.UniqueConstraint(
                fields=["periode", "perangkat_hash", "hari"],
                condition=~Q(perangkat_hash=""),
                name="skm_satu_per_perangkat_hari",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode_id} {self.hari}"


class TindakLanjutSkm(models.Model):
    """A follow-up action (rencana tindak lanjut) on one element of a period's result."""

    periode = models.ForeignKey(PeriodeSkm, on_delete=models.CASCADE, related_name="tindak_lanjut")
    unsur = models.CharField(_("unsur"), max_length=2, choices=UnsurSkm.choices)
    tindakan = models.TextField(_("tindakan"))
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=8, choices=StatusTindakLanjut.choices, default=StatusTindakLanjut.RENCANA
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tindak lanjut SKM")
        verbose_name_plural = _("tindak lanjut SKM")
        ordering = ["batas_waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(penanggung_jawab="") | Q(pegawai__isnull=False), name="skm_tindak_lanjut_pemilik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.tindakan[:40]}"
