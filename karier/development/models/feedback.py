"""After an activity (issue #11 §6): the participant's evaluation of it and the superior's follow-up
three months later ("did behaviour change?").

Both hang off the enrolment, one each: the evaluation is the participant's own voice about the
activity (shown to organisers only as counts and averages, never per person below three answers);
the follow-up is the superior's judgement about the person, which is why it records who gave it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.development.models.catalogue import Pendaftaran

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SKALA = [MinValueValidator(1), MaxValueValidator(5)]
#: The four questions of the participant's evaluation, each on a 1–5 scale.
ASPEK_EVALUASI = ("relevansi", "materi", "fasilitator", "manfaat")


def _skala(label: StrOrPromise) -> models.PositiveSmallIntegerField:  # type: ignore[type-arg]
    return models.PositiveSmallIntegerField(label, validators=SKALA)


class EvaluasiKegiatan(models.Model):
    """The participant's evaluation of an activity they attended: one per enrolment."""

    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="evaluasi")
    relevansi = _skala(_("relevansi dengan pekerjaan"))
    materi = _skala(_("materi"))
    fasilitator = _skala(_("fasilitator"))
    manfaat = _skala(_("manfaat"))
    komentar = models.TextField(_("komentar"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluasi kegiatan oleh peserta")
        verbose_name_plural = _("evaluasi kegiatan oleh peserta")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    relevansi__gte=1,
                    relevansi__lte=5,
                    materi__gte=1,
                    materi__lte=5,
                    fasilitator__gte=1,
                    fasilitator__lte=5,
                    manfaat__gte=1,
                    manfaat__lte=5,
                ),
                name="evaluasi_kegiatan_skala_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"evaluasi {self.pendaftaran_id}"


class HasilTindakLanjut(models.TextChoices):
    YA = "YA", _("Ya, perilakunya berubah")
    SEBAGIAN = "SEBAGIAN", _("Sebagian")
    BELUM = "BELUM", _("Belum")


class TindakLanjutAtasan(models.Model):
    """The superior's follow-up, at least three months after completion: did behaviour change?"""

    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="tindak_lanjut")
    hasil = models.CharField(_("perubahan perilaku"), max_length=10, choices=HasilTindakLanjut.choices)
    catatan = models.TextField(_("catatan"), blank=True)
    atasan = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut atasan")
        verbose_name_plural = _("tindak lanjut atasan")

    def __str__(self) -> str:
        return f"tindak lanjut {self.pendaftaran_id}: {self.hasil}"
