"""Performance standards, from the region's vision down to each position.

RPJMD (visi → misi → tujuan → sasaran strategis → indikator kinerja utama with yearly targets and
actuals) → each agency's Renstra (sasaran linked to the province's) → the agency's yearly
Perjanjian Kinerja (what JPT plans derive from) → a standard per position (expected results and
BerAKHLAK expectations, each with a plain-language explanation).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from karier.people.models import Instansi, Jabatan, UnitKerja
from karier.standards.choices import Arah, Aspek, Dimensi, Perspektif, StatusPerjanjian


class Explained(models.Model):
    """Every standard and indicator says what it means for the person who must meet it."""

    penjelasan = models.TextField(
        _("apa artinya bagi Anda"), blank=True, help_text=_("Penjelasan dengan bahasa sehari-hari.")
    )
    contoh = models.TextField(_("contoh"), blank=True)

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------- BerAKHLAK
class NilaiBerakhlak(models.Model):
    """The 7 ASN core values (SE MenPANRB 20/2021)."""

    kode = models.CharField(max_length=30, primary_key=True)
    nama = models.CharField(_("nilai dasar"), max_length=60, unique=True)
    urutan = models.PositiveSmallIntegerField()
    penjelasan = models.TextField(_("apa artinya bagi Anda"), blank=True)

    class Meta:
        verbose_name = _("nilai BerAKHLAK")
        verbose_name_plural = _("nilai BerAKHLAK")
        ordering = ["urutan"]

    def __str__(self) -> str:
        return self.nama


class PanduanPerilaku(models.Model):
    nilai = models.ForeignKey(NilaiBerakhlak, on_delete=models.CASCADE, related_name="panduan")
    urutan = models.PositiveSmallIntegerField()
    teks = models.CharField(_("panduan perilaku"), max_length=300)

    class Meta:
        verbose_name = _("panduan perilaku")
        verbose_name_plural = _("panduan perilaku")
        ordering = ["nilai__urutan", "urutan"]
        constraints = [models.UniqueConstraint(fields=["nilai", "urutan"], name="panduan_unique")]

    def __str__(self) -> str:
        return self.teks


# ---------------------------------------------------------------------------- RPJMD
class Rpjmd(models.Model):
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))
    visi = models.TextField(_("visi"))
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")
        ordering = ["-tahun_mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(tahun_selesai__gte=models.F("tahun_mulai")), name="rpjmd_tahun"),
        ]

    def __str__(self) -> str:
        return f"RPJMD {self.tahun_mulai}–{self.tahun_selesai}"


class Misi(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField(_("misi"))

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ["rpjmd", "nomor"]

    def __str__(self) -> str:
        return f"Misi {self.nomor}"


class Tujuan(models.Model):
    misi = models.ForeignKey(Misi, on_delete=models.CASCADE, related_name="tujuan")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField(_("tujuan"))

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["misi", "nomor"]

    def __str__(self) -> str:
        return self.teks[:80]


class SasaranStrategis(Explained):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField(_("sasaran strategis"))

    class Meta:
        verbose_name = _("sasaran strategis RPJMD")
        verbose_name_plural = _("sasaran strategis RPJMD")
        ordering = ["tujuan", "nomor"]

    def __str__(self) -> str:
        return self.teks[:80]


# ---------------------------------------------------------------------------- Renstra and PK
class Renstra(models.Model):
    opd = models.ForeignKey(
        UnitKerja, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="renstra"
    )
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.PROTECT, related_name="renstra")
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))

    class Meta:
        verbose_name = _("Renstra perangkat daerah")
        verbose_name_plural = _("Renstra perangkat daerah")
        ordering = ["opd__nama", "-tahun_mulai"]
        constraints = [models.UniqueConstraint(fields=["opd", "rpjmd"], name="one_renstra_per_rpjmd")]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.tahun_mulai}–{self.tahun_selesai}"


class SasaranRenstra(Explained):
    """An agency's strategic target, linked to the province's sasaran it serves."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    sasaran_rpjmd = models.ForeignKey(
        SasaranStrategis,
        verbose_name=_("mendukung sasaran RPJMD"),
        on_delete=models.PROTECT,
        related_name="sasaran_renstra",
    )
    nomor = models.PositiveSmallIntegerField()
    teks = models.TextField(_("sasaran"))

    class Meta:
        verbose_name = _("sasaran Renstra")
        verbose_name_plural = _("sasaran Renstra")
        ordering = ["renstra", "nomor"]

    def __str__(self) -> str:
        return self.teks[:80]


