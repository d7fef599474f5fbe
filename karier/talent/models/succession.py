"""Talent pools and succession (issue #12 §5): key positions (jabatan kritikal) with their
requirements, the candidates computed for each, and the talent committee's nominations.

Candidates are computed set-based (boxes 7–9 of the latest placement, then each requirement checked
with `karier.rules` succession rules); a candidate who fails a hard requirement stays on the list,
shown as not eligible with the reason, so the committee sees why. Nominations and decisions are
people's acts, recorded and audited by the services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.people.choices import Jenjang, Pendidikan


class JabatanKritikal(models.Model):
    """A key position and what its successor must bring."""

    jabatan = models.OneToOneField("people.Jabatan", on_delete=models.CASCADE, related_name="+")
    jenis_jabatan = models.JSONField(
        _("jenis jabatan asal yang diterima"), default=list, blank=True, help_text=_("Kosong: semua jenis.")
    )
    jenjang_minimal = models.CharField(_("jenjang minimal"), max_length=20, choices=Jenjang.choices, blank=True)
    golongan_minimal = models.ForeignKey(
        "people.Golongan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pendidikan_minimal = models.CharField(
        _("pendidikan minimal"), max_length=16, choices=Pendidikan.choices, blank=True
    )
    masa_kerja_minimal = models.PositiveSmallIntegerField(_("masa kerja minimal (tahun)"), default=0)
    catatan = models.TextField(_("catatan"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jabatan kritikal")
        verbose_name_plural = _("jabatan kritikal")
        ordering = ["jabatan_id"]

    def __str__(self) -> str:
        return f"Jabatan kritikal {self.jabatan_id}"


class SyaratKompetensiKritikal(models.Model):
    """A competency level a key position requires of its successor."""

    jabatan_kritikal = models.ForeignKey(JabatanKritikal, on_delete=models.CASCADE, related_name="syarat_kompetensi")
    kompetensi = models.ForeignKey("development.Kompetensi", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        verbose_name = _("syarat kompetensi jabatan kritikal")
        verbose_name_plural = _("syarat kompetensi jabatan kritikal")
        constraints = [models.UniqueConstraint(fields=["jabatan_kritikal", "kompetensi"], name="syarat_kritikal_unik")]

    def __str__(self) -> str:
        return f"{self.kompetensi_id} level {self.level}"


class Kesiapan(models.TextChoices):
    """Values are `karier.rules.Readiness`."""

    SEKARANG = "Siap sekarang", _("Siap sekarang")
    SATU_DUA = "Siap 1–2 tahun", _("Siap 1–2 tahun")
    LEBIH_DUA = "Siap > 2 tahun", _("Siap > 2 tahun")


class KandidatSuksesi(models.Model):
    """A computed candidate for a key position."""

    jabatan_kritikal = models.ForeignKey(JabatanKritikal, on_delete=models.CASCADE, related_name="kandidat")
    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    kotak = models.PositiveSmallIntegerField(_("kotak"))
    persen_kesesuaian = models.DecimalField(_("kesesuaian (%)"), max_digits=5, decimal_places=2)
    kesiapan = models.CharField(_("kesiapan"), max_length=20, choices=Kesiapan.choices)
    memenuhi_syarat = models.BooleanField(_("memenuhi syarat wajib"))
    alasan = models.JSONField(_("syarat wajib yang tidak dipenuhi"), default=list)
    kesenjangan = models.JSONField(_("kesenjangan"), default=list)
    peringkat = models.PositiveIntegerField(_("peringkat"))
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("kandidat suksesi")
        verbose_name_plural = _("kandidat suksesi")
        ordering = ["jabatan_kritikal_id", "peringkat"]
        constraints = [models.UniqueConstraint(fields=["jabatan_kritikal", "pegawai"], name="kandidat_unik")]

    def __str__(self) -> str:
        return f"Kandidat {self.pegawai_id} → {self.jabatan_kritikal_id}"


class StatusNominasi(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", _("Diusulkan")
    DISETUJUI = "DISETUJUI", _("Disetujui komite")
    DITOLAK = "DITOLAK", _("Ditolak komite")


class NominasiSuksesi(models.Model):
    """A nomination to a key position's succession group and the talent committee's decision."""

    jabatan_kritikal = models.ForeignKey(JabatanKritikal, on_delete=models.CASCADE, related_name="nominasi")
    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=StatusNominasi.choices, default=StatusNominasi.DIUSULKAN
    )
    alasan = models.TextField(_("alasan pengusulan"))
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diusulkan_pada = models.DateTimeField(auto_now_add=True)
    catatan_komite = models.TextField(_("catatan komite"), blank=True)
    nomor_berita_acara = models.CharField(_("nomor berita acara komite"), max_length=80, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nominasi suksesi")
        verbose_name_plural = _("nominasi suksesi")
        ordering = ["-diusulkan_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan_kritikal", "pegawai"],
                condition=models.Q(status="DIUSULKAN"),
                name="nominasi_satu_terbuka",
            )
        ]

    def __str__(self) -> str:
        return f"Nominasi {self.pegawai_id} → {self.jabatan_kritikal_id}"
