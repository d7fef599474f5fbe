"""A competency level raised by a completed activity, once the superior confirms it (issue #11 §7).

Completing a catalogue activity that states it develops competency K up to level L, by a person
whose assessed level in K is below L, opens one `UsulanKenaikanLevel`. Nothing changes until the
person's superior confirms it: the confirmation records a `PenilaianKompetensi` (source "kegiatan
pengembangan dikonfirmasi atasan", pointing at the enrolment) in the same transaction, so every level
change says which activity caused it. The superior may also decline it with a note.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StatusUsulanLevel(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu konfirmasi atasan")
    DIKONFIRMASI = "DIKONFIRMASI", _("Dikonfirmasi atasan")
    DITOLAK = "DITOLAK", _("Ditolak atasan")


class UsulanKenaikanLevel(models.Model):
    """A pending (or decided) level change proposed by a completed activity."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    kompetensi = models.ForeignKey("development.Kompetensi", on_delete=models.PROTECT, related_name="+")
    pendaftaran = models.ForeignKey(
        "development.Pendaftaran", on_delete=models.PROTECT, related_name="usulan_level", verbose_name=_("kegiatan")
    )
    level_awal = models.PositiveSmallIntegerField(_("level saat diusulkan"), null=True, blank=True)
    level_usulan = models.PositiveSmallIntegerField(_("level menurut kegiatan"))
    status = models.CharField(
        _("status"), max_length=12, choices=StatusUsulanLevel.choices, default=StatusUsulanLevel.MENUNGGU
    )
    level_dikonfirmasi = models.PositiveSmallIntegerField(_("level dikonfirmasi"), null=True, blank=True)
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)
    penilaian = models.OneToOneField(
        "development.PenilaianKompetensi", null=True, blank=True, on_delete=models.SET_NULL, related_name="usulan_level"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dibuat_pada", "pk"]
        verbose_name = _("usulan kenaikan level kompetensi")
        verbose_name_plural = _("usulan kenaikan level kompetensi")
        indexes = [models.Index(fields=["status", "pegawai"], name="usulan_level_status")]
        constraints = [
            models.UniqueConstraint(fields=["pendaftaran", "kompetensi"], name="usulan_level_satu_per_kegiatan"),
            models.CheckConstraint(condition=Q(level_usulan__gte=1, level_usulan__lte=5), name="usulan_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.kompetensi_id}→{self.level_usulan} ({self.status})"
