"""The 9-box (issue #12 §4; PermenPANRB 3/2020 as amended by 20/2025) and the disciplinary sanctions
that exclude from talent pools.

`AturanTalenta` is the rule set as versioned data — which regulation, which method for the kinerja
axis, which cut-offs and weights for the potensial axis, how many years a sanction excludes, the
readiness cut-offs of succession — because agencies and the 2025 amendment differ; a rule set in use
is never edited, a new version is added. `PenempatanTalenta` is one person's placement for a year:
the two levels (the box number is derived by `karier.rules.nine_box` only), the rule set, every input
as it was (the predikat with their evaluation ids, the JPM and its components, the sanctions) and the
plain-language explanation, so anyone can recompute it and get the same box.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.talent.choices import LevelTalenta


class MetodeKinerja(models.TextChoices):
    """Values are `karier.rules.KinerjaMethod`."""

    TERENDAH = "terendah", _("Yang lebih rendah dari dua tahun terakhir")
    TERAKHIR = "terakhir", _("Tahun terakhir")
    TERTINGGI = "tertinggi", _("Yang lebih tinggi dari dua tahun terakhir")


class AturanTalenta(models.Model):
    """A versioned talent rule set."""

    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=150)
    regulasi = models.CharField(_("dasar regulasi"), max_length=120)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    metode_kinerja = models.CharField(
        _("metode level kinerja"), max_length=10, choices=MetodeKinerja.choices, default=MetodeKinerja.TERENDAH
    )
    batas_tinggi = models.DecimalField(_("batas potensial tinggi"), max_digits=5, decimal_places=2, default=Decimal(90))
    batas_menengah = models.DecimalField(
        _("batas potensial menengah"), max_digits=5, decimal_places=2, default=Decimal(78)
    )
    bobot = models.JSONField(_("bobot komponen potensial"), default=dict, blank=True)
    tahun_hukuman = models.PositiveSmallIntegerField(_("masa pengecualian hukuman (tahun)"), default=2)
    kesiapan_sekarang = models.DecimalField(
        _("kesesuaian minimal 'Siap sekarang' (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    kesiapan_1_2_tahun = models.DecimalField(
        _("kesesuaian minimal 'Siap 1–2 tahun' (%)"), max_digits=5, decimal_places=2, default=Decimal(75)
    )
    opd = models.ForeignKey(
        "people.UnitKerja",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong: berlaku untuk semua perangkat daerah yang tidak punya aturan sendiri."),
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aturan talenta")
        verbose_name_plural = _("aturan talenta")
        ordering = ["-berlaku_mulai", "kode", "-versi"]
        # A new version keeps the code of the rule set it revises (PERMENPANRB-20-2025 v1, v2, …).
        constraints = [models.UniqueConstraint(fields=["kode", "versi"], name="aturan_talenta_kode_versi")]

    def __str__(self) -> str:
        return f"{self.kode} v{self.versi}"


class PenempatanTalenta(models.Model):
    """One person's 9-box placement for one year, with everything that produced it."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    aturan = models.ForeignKey(AturanTalenta, on_delete=models.PROTECT, related_name="+")
    kinerja = models.CharField(_("level kinerja"), max_length=10, choices=LevelTalenta.choices)
    potensial = models.CharField(_("level potensial"), max_length=10, choices=LevelTalenta.choices)
    kotak = models.PositiveSmallIntegerField(_("kotak"))
    skor_potensial = models.DecimalField(_("skor potensial"), max_digits=5, decimal_places=2)
    dikecualikan = models.BooleanField(_("dikecualikan dari kelompok talenta"), default=False)
    alasan_pengecualian = models.JSONField(default=list)
    masukan = models.JSONField(_("masukan"), default=dict)
    penjelasan = models.JSONField(_("penjelasan"), default=list)
    opd = models.ForeignKey("people.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("people.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tugas = models.ForeignKey("core.TugasLatar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("penempatan talenta")
        verbose_name_plural = _("penempatan talenta")
        ordering = ["pegawai_id", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="penempatan_per_tahun")]
        indexes = [
            models.Index(fields=["tahun", "opd", "kotak"], name="penempatan_opd_kotak"),
            models.Index(fields=["tahun", "unit", "kotak"], name="penempatan_unit_kotak"),
            models.Index(fields=["tahun", "kotak"], name="penempatan_kotak"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: kotak {self.kotak}"


class HukumanDisiplin(models.Model):
    """A disciplinary sanction (kinds of SIASN `jenisHukuman`), with its decree."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    jenis = models.PositiveSmallIntegerField(_("jenis hukuman"))  # SIASN jenisHukuman id
    tingkat = models.CharField(_("tingkat"), max_length=1)  # R/S/B, from the kind at write time
    nomor_sk = models.CharField(_("nomor SK"), max_length=80)
    tanggal_sk = models.DateField(_("tanggal SK"))
    tmt_mulai = models.DateField(_("TMT hukuman"))
    tmt_selesai = models.DateField(_("akhir hukuman"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")
        ordering = ["-tmt_mulai", "-pk"]
        indexes = [models.Index(fields=["pegawai", "tmt_mulai"], name="hukuman_pegawai_tmt")]

    def __str__(self) -> str:
        return f"Hukuman {self.pegawai_id} {self.nomor_sk}"
