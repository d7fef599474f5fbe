"""The training catalogue (issue #11 §4, §6): activities, their sessions and who enrols in them.

The JP an activity grants is data on the activity, defaulting from a per-method table the BKD admin
edits (`JpBawaanMetode`): there is no verified conversion table for non-classical methods, so none is
hard-coded (domain brief §7). A session keeps a counter of taken seats (`terisi`) so that the last
seat is taken by one conditional UPDATE — safe on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

JP_MAX = Decimal(200)


class JenisKegiatan(models.TextChoices):
    """The kind of competency an activity develops."""

    MANAJERIAL = "MANAJERIAL", _("Manajerial")
    TEKNIS = "TEKNIS", _("Teknis")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")
    SOSIOKULTURAL = "SOSIOKULTURAL", _("Sosial kultural")


class MetodePengembangan(models.TextChoices):
    """Classical and non-classical forms of development (Peraturan LAN 10/2018)."""

    PELATIHAN = "PELATIHAN", _("Pelatihan")
    SEMINAR = "SEMINAR", _("Seminar")
    WORKSHOP = "WORKSHOP", _("Workshop")
    KURSUS = "KURSUS", _("Kursus")
    BIMTEK = "BIMTEK", _("Bimbingan teknis")
    COACHING = "COACHING", _("Coaching")
    MENTORING = "MENTORING", _("Mentoring")
    E_LEARNING = "E_LEARNING", _("E-learning")
    DETASERING = "DETASERING", _("Detasering")
    BENCHMARKING = "BENCHMARKING", _("Patok banding (benchmarking)")
    BELAJAR_MANDIRI = "BELAJAR_MANDIRI", _("Belajar mandiri")
    KOMUNITAS_BELAJAR = "KOMUNITAS_BELAJAR", _("Komunitas belajar")
    BIMBINGAN_TEMPAT_KERJA = "BIMBINGAN_TEMPAT_KERJA", _("Bimbingan di tempat kerja")
    MAGANG = "MAGANG", _("Magang")
    PERTUKARAN_SWASTA = "PERTUKARAN_SWASTA", _("Pertukaran dengan swasta")


KLASIKAL = frozenset(
    {
        MetodePengembangan.PELATIHAN,
        MetodePengembangan.SEMINAR,
        MetodePengembangan.WORKSHOP,
        MetodePengembangan.KURSUS,
        MetodePengembangan.BIMTEK,
    }
)

#: The SIASN `jenisDiklat` id each method is reported as (data/siasn_ref/jenisDiklat.json).
SIASN_JENIS_DIKLAT: dict[str, str] = {
    MetodePengembangan.PELATIHAN: "3",
    MetodePengembangan.SEMINAR: "9",
    MetodePengembangan.WORKSHOP: "4",
    MetodePengembangan.KURSUS: "11",
    MetodePengembangan.BIMTEK: "8",
    MetodePengembangan.COACHING: "14",
    MetodePengembangan.MENTORING: "15",
    MetodePengembangan.E_LEARNING: "16",
    MetodePengembangan.DETASERING: "18",
    MetodePengembangan.BENCHMARKING: "20",
    MetodePengembangan.BELAJAR_MANDIRI: "22",
    MetodePengembangan.KOMUNITAS_BELAJAR: "23",
    MetodePengembangan.BIMBINGAN_TEMPAT_KERJA: "24",
    MetodePengembangan.MAGANG: "10",
    MetodePengembangan.PERTUKARAN_SWASTA: "21",
}


class Penyelenggara(models.TextChoices):
    BPSDM = "BPSDM", _("BPSDM Provinsi Bengkulu")
    DISKOMINFO = "DISKOMINFO", _("Diskominfo Provinsi Bengkulu")
    LAN = "LAN", _("Lembaga Administrasi Negara")
    E_LEARNING = "E_LEARNING", _("Platform e-learning")
    LAINNYA = "LAINNYA", _("Lainnya")


class StatusPendaftaran(models.TextChoices):
    TERDAFTAR = "TERDAFTAR", _("Terdaftar")
    MENUNGGU = "MENUNGGU", _("Daftar tunggu")
    BATAL = "BATAL", _("Dibatalkan")
    SELESAI = "SELESAI", _("Selesai")


class JpBawaanMetode(models.Model):
    """The JP a new activity of a method gets unless the admin types another (editable by BKD)."""

    metode = models.CharField(_("metode"), max_length=30, choices=MetodePengembangan.choices, unique=True)
    jp = models.DecimalField(
        _("JP bawaan"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(JP_MAX)]
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("JP bawaan per metode")
        verbose_name_plural = _("JP bawaan per metode")
        ordering = ["metode"]

    def __str__(self) -> str:
        return f"{self.metode}: {self.jp}"


class KegiatanPengembangan(models.Model):
    """One activity of the catalogue."""

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama kegiatan"), max_length=200, db_index=True)
    uraian = models.TextField(_("uraian"), blank=True)
    jenis = models.CharField(_("jenis kompetensi"), max_length=16, choices=JenisKegiatan.choices)
    metode = models.CharField(_("metode"), max_length=30, choices=MetodePengembangan.choices)
    jenis_diklat_siasn = models.CharField(_("jenis diklat SIASN"), max_length=4, blank=True)
    jenis_kursus_siasn = models.CharField(_("jenis kursus SIASN"), max_length=40, blank=True)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=12, choices=Penyelenggara.choices)
    jp = models.DecimalField(
        _("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(JP_MAX)]
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kegiatan pengembangan")
        verbose_name_plural = _("kegiatan pengembangan")
        ordering = ["nama", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(jp__gte=0, jp__lte=JP_MAX), name="kegiatan_jp_0_200"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def klasikal(self) -> bool:
        return self.metode in KLASIKAL


class SesiKegiatan(models.Model):
    """One run of an activity: dates, place or link, seats and cost."""

    kegiatan = models.ForeignKey(KegiatanPengembangan, on_delete=models.CASCADE, related_name="sesi")
    nama = models.CharField(_("nama sesi"), max_length=120, blank=True)
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    tautan = models.URLField(_("tautan"), max_length=300, blank=True)
    kapasitas = models.PositiveIntegerField(_("kapasitas"))
    terisi = models.PositiveIntegerField(_("kursi terisi"), default=0, editable=False)
    biaya = models.DecimalField(_("biaya per peserta (Rp)"), max_digits=14, decimal_places=2, default=Decimal(0))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sesi kegiatan")
        verbose_name_plural = _("sesi kegiatan")
        ordering = ["mulai", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(terisi__lte=models.F("kapasitas")), name="sesi_terisi_kapasitas"),
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="sesi_selesai_mulai"),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan_id} {self.mulai}"


class Pendaftaran(models.Model):
    """A person in a session: a seat or a place on the waiting list, attendance, completion."""

    sesi = models.ForeignKey(SesiKegiatan, on_delete=models.PROTECT, related_name="pendaftaran")
    pegawai = models.ForeignKey("people.Pegawai", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=StatusPendaftaran.choices)
    didaftarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    hadir = models.BooleanField(_("hadir"), null=True, blank=True)
    kehadiran_dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    sertifikat = models.FileField(_("sertifikat"), upload_to="sertifikat/", blank=True)
    sertifikat_nama = models.CharField(max_length=255, blank=True)
    sertifikat_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        ordering = ["dibuat_pada", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesi", "pegawai"],
                condition=~models.Q(status="BATAL"),
                name="pendaftaran_satu_per_sesi",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} @ {self.sesi_id}"


class KegiatanKompetensi(models.Model):
    """A competency an activity develops, and up to which level (1–5) it takes a participant."""

    kegiatan = models.ForeignKey(KegiatanPengembangan, on_delete=models.CASCADE, related_name="kompetensi")
    kompetensi = models.ForeignKey("development.Kompetensi", on_delete=models.PROTECT, related_name="+")
    sampai_level = models.PositiveSmallIntegerField(
        _("sampai level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("kompetensi yang dikembangkan")
        verbose_name_plural = _("kompetensi yang dikembangkan")
        ordering = ["kegiatan", "kompetensi"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kompetensi"], name="kegiatan_kompetensi_unique"),
            models.CheckConstraint(
                condition=models.Q(sampai_level__gte=1, sampai_level__lte=5), name="kegiatan_kompetensi_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan_id} {self.kompetensi_id}≤{self.sampai_level}"
