"""The individual development plan (issue #11 §6, IDP, "rencana pengembangan kompetensi"): one per
person per year, agreed with the superior like the SKP, each item linked to the need it closes.

An item is either an activity of the catalogue (optionally a chosen session; enrolment goes through
the catalogue's service and the item keeps the enrolment it led to) or self-development outside the
catalogue (title, method, provider, planned JP; reported later through the JP ledger's
`mandiri_report`). The need is stored as it was when the item was chosen — its key in
`competency.gaps.Kebutuhan` ("kompetensi:M.3", "predikat", "perilaku", "rhk"), its title and, for a
competency, the levels from and to — because a plan agreed in January must still say in December
why an activity was chosen, after the reassessment that closed the gap. An item that closes no
current need is allowed but flagged (`tanpa_kesenjangan`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.development.models.catalogue import JP_MAX, MetodePengembangan


class StatusRencana(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DIKEMBALIKAN = "DIKEMBALIKAN", _("Dikembalikan")


class RencanaPengembangan(models.Model):
    """One person's development plan for one year."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=12, choices=StatusRencana.choices, default=StatusRencana.DRAFT)
    catatan = models.TextField(_("catatan pegawai"), blank=True)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        ordering = ["-tahun", "pk"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rencana_satu_per_tahun")]
        indexes = [models.Index(fields=["status", "tahun"], name="rencana_status_tahun")]

    def __str__(self) -> str:
        return f"IDP {self.pegawai_id} {self.tahun}"


class ItemRencana(models.Model):
    """One planned activity: from the catalogue, or self-development outside it."""

    rencana = models.ForeignKey(RencanaPengembangan, on_delete=models.CASCADE, related_name="item")
    kegiatan = models.ForeignKey(
        "development.KegiatanPengembangan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sesi = models.ForeignKey(
        "development.SesiKegiatan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Self-development outside the catalogue (empty for a catalogue activity).
    judul = models.CharField(_("judul kegiatan"), max_length=200, blank=True)
    metode = models.CharField(_("metode"), max_length=30, choices=MetodePengembangan.choices, blank=True)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    jp_rencana = models.DecimalField(
        _("JP direncanakan"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(JP_MAX)],
    )
    # The need it closes, as it was when chosen.
    kebutuhan_kode = models.CharField(_("kode kebutuhan"), max_length=80, blank=True)
    kebutuhan_jenis = models.CharField(_("jenis kebutuhan"), max_length=12, blank=True)
    kebutuhan_judul = models.CharField(_("kebutuhan"), max_length=200, blank=True)
    kompetensi = models.ForeignKey(
        "development.Kompetensi", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level_dari = models.PositiveSmallIntegerField(_("dari level"), null=True, blank=True)
    level_ke = models.PositiveSmallIntegerField(_("ke level"), null=True, blank=True)
    tanpa_kesenjangan = models.BooleanField(_("tanpa kesenjangan"), default=False)
    target_bulan = models.PositiveSmallIntegerField(
        _("target bulan"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    catatan = models.TextField(_("catatan"), blank=True)
    # What came of it: the enrolment made from it, or the self-development report.
    pendaftaran = models.ForeignKey(
        "development.Pendaftaran", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mandiri = models.ForeignKey(
        "development.PengembanganMandiri", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan dalam rencana pengembangan")
        verbose_name_plural = _("kegiatan dalam rencana pengembangan")
        ordering = ["rencana", "target_bulan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kegiatan__isnull=False) | ~models.Q(judul=""), name="item_rencana_kegiatan_or_judul"
            ),
            models.CheckConstraint(
                condition=models.Q(target_bulan__isnull=True) | models.Q(target_bulan__gte=1, target_bulan__lte=12),
                name="item_rencana_bulan_1_12",
            ),
        ]

    def __str__(self) -> str:
        return self.judul or f"{self.kegiatan_id}"

    @property
    def triwulan(self) -> int | None:
        return (self.target_bulan - 1) // 3 + 1 if self.target_bulan else None

    @property
    def target_tanggal(self) -> dt.date | None:
        """The first day of the target month (screens show its month name in the reader's language)."""
        return dt.date(self.rencana.tahun, self.target_bulan, 1) if self.target_bulan else None

    @property
    def mandiri_di_luar_katalog(self) -> bool:
        return self.kegiatan_id is None
