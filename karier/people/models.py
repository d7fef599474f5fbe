"""Agencies, the work-unit tree, positions, employees and their effective-dated history.

Trees (units, and positions through their superior) carry a materialised `path` of ids
("/12/40/97/") so that "everything under X" is one indexed prefix query at any size; services
keep paths right when a parent changes. Current golongan/position/unit are denormalised onto
Pegawai for fast directory filters; the history rows are the source of truth for any past date.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from karier.core.paths import PathField
from karier.people.choices import (
    JenisAsn,
    JenisInstansi,
    JenisJabatan,
    JenisKelamin,
    JenisPenugasan,
    JenisUnit,
    Jenjang,
    Pendidikan,
)


class Golongan(models.Model):
    """Pangkat/golongan reference (SIASN golonganPns): id 11..45, kode "III/a"."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    kode = models.CharField(_("golongan"), max_length=8, unique=True)
    pangkat = models.CharField(_("pangkat"), max_length=60)

    class Meta:
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.pangkat} ({self.kode})"


class Eselon(models.Model):
    id = models.CharField(primary_key=True, max_length=4)
    nama = models.CharField(_("eselon"), max_length=20)
    jabatan_asn = models.CharField(_("padanan jabatan ASN"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("eselon")
        verbose_name_plural = _("eselon")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.nama


class JenisJabatanSiasn(models.Model):
    """SIASN's own kinds of position (struktural, fungsional tertentu, rangkap, fungsional umum)."""

    id = models.CharField(primary_key=True, max_length=4)
    nama = models.CharField(_("nama"), max_length=80)

    class Meta:
        verbose_name = _("jenis jabatan (SIASN)")
        verbose_name_plural = _("jenis jabatan (SIASN)")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.nama


class JabatanFungsional(models.Model):
    """The 1,466 functional positions of SIASN with their jenjang and retirement age."""

    id = models.CharField(primary_key=True, max_length=40)
    nama = models.CharField(_("nama jabatan fungsional"), max_length=200, db_index=True)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, blank=True)
    usia_bup = models.PositiveSmallIntegerField(_("batas usia pensiun"), null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan fungsional")
        verbose_name_plural = _("jabatan fungsional")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Instansi(models.Model):
    kode = models.CharField(_("kode SIASN"), max_length=40, unique=True)
    kode_cepat = models.CharField(_("kode cepat"), max_length=10, blank=True, db_index=True)
    nama = models.CharField(_("nama instansi"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=1, choices=JenisInstansi.choices)
    jenis_instansi = models.CharField(_("kategori"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["kode_cepat", "nama"]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(models.Model):
    """A node of the work-unit tree: OPD → bidang/bagian → subbidang/seksi."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    opd = models.ForeignKey(
        "self",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Unit teratas (OPD) tempat unit ini berada."),
    )
    nama = models.CharField(_("nama unit"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis unit"), max_length=12, choices=JenisUnit.choices)
    path = PathField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="unit_path"),  # bytewise: ranges and prefixes (core.paths)
        ]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    """A position in a unit. Its superior position's holder is the appraiser (pejabat penilai).

    `formasi` is how many people may hold it at once (1 for every managerial position).
    """

    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="jabatan")
    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(_("jenis jabatan"), max_length=16, choices=JenisJabatan.choices)
    jabatan_fungsional = models.ForeignKey(
        JabatanFungsional,
        verbose_name=_("jabatan fungsional"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, blank=True)
    kelas = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    eselon = models.ForeignKey(Eselon, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    atasan = models.ForeignKey(
        "self",
        verbose_name=_("jabatan atasan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan",
    )
    adalah_kepala_unit = models.BooleanField(_("kepala unit"), default=False)
    formasi = models.PositiveSmallIntegerField(_("formasi"), default=1)
    path = PathField(max_length=400, editable=False, default="")
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "-adalah_kepala_unit", "nama"]
        indexes = [
            models.Index(fields=["path"], name="jabatan_path"),  # bytewise: ranges and prefixes (core.paths)
            # The heads reporting to given positions (calibration units: heads move one level up).
            models.Index(fields=["atasan"], condition=Q(adalah_kepala_unit=True), name="head_by_superior"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(adalah_kepala_unit=True), name="one_head_per_unit"),
            models.CheckConstraint(condition=Q(kelas__isnull=True) | Q(kelas__gte=1, kelas__lte=17), name="kelas_1_17"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_managerial(self) -> bool:
        return self.jenis in JenisJabatan.managerial()


class Pegawai(models.Model):
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=150, db_index=True)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    jenis_asn = models.CharField(_("jenis ASN"), max_length=4, choices=JenisAsn.choices, default=JenisAsn.PNS)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    pendidikan = models.CharField(_("pendidikan terakhir"), max_length=16, choices=Pendidikan.choices)
    jurusan = models.CharField(_("jurusan"), max_length=120, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    # Current state, denormalised from the history rows below by the services.
    golongan = models.ForeignKey(
        Golongan, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("golongan")
    )
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    jabatan = models.ForeignKey(
        Jabatan, null=True, blank=True, on_delete=models.PROTECT, related_name="pemangku", verbose_name=_("jabatan")
    )
    tmt_jabatan = models.DateField(_("TMT jabatan"), null=True, blank=True)
    unit = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit kerja")
    )
    opd = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("perangkat daerah")
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "id"]
        indexes = [
            models.Index(fields=["opd", "nama"]),
            models.Index(fields=["unit", "nama"]),
            models.Index(fields=["golongan", "nama"]),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        parts = [self.gelar_depan, self.nama]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name


class RiwayatGolongan(models.Model):
    """Golongan history: valid from `tmt` until the next row's tmt."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_golongan")
    golongan = models.ForeignKey(Golongan, on_delete=models.PROTECT, related_name="+")
    tmt = models.DateField(_("TMT"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("riwayat golongan")
        verbose_name_plural = _("riwayat golongan")
        ordering = ["pegawai", "-tmt"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tmt"], name="one_golongan_per_tmt")]

    def __str__(self) -> str:
        return f"{self.golongan_id} sejak {self.tmt}"


class Penugasan(models.Model):
    """Who holds which position from `mulai` to `selesai` (inclusive; open-ended when null).

    Plt/Plh assignments are rows too, so the appraiser on any date is resolvable.
    """

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penugasan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penugasan")
    jenis = models.CharField(
        _("jenis penugasan"), max_length=10, choices=JenisPenugasan.choices, default=JenisPenugasan.DEFINITIF
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("penugasan jabatan")
        verbose_name_plural = _("penugasan jabatan")
        ordering = ["pegawai", "-mulai"]
        indexes = [
            models.Index(fields=["jabatan", "mulai"]),
            models.Index(fields=["pegawai", "mulai"]),
            # The few acting assignments (Plt/Plh), which `falls_to_ids` starts from on every superior's
            # evaluation list: without it a scan of every assignment of the province (55 ms at 1M).
            models.Index(
                fields=["pegawai", "jabatan"],
                condition=Q(jenis__in=(JenisPenugasan.PLT.value, JenisPenugasan.PLH.value)),
                name="penugasan_acting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penugasan_selesai_after_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} → {self.jabatan_id} ({self.jenis}) {self.mulai}–{self.selesai or ''}"
