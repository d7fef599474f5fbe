"""Angka kredit of functional positions (issue #12 §3; PermenPANRB 1/2023, Peraturan BKN 3/2023).

The ledger keeps every entry as an exact fraction (`pembilang`/`penyebut`), as `karier.rules` does:
a part-year credit such as 2/12 × 100 % × 12,5 is 25/12, which no decimal column holds exactly, and
the sum of twelve such entries must be the annual figure to the last digit. Entries are:
PREDIKAT (a year's or part-year's predikat converted), KONVERSI (the opening credit on first
appointment, integration or transfer), IMPOR (history before Karier) and PENGGUNAAN (negative: the
credit a promotion used; the rest carries over). `StatusAngkaKredit` is each person's computed
position on the ladder, rewritten by the services and by the recompute job, so lists never sum the
ledger. A PAK statement is stored as the content it was issued with, and its hash, so the same PAK
prints the same forever.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import PredikatChoice
from karier.people.choices import Jenjang


class JenisEntriAk(models.TextChoices):
    PREDIKAT = "PREDIKAT", _("Konversi predikat kinerja")
    KONVERSI = "KONVERSI", _("Angka kredit awal (pengangkatan, integrasi, perpindahan)")
    IMPOR = "IMPOR", _("Impor riwayat")
    PENGGUNAAN = "PENGGUNAAN", _("Digunakan untuk kenaikan pangkat/jenjang")


class EntriAngkaKredit(models.Model):
    """One line of a person's angka kredit ledger."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisEntriAk.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(
        _("jumlah bulan"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices)
    golongan = models.ForeignKey("people.Golongan", on_delete=models.PROTECT, related_name="+")
    predikat = models.CharField(_("predikat"), max_length=20, choices=PredikatChoice.choices, blank=True)
    pembilang = models.BigIntegerField(_("pembilang"))
    penyebut = models.PositiveBigIntegerField(_("penyebut"), default=1)
    predikat_tahunan = models.ForeignKey(
        "talent.PredikatTahunan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kenaikan = models.ForeignKey(
        "talent.UsulanKenaikanPangkat", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entri angka kredit")
        verbose_name_plural = _("entri angka kredit")
        ordering = ["pegawai_id", "tahun", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "jenis"],
                condition=models.Q(jenis="PREDIKAT"),
                name="entri_ak_predikat_per_tahun",
            ),
        ]
        indexes = [models.Index(fields=["pegawai", "tahun"], name="entri_ak_pegawai_tahun")]

    def __str__(self) -> str:
        return f"AK {self.pegawai_id} {self.tahun} {self.jenis}: {self.pembilang}/{self.penyebut}"


class StatusAngkaKredit(models.Model):
    """A functional employee's computed place on the credit ladder (one row per person)."""

    pegawai = models.OneToOneField("people.Pegawai", on_delete=models.CASCADE, primary_key=True, related_name="+")
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices)
    golongan = models.ForeignKey("people.Golongan", on_delete=models.PROTECT, related_name="+")
    saldo_pembilang = models.BigIntegerField(default=0)  # credit held toward the next step, exact
    saldo_penyebut = models.PositiveBigIntegerField(default=1)
    saldo = models.DecimalField(_("angka kredit tersedia"), max_digits=12, decimal_places=4, default=0)  # display
    total = models.DecimalField(_("angka kredit kumulatif"), max_digits=12, decimal_places=4, default=0)
    langkah_berikut = models.CharField(_("langkah berikut"), max_length=10, blank=True)  # pangkat / jenjang
    golongan_berikut = models.ForeignKey(
        "people.Golongan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    jenjang_berikut = models.CharField(max_length=20, choices=Jenjang.choices, blank=True)
    kebutuhan = models.DecimalField(_("kebutuhan"), max_digits=12, decimal_places=4, null=True, blank=True)
    kekurangan = models.DecimalField(_("kekurangan"), max_digits=12, decimal_places=4, null=True, blank=True)
    proyeksi_bulan = models.DateField(_("proyeksi terpenuhi"), null=True, blank=True)
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("status angka kredit")
        verbose_name_plural = _("status angka kredit")

    def __str__(self) -> str:
        return f"Status AK {self.pegawai_id}"


class PenetapanAngkaKredit(models.Model):
    """A PAK (Penetapan Angka Kredit) statement as issued: its content and the hash printed on it."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nomor = models.CharField(_("nomor PAK"), max_length=80)
    tanggal = models.DateField(_("tanggal penetapan"))
    konten = models.JSONField(default=dict)
    hash = models.CharField(max_length=64)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penetapan angka kredit")
        verbose_name_plural = _("penetapan angka kredit")
        ordering = ["-tahun", "-pk"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="pak_per_tahun")]

    def __str__(self) -> str:
        return f"PAK {self.nomor}"


class UjiKompetensi(models.Model):
    """A competency test for a move up a jenjang (one of its three conditions)."""

    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.CASCADE, related_name="+")
    jenjang_tujuan = models.CharField(_("jenjang tujuan"), max_length=20, choices=Jenjang.choices)
    tanggal = models.DateField(_("tanggal uji"))
    lulus = models.BooleanField(_("lulus"))
    nomor_sertifikat = models.CharField(_("nomor sertifikat/berita acara"), max_length=80, blank=True)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uji kompetensi")
        verbose_name_plural = _("uji kompetensi")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["pegawai", "jenjang_tujuan"], name="ukom_pegawai_jenjang")]

    def __str__(self) -> str:
        return f"Uji kompetensi {self.pegawai_id} {self.jenjang_tujuan}"


class FormasiJenjang(models.Model):
    """Formation of a functional position at a jenjang in an agency (free = `jumlah` − holders)."""

    opd = models.ForeignKey("people.UnitKerja", on_delete=models.CASCADE, related_name="+")
    jabatan_fungsional = models.ForeignKey("people.JabatanFungsional", on_delete=models.CASCADE, related_name="+")
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices)
    jumlah = models.PositiveIntegerField(_("jumlah formasi"))
    nomor_dokumen = models.CharField(_("nomor penetapan formasi"), max_length=80, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("formasi jenjang")
        verbose_name_plural = _("formasi jenjang")
        constraints = [
            models.UniqueConstraint(fields=["opd", "jabatan_fungsional", "jenjang"], name="formasi_jenjang_unik")
        ]

    def __str__(self) -> str:
        return f"Formasi {self.jabatan_fungsional_id} {self.jenjang}: {self.jumlah}"