class Indikator(Explained):
    """A performance indicator (IKU) of the province (on a sasaran strategis) or of an agency
    (on a sasaran Renstra, pointing at the province indicator it moves through `induk`)."""

    sasaran = models.ForeignKey(
        SasaranStrategis, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran_renstra = models.ForeignKey(
        SasaranRenstra, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("mendukung indikator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turunan",
    )
    kode = models.CharField(_("kode"), max_length=30, blank=True)
    nama = models.CharField(_("indikator"), max_length=300)
    satuan = models.CharField(_("satuan"), max_length=40)
    arah = models.CharField(_("arah"), max_length=8, choices=Arah.choices, default=Arah.NAIK)
    baseline = models.DecimalField(_("nilai dasar (baseline)"), max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_tahun = models.PositiveSmallIntegerField(_("tahun baseline"), null=True, blank=True)
    catatan_metode = models.TextField(_("catatan metode"), blank=True)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["kode", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(sasaran__isnull=False) & Q(sasaran_renstra__isnull=True))
                | (Q(sasaran__isnull=True) & Q(sasaran_renstra__isnull=False)),
                name="indikator_one_level",
            )
        ]

    def __str__(self) -> str:
        return self.nama


class NilaiIndikator(models.Model):
    """Target and actual of an indicator for a year. `metode` separates series that must never be
    charted as one (IPM moved to a new BPS method in 2023)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="nilai")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    realisasi = models.DecimalField(_("realisasi"), max_digits=14, decimal_places=4, null=True, blank=True)
    metode = models.CharField(_("seri/metode"), max_length=60, blank=True)
    sumber = models.CharField(_("sumber"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["indikator", "tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="nilai_indikator_tahun")]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.tahun}"


class PerjanjianKinerja(models.Model):
    """An agency head's yearly performance agreement; JPT plans derive from its rows."""

    opd = models.ForeignKey(
        UnitKerja, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="perjanjian_kinerja"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=16, choices=StatusPerjanjian.choices, default=StatusPerjanjian.DRAFT
    )
    ditandatangani_pada = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    # What the signed PDF states, frozen at signing (`documents.perjanjian_document`): renaming an
    # indicator or a target, or the head's new title, never changes a signed agreement. Cleared on reopening.
    dokumen = models.JSONField(_("dokumen yang ditandatangani"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-tahun", "opd__nama"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="one_pk_per_year")]

    def __str__(self) -> str:
        return f"PK {self.opd} {self.tahun}"


class PerjanjianKinerjaRow(models.Model):
    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="rows")
    urutan = models.PositiveSmallIntegerField(default=1)
    sasaran = models.ForeignKey(SasaranRenstra, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="perjanjian_rows")
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    target_kualitatif = models.CharField(_("target (uraian)"), max_length=300, blank=True)
    perspektif = models.CharField(
        _("perspektif"), max_length=24, choices=Perspektif.choices, default=Perspektif.PENERIMA_LAYANAN
    )

    class Meta:
        verbose_name = _("baris perjanjian kinerja")
        verbose_name_plural = _("baris perjanjian kinerja")
        ordering = ["perjanjian", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.perjanjian} #{self.urutan}"


# ---------------------------------------------------------------------------- position standards
class StandarJabatan(Explained):
    """What a position's holder is expected to deliver and how they are expected to behave."""

    jabatan = models.OneToOneField(Jabatan, on_delete=models.CASCADE, related_name="standar")
    ringkasan = models.TextField(_("ringkasan tugas"), blank=True)
    diperbarui_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("standar jabatan")
        verbose_name_plural = _("standar jabatan")

    def __str__(self) -> str:
        return f"Standar {self.jabatan}"


class StandarHasil(Explained):
    """An expected result (RHK template) with its indicator and default target."""

    standar = models.ForeignKey(StandarJabatan, on_delete=models.CASCADE, related_name="hasil")
    urutan = models.PositiveSmallIntegerField(default=1)
    dimensi = models.CharField(_("dimensi"), max_length=16, choices=Dimensi.choices, default=Dimensi.PRODUKTIVITAS)
    rhk = models.TextField(_("rencana hasil kerja"))
    aspek = models.CharField(_("aspek"), max_length=12, choices=Aspek.choices, default=Aspek.KUANTITAS)
    indikator = models.TextField(_("indikator kinerja individu"))
    target_angka = models.DecimalField(_("target (angka)"), max_digits=14, decimal_places=4, null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    target_kualitatif = models.CharField(_("target (uraian)"), max_length=300, blank=True)
    indikator_opd = models.ForeignKey(
        Indikator,
        verbose_name=_("mendukung indikator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standar_hasil",
    )

    class Meta:
        verbose_name = _("hasil yang diharapkan")
        verbose_name_plural = _("hasil yang diharapkan")
        ordering = ["standar", "urutan", "id"]

    def __str__(self) -> str:
        return self.rhk[:80]


class StandarPerilaku(Explained):
    """A BerAKHLAK expectation specific to the position."""

    standar = models.ForeignKey(StandarJabatan, on_delete=models.CASCADE, related_name="perilaku")
    nilai = models.ForeignKey(NilaiBerakhlak, on_delete=models.PROTECT, related_name="+")
    ekspektasi = models.TextField(_("ekspektasi"))

    class Meta:
        verbose_name = _("ekspektasi perilaku")
        verbose_name_plural = _("ekspektasi perilaku")
        ordering = ["standar", "nilai__urutan"]
        constraints = [models.UniqueConstraint(fields=["standar", "nilai"], name="one_expectation_per_value")]

    def __str__(self) -> str:
        return f"{self.nilai_id}: {self.ekspektasi[:60]}"
