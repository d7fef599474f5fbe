"""Competency standards per position (SKJ, issue #11 item 1) and assessments (item 2).

The dictionary (`Kompetensi` + `LevelKompetensi`) holds the eight managerial competencies and
perekat bangsa from the Kamus Kompetensi (PermenPANRB 38/2017, loaded by a data migration from
`development/data/kamus_kompetensi_manajerial_sosiokultural.csv`) and the technical competencies a
BKD admin adds. The required level per position is the rules' default table
(`karier.rules.competency.DEFAULT_REQUIRED_LEVELS`, by kind of position or functional jenjang) unless
a `StandarKompetensiJabatan` row overrides it — so 2,000 positions need no 18,000 copied rows, and a
change to the default reaches every position that was never edited. Technical competencies have no
default: they are required only where a row says so.

`PenilaianKompetensi` is a history: the current level of a person in a competency is the latest
assessment in force (by date, then id); nothing is overwritten. `SkorPotensi` is the potential score
(JPM) for the talent box, with the components it was computed from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from karier.people.models import Jabatan, Pegawai


class JenisKompetensi(models.TextChoices):
    MANAJERIAL = "MANAJERIAL", _("Manajerial")
    SOSIOKULTURAL = "SOSIOKULTURAL", _("Sosial kultural")
    TEKNIS = "TEKNIS", _("Teknis")


class SumberPenilaian(models.TextChoices):
    ASSESSMENT_CENTER = "ASSESSMENT_CENTER", _("Assessment center")
    UJI_KOMPETENSI = "UJI_KOMPETENSI", _("Uji kompetensi")
    MANDIRI_DISETUJUI = "MANDIRI_DISETUJUI", _("Penilaian mandiri disetujui atasan")
    OBSERVASI_ATASAN = "OBSERVASI_ATASAN", _("Observasi atasan")
    KEGIATAN = "KEGIATAN", _("Kegiatan pengembangan dikonfirmasi atasan")


class Kompetensi(models.Model):
    """One competency of the dictionary: managerial/socio-cultural from the Kamus, or technical."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama kompetensi"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=14, choices=JenisKompetensi.choices)
    definisi = models.TextField(_("definisi"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class LevelKompetensi(models.Model):
    """A level (1–5) of a competency: the Kamus description, its behaviour indicators, and what it
    means in plain words for the person expected to show it."""

    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"))
    deskripsi = models.TextField(_("deskripsi level"))
    indikator = models.TextField(_("indikator perilaku"), blank=True, help_text=_("Satu indikator per baris."))
    arti = models.TextField(_("apa artinya bagi Anda"), blank=True)

    class Meta:
        ordering = ["kompetensi__urutan", "level"]
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        constraints = [
            models.UniqueConstraint(fields=["kompetensi", "level"], name="level_kompetensi_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="level_kompetensi_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi.kode} level {self.level}"

    @property
    def indikator_list(self) -> list[str]:
        return [line.strip() for line in self.indikator.splitlines() if line.strip()]


class StandarKompetensiJabatan(models.Model):
    """The level a position requires in one competency, where it differs from the default table or
    is a technical competency (which has no default)."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="standar_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level yang disyaratkan"))
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "kompetensi"], name="skj_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="skj_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan_id} {self.kompetensi_id}={self.level}"


class PenilaianKompetensi(models.Model):
    """One assessment of one person in one competency (a history row, never overwritten)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penilaian_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))
    tanggal = models.DateField(_("tanggal penilaian"))
    sumber = models.CharField(_("sumber"), max_length=20, choices=SumberPenilaian.choices)
    asesor = models.CharField(_("asesor"), max_length=150, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    berkas = models.FileField(_("bukti"), upload_to="kompetensi/%Y/%m/", blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    jenis_konten = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    #: The completed activity whose level change the superior confirmed (source KEGIATAN), so each
    #: level change says which activity caused it.
    pendaftaran = models.ForeignKey(
        "development.Pendaftaran",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="penilaian_kompetensi",
        verbose_name=_("kegiatan pengembangan"),
    )

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = _("penilaian kompetensi")
        verbose_name_plural = _("penilaian kompetensi")
        indexes = [models.Index(fields=["pegawai", "kompetensi", "-tanggal"], name="penilaian_kompetensi_terkini")]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="penilaian_kompetensi_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.kompetensi_id}={self.level} ({self.tanggal})"


class SkorPotensi(models.Model):
    """The potential score (JPM, percent) for the talent box, with the components it came from:
    competency code → [assessed, required]."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="skor_potensi")
    tanggal = models.DateField(_("tanggal"))
    jpm = models.DecimalField(_("JPM (%)"), max_digits=5, decimal_places=2)
    komponen = models.JSONField(_("komponen"), default=dict)
    sumber = models.CharField(_("sumber"), max_length=20, choices=SumberPenilaian.choices)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = _("skor potensi")
        verbose_name_plural = _("skor potensi")
        constraints = [models.CheckConstraint(condition=Q(jpm__gte=0, jpm__lte=100), name="skor_potensi_0_100")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} JPM {self.jpm}"


class StatusImpor(models.TextChoices):
    DIPERIKSA = "DIPERIKSA", _("Diperiksa")
    DITERAPKAN = "DITERAPKAN", _("Diterapkan")


class ImporPenilaian(models.Model):
    """Phase one of an assessment import: the parsed rows and the per-row report. Phase two applies
    the rows only when the report has no error, all or nothing."""

    baris = models.JSONField(default=list)
    kesalahan = models.JSONField(default=list)  # [[row number, message], …]
    nama_berkas = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=StatusImpor.choices, default=StatusImpor.DIPERIKSA)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("impor penilaian kompetensi")
        verbose_name_plural = _("impor penilaian kompetensi")

    def __str__(self) -> str:
        return f"Impor {self.pk} ({self.status})"


class StatusUsulan(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", _("Diusulkan")
    DISETUJUI = "DISETUJUI", _("Disetujui atasan")
    DITOLAK = "DITOLAK", _("Ditolak atasan")


class UsulanPenilaianMandiri(models.Model):
    """A self-assessment: the employee proposes a level; it counts only once the superior agrees,
    which records a `PenilaianKompetensi` (source MANDIRI_DISETUJUI) pointing back here."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="usulan_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level usulan"))
    alasan = models.TextField(_("alasan dan contoh perilaku"), blank=True)
    status = models.CharField(max_length=10, choices=StatusUsulan.choices, default=StatusUsulan.DIUSULKAN)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    penilaian = models.OneToOneField(
        PenilaianKompetensi, null=True, blank=True, on_delete=models.SET_NULL, related_name="usulan"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dibuat_pada", "-id"]
        verbose_name = _("usulan penilaian mandiri")
        verbose_name_plural = _("usulan penilaian mandiri")
        constraints = [models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="usulan_mandiri_1_5")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.kompetensi_id}={self.level} ({self.status})"
