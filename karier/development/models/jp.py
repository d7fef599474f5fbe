"""The JP ledger (issue #11 §7): one row per counted activity, the yearly targets per kind of ASN,
and self-development outside the catalogue that the superior verifies.

A ledger row exists only for what is completed *and* verified, so every figure (a person's
progress, a unit's share at target) is a SUM over one table.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.development.models.catalogue import JP_MAX, MetodePengembangan


class TargetJp(models.Model):
    """The yearly target and the cap of counted JP per kind of ASN (PNS, PPPK), editable by BKD.
    Without a row the PNS target of PP 11/2017 Pasal 203(4) applies (20 JP, no cap)."""

    jenis_asn = models.CharField(_("jenis ASN"), max_length=4, unique=True)
    target = models.DecimalField(_("target JP per tahun"), max_digits=6, decimal_places=2)
    batas = models.DecimalField(_("batas JP yang dihitung"), max_digits=6, decimal_places=2, null=True, blank=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target JP")
        verbose_name_plural = _("target JP")

    def __str__(self) -> str:
        return f"{self.jenis_asn}: {self.target}"


class StatusMandiri(models.TextChoices):
    DIAJUKAN = "DIAJUKAN", _("Menunggu verifikasi atasan")
    DIVERIFIKASI = "DIVERIFIKASI", _("Diverifikasi")
    DITOLAK = "DITOLAK", _("Ditolak")


class PengembanganMandiri(models.Model):
    """Self-development outside the catalogue (a MOOC, a seminar), reported by the employee."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul kegiatan"), max_length=200)
    metode = models.CharField(_("metode"), max_length=30, choices=MetodePengembangan.choices)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200)
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    jp = models.DecimalField(
        _("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(JP_MAX)]
    )
    status = models.CharField(_("status"), max_length=12, choices=StatusMandiri.choices, default=StatusMandiri.DIAJUKAN)
    sertifikat = models.FileField(_("sertifikat"), upload_to="sertifikat/", blank=True)
    sertifikat_nama = models.CharField(max_length=255, blank=True)
    sertifikat_sha256 = models.CharField(max_length=64, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    catatan = models.TextField(_("catatan atasan"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengembangan mandiri")
        verbose_name_plural = _("pengembangan mandiri")
        ordering = ["-mulai", "-pk"]

    def __str__(self) -> str:
        return self.judul


class SumberJp(models.TextChoices):
    KATALOG = "KATALOG", _("Kegiatan katalog")
    MANDIRI = "MANDIRI", _("Pengembangan mandiri")
    SIASN = "SIASN", _("Impor SIASN")


class CatatanJp(models.Model):
    """One counted activity: who, which year, how many JP, and what it came from."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"), db_index=True)
    tanggal = models.DateField(_("tanggal"))
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    sumber = models.CharField(_("sumber"), max_length=8, choices=SumberJp.choices)
    judul = models.CharField(_("kegiatan"), max_length=200)
    pendaftaran = models.OneToOneField(
        "development.Pendaftaran", null=True, blank=True, on_delete=models.PROTECT, related_name="catatan_jp"
    )
    mandiri = models.OneToOneField(
        PengembanganMandiri, null=True, blank=True, on_delete=models.PROTECT, related_name="catatan_jp"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catatan JP")
        verbose_name_plural = _("catatan JP")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["pegawai", "tahun"], name="catatan_jp_pegawai_tahun")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.jp}"


class RekapJpPegawai(models.Model):
    """A person's JP total of a year, kept in step with `CatatanJp` by every write in the same
    transaction (`jp/totals.py`) and rebuilt by `karier jp-totals-rebuild`.

    Why: the province's recap at 100,000 people summed 140,000 ledger rows per request (0.69 s); with
    one row per person and year it reads an indexed join. The cap and the target are not stored:
    the BKD may change them, and they are applied when read (`selectors.with_jp`)."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="rekap_jp")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jp_total = models.DecimalField(_("JP"), max_digits=8, decimal_places=2, default=0)
    jumlah = models.PositiveIntegerField(_("jumlah catatan"), default=0)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rekap JP pegawai")
        verbose_name_plural = _("rekap JP pegawai")
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rekap_jp_pegawai_tahun")]
        indexes = [models.Index(fields=["tahun", "pegawai"], name="rekap_jp_tahun_pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.jp_total}"
