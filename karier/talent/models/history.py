"""The predikat history careers are built on (issue #12 §1): one annual predikat per person per year.

Every career rule reads this one table — promotion (predikat of the last 2 years), angka kredit (a
year's or part-year's predikat), the 9-box (the last two ratings hasil kerja) — so the rules do not
care where a year came from: a final annual evaluation of Karier (`sumber=EVALUASI`, with its id,
copied by the recompute job) or a year before Karier imported by the BKD (`sumber=IMPOR`). An
import never overrides a final evaluation of Karier; a contradicting row is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import PredikatChoice, RatingChoice
from karier.talent.choices import StatusImporRiwayat


class SumberPredikat(models.TextChoices):
    EVALUASI = "EVALUASI", _("Evaluasi kinerja tahunan Karier")
    IMPOR = "IMPOR", _("Impor riwayat")


class PredikatTahunan(models.Model):
    """A person's annual predikat (and the ratings behind it) for one year."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(_("predikat kinerja"), max_length=20, choices=PredikatChoice.choices)
    rating_hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=20, choices=RatingChoice.choices, blank=True
    )
    rating_perilaku = models.CharField(_("rating perilaku"), max_length=20, choices=RatingChoice.choices, blank=True)
    bulan = models.PositiveSmallIntegerField(
        _("jumlah bulan dinilai"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    sumber = models.CharField(_("sumber"), max_length=10, choices=SumberPredikat.choices)
    evaluasi = models.ForeignKey(
        "appraisal.Evaluasi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    impor = models.ForeignKey(
        "talent.ImporRiwayatKinerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("predikat kinerja tahunan")
        verbose_name_plural = _("predikat kinerja tahunan")
        ordering = ["pegawai_id", "tahun"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="predikat_tahunan_unik")]
        indexes = [models.Index(fields=["tahun", "predikat"], name="predikat_tahunan_tahun")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.predikat}"


class ImporRiwayatKinerja(models.Model):
    """A checked file of past predikat and angka kredit (two phases: check, then apply all or nothing);
    the shape of `karier.development.two_phase.Impor`."""

    baris = models.JSONField(default=list)
    kesalahan = models.JSONField(default=list)  # [[row number, message], …]
    nama_berkas = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=StatusImporRiwayat.choices, default=StatusImporRiwayat.DIPERIKSA)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("impor riwayat kinerja")
        verbose_name_plural = _("impor riwayat kinerja")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"Impor riwayat {self.pk}: {self.nama_berkas}"
