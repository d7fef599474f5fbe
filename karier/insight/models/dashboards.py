"""The dashboards' pre-aggregated figures (issue #13 item 1): small tables written only by the refresh
job (`karier.insight.dashboards.refresh`), read by every dashboard in a fixed number of queries.

One row per (year, agency, unit, figure, category) — never per employee: the province of a million
people is a few hundred thousand rows at most, and the province dashboard reads only the agency
totals (`unit` empty), a few thousand."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.insight.dashboards.choices import MetrikDasbor


class AngkaDasbor(models.Model):
    """A count (or, for IKU, a value against its target) of one figure in one scope.

    `opd` and `unit` empty: the province (IKU); `unit` empty: the agency's total (the sum of its unit
    rows, stored so that the province reads one row per agency); both set: one work unit's own people
    (not its sub-units': a filter on a unit sums its subtree by path)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    opd = models.ForeignKey(
        "people.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        "people.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    metrik = models.CharField(_("angka"), max_length=10, choices=MetrikDasbor.choices)
    kategori = models.CharField(_("kategori"), max_length=40, blank=True)
    jumlah = models.PositiveIntegerField(_("jumlah"), default=0)
    nilai = models.DecimalField(_("nilai"), max_digits=14, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    label = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("angka dasbor")
        verbose_name_plural = _("angka dasbor")
        indexes = [
            models.Index(fields=["tahun", "opd", "unit"], name="angka_dasbor_lingkup"),
            models.Index(fields=["tahun", "unit"], name="angka_dasbor_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun} {self.opd_id}/{self.unit_id} {self.metrik} {self.kategori}: {self.jumlah}"


class PembaruanDasbor(models.Model):
    """When a year's figures were last refreshed, and by which job: every dashboard shows it."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), primary_key=True)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))
    tugas = models.ForeignKey("core.TugasLatar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    baris = models.PositiveIntegerField(_("jumlah baris"), default=0)

    class Meta:
        verbose_name = _("pembaruan dasbor")
        verbose_name_plural = _("pembaruan dasbor")
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.diperbarui_pada:%Y-%m-%d %H:%M}"
