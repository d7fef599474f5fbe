"""SKP — Sasaran Kinerja Pegawai (PermenPANRB 6/2022): one plan per person per year and position.

Each plan snapshots the position, unit and appraiser it was made under (they change mid-year;
history must still read right). Results rows (RHK) name the superior's RHK they support — the
cascade. An approved plan changes only through a recorded revision (`SkpRevisi`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from karier.people.models import Jabatan, Pegawai, UnitKerja
from karier.plans.choices import JenisDialog, JenisHasil, StatusSkp, SumberSkp
from karier.standards.choices import Aspek, Dimensi, Perspektif
from karier.standards.models import (
    Indikator,
    NilaiBerakhlak,
    PerjanjianKinerjaRow,
    StandarHasil,
)


class TahunKinerja(models.Model):
    """A performance year: its planning deadline (end of January by default, configurable) and
    whether it is closed (a closed year accepts no new plan or change)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), primary_key=True)
    batas_penetapan_skp = models.DateField(_("batas penetapan SKP"))
    ditutup = models.BooleanField(_("ditutup"), default=False)

    class Meta:
        verbose_name = _("tahun kinerja")
        verbose_name_plural = _("tahun kinerja")
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return str(self.tahun)


class Skp(models.Model):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    tahun = models.ForeignKey(TahunKinerja, on_delete=models.PROTECT, related_name="skp", db_column="tahun")
    periode_mulai = models.DateField(_("periode mulai"))
    periode_selesai = models.DateField(_("periode selesai"))
    # Snapshot of who and where, at creation (refreshed while the plan is a draft).
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_dinilai",
    )
    penilai_jabatan = models.ForeignKey(Jabatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=14, choices=StatusSkp.choices, default=StatusSkp.DRAFT, db_index=True
    )
    versi = models.PositiveIntegerField(_("versi"), default=1)
    sumber = models.CharField(_("dibuat dari"), max_length=12, choices=SumberSkp.choices, default=SumberSkp.KOSONG)
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-tahun", "pegawai__nama", "periode_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun", "periode_mulai"], name="one_skp_per_period"),
            models.CheckConstraint(
                condition=Q(periode_selesai__gte=models.F("periode_mulai")), name="skp_periode_order"
            ),
        ]
        indexes = [models.Index(fields=["tahun", "unit", "status"]), models.Index(fields=["penilai", "tahun"])]

    def __str__(self) -> str:
        return f"SKP {self.tahun_id} {self.pegawai}"


class RencanaHasilKerja(models.Model):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("bagian"), max_length=10, choices=JenisHasil.choices, default=JenisHasil.UTAMA)
    urutan = models.PositiveSmallIntegerField(default=1)
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intervensi",
    )
    teks = models.TextField(_("rencana hasil kerja"))
    dimensi = models.CharField(_("dimensi"), max_length=16, choices=Dimensi.choices, default=Dimensi.PRODUKTIVITAS)
    perspektif = models.CharField(_("perspektif"), max_length=24, choices=Perspektif.choices, blank=True)
    perjanjian_row = models.ForeignKey(
        PerjanjianKinerjaRow,
        verbose_name=_("dari perjanjian kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhk",
    )
    indikator_opd = models.ForeignKey(Indikator, null=True, blank=True, on_delete=models.SET_NULL, related_name="rhk")
    standar_hasil = models.ForeignKey(StandarHasil, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["skp", "jenis", "urutan", "id"]
        indexes = [models.Index(fields=["rhk_atasan"])]

    def __str__(self) -> str:
        return self.teks[:80]


class IndikatorKinerjaIndividu(models.Model):
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="iki")
    urutan = models.PositiveSmallIntegerField(default=1)
    aspek = models.CharField(_("aspek"), max_length=12, choices=Aspek.choices, default=Aspek.KUANTITAS)
    indikator = models.TextField(_("indikator kinerja individu"))
    target_angka = models.DecimalField(_("target (angka)"), max_digits=14, decimal_places=4, null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    target_kualitatif = models.CharField(_("target (uraian)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "urutan", "id"]

    def __str__(self) -> str:
        return self.indikator[:80]


class EkspektasiPerilaku(models.Model):
    """The superior's specific expectation for one BerAKHLAK value (ekspektasi khusus pimpinan)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="perilaku")
    nilai = models.ForeignKey(NilaiBerakhlak, on_delete=models.PROTECT, related_name="+")
    ekspektasi_khusus = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("ekspektasi perilaku")
        verbose_name_plural = _("ekspektasi perilaku")
        ordering = ["skp", "nilai__urutan"]
        constraints = [models.UniqueConstraint(fields=["skp", "nilai"], name="skp_one_expectation_per_value")]

    def __str__(self) -> str:
        return f"{self.skp_id} {self.nilai_id}"


class DialogKinerja(models.Model):
    """Notes of the performance dialogue kept with the plan (comments, returns, approvals)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="dialog")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=14, choices=JenisDialog.choices, default=JenisDialog.CATATAN)
    teks = models.TextField(_("catatan"))
    versi = models.PositiveIntegerField(_("versi SKP"))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["skp", "dibuat_pada", "id"]

    def __str__(self) -> str:
        return f"{self.skp_id} {self.jenis}"


class SkpRevisi(models.Model):
    """A frozen copy of a plan as it stood at a version (taken on approval and before a revision)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="revisi")
    versi = models.PositiveIntegerField()
    snapshot = models.JSONField()
    alasan = models.TextField(_("alasan"), blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revisi SKP")
        verbose_name_plural = _("revisi SKP")
        ordering = ["skp", "versi"]
        constraints = [models.UniqueConstraint(fields=["skp", "versi"], name="one_snapshot_per_version")]

    def __str__(self) -> str:
        return f"{self.skp_id} v{self.versi}"
