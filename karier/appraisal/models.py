"""Appraisal (PermenPANRB 6/2022, SE MenPANRB 3/2023): periodic and annual evaluation of each SKP.

One `Evaluasi` per plan per period holds the realisations (with evidence), the appraiser's two
ratings with their reasons, and the predikat that `karier.rules.predikat_kinerja` derives from
them. Peers, subordinates and the public inform the behaviour rating (aggregates only); the unit's
result (predikat organisasi) and the distribution curve govern calibration before a unit is
finalised, signed and locked. Locked evaluations change only by reopening (audited, versioned) or
through an objection (keberatan).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import (
    Frekuensi,
    JenisPeriode,
    JenisRater,
    PredikatChoice,
    PredikatOrganisasiChoice,
    RatingChoice,
    StatusEvaluasi,
    StatusFinalisasi,
    StatusKeberatan,
    StatusModerasi,
    StatusNominasi,
    StatusPeriode,
)
from karier.people.models import Jabatan, Pegawai, UnitKerja
from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp, TahunKinerja
from karier.standards.models import NilaiBerakhlak


class KalenderPenilaian(models.Model):
    """The year's appraisal settings, set by the BKD admin (defaults from the domain brief)."""

    tahun = models.OneToOneField(TahunKinerja, on_delete=models.CASCADE, primary_key=True, related_name="kalender")
    frekuensi = models.CharField(
        _("frekuensi penilaian periodik"), max_length=10, choices=Frekuensi.choices, default=Frekuensi.TRIWULAN
    )
    hari_pengingat = models.PositiveSmallIntegerField(_("pengingat (hari sebelum batas)"), default=7)
    jendela_keberatan_hari = models.PositiveSmallIntegerField(_("jendela keberatan (hari)"), default=14)
    izinkan_justifikasi_kurva = models.BooleanField(
        _("izinkan finalisasi yang melanggar kurva dengan justifikasi"), default=False
    )
    kebijakan_kurva = models.JSONField(
        _("kebijakan kurva distribusi"),
        default=dict,
        blank=True,
        help_text=_("Kosong = bawaan SE MenPANRB 3/2023 (karier.rules.DEFAULT_CURVE)."),
    )

    class Meta:
        verbose_name = _("kalender penilaian")
        verbose_name_plural = _("kalender penilaian")

    def __str__(self) -> str:
        return f"Kalender penilaian {self.tahun_id}"


class PeriodePenilaian(models.Model):
    tahun = models.ForeignKey(TahunKinerja, on_delete=models.PROTECT, related_name="periode", db_column="tahun")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(_("nomor"), help_text=_("1–4 triwulan, 1–12 bulan, 0 tahunan"))
    nama = models.CharField(_("nama"), max_length=60)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    dibuka_pada = models.DateField(_("dibuka untuk pengisian"))
    batas_pengisian = models.DateField(_("batas pengisian"))
    status = models.CharField(
        _("status"), max_length=14, choices=StatusPeriode.choices, default=StatusPeriode.BELUM_DIBUKA
    )

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["tahun", "mulai", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "jenis", "nomor"], name="periode_unique"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_order"),
            models.CheckConstraint(
                condition=Q(batas_pengisian__gte=models.F("dibuka_pada")), name="periode_deadline_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun_id}"


class Evaluasi(models.Model):
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="evaluasi")
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="evaluasi")
    # Snapshots at creation (the appraiser on the period's end date; refreshed until rated).
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="menilai")
    penilai_jabatan = models.ForeignKey(Jabatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rating_hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=20, choices=RatingChoice.choices, blank=True
    )
    alasan_hasil_kerja = models.TextField(_("alasan rating hasil kerja"), blank=True)
    rating_perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=RatingChoice.choices, blank=True
    )
    alasan_perilaku = models.TextField(_("alasan rating perilaku"), blank=True)
    predikat = models.CharField(
        _("predikat kinerja"), max_length=20, choices=PredikatChoice.choices, blank=True, db_index=True
    )
    # A calibration move sets the final category with a reason (see Kalibrasi); empty = predikat.
    predikat_akhir = models.CharField(
        _("predikat setelah kalibrasi"), max_length=20, choices=PredikatChoice.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=14, choices=StatusEvaluasi.choices, default=StatusEvaluasi.DRAFT, db_index=True
    )
    versi = models.PositiveIntegerField(default=1)
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    ditandatangani_penilai_pada = models.DateTimeField(null=True, blank=True)
    # Who signed: recorded only by that person's own action (finalise.tanda_tangan_penilai_add/_atasan_add).
    ditandatangani_penilai_oleh = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ditandatangani_atasan_pada = models.DateTimeField(null=True, blank=True)
    ditandatangani_atasan_oleh = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["periode", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["skp", "periode"], name="one_evaluation_per_period")]
        indexes = [
            models.Index(fields=["periode", "unit", "status"]),
            models.Index(fields=["periode", "penilai"]),
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.pegawai_id} {self.periode_id}"

    @property
    def terkunci(self) -> bool:
        """Final, or signed by someone: changes only after an audited reopen (appraisal/workflow.py)."""
        return (
            self.status == StatusEvaluasi.FINAL
            or self.ditandatangani_penilai_pada is not None
            or self.ditandatangani_atasan_pada is not None
        )


class Realisasi(models.Model):
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="realisasi")
    iki = models.ForeignKey(IndikatorKinerjaIndividu, on_delete=models.PROTECT, related_name="realisasi")
    realisasi_angka = models.DecimalField(
        _("realisasi (angka)"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    realisasi_uraian = models.TextField(_("realisasi (uraian)"), blank=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["evaluasi", "iki"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "iki"], name="one_realisation_per_iki")]

    def __str__(self) -> str:
        return f"{self.evaluasi_id}/{self.iki_id}"


class BuktiDukung(models.Model):
    """Evidence. Stored under MEDIA_ROOT (outside the web root), served only through an
    access-checked view; `sha256` lets a re-upload be recognised."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(_("berkas"), upload_to="bukti/%Y/%m/")
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    jenis_konten = models.CharField(max_length=100)
    ukuran = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "diunggah_pada"]

    def __str__(self) -> str:
        return self.nama_asli


class UmpanBalik(models.Model):
    """Continuous feedback of the appraiser on one RHK in a period (umpan balik berkelanjutan)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="umpan_balik")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="umpan_balik")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    teks = models.TextField(_("umpan balik"))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["evaluasi", "dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.evaluasi_id}/{self.rhk_id}"


class CatatanDialog(models.Model):
    """Dialog kinerja notes of an evaluation (coaching conversations, agreements)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="dialog")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    teks = models.TextField(_("catatan"))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catatan dialog kinerja")
        verbose_name_plural = _("catatan dialog kinerja")
        ordering = ["evaluasi", "dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.evaluasi_id} {self.dibuat_pada:%Y-%m-%d}"


# ---------------------------------------------------------------------------- multi-rater
class NominasiPenilai(models.Model):
    """A peer or subordinate nominated by the appraisee to describe their behaviour; the appraiser
    approves. The appraisee never sees who answered what (aggregates at 3+ answers only)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="nominasi")
    penilai_rekan = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="nominasi_menilai")
    jenis = models.CharField(_("jenis"), max_length=8, choices=JenisRater.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusNominasi.choices, default=StatusNominasi.DIUSULKAN
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nominasi penilai rekan/bawahan")
        verbose_name_plural = _("nominasi penilai rekan/bawahan")
        constraints = [models.UniqueConstraint(fields=["evaluasi", "penilai_rekan"], name="nominasi_unique")]

    def __str__(self) -> str:
        return f"{self.evaluasi_id} ← {self.penilai_rekan_id} ({self.jenis})"


class JawabanPerilaku(models.Model):
    """One rater's score (1–5) and optional comment for one BerAKHLAK value."""

    nominasi = models.ForeignKey(NominasiPenilai, on_delete=models.CASCADE, related_name="jawaban")
    nilai = models.ForeignKey(NilaiBerakhlak, on_delete=models.PROTECT, related_name="+")
    skor = models.PositiveSmallIntegerField(_("skor"))
    komentar = models.TextField(_("komentar"), blank=True)

    class Meta:
        verbose_name = _("jawaban perilaku")
        verbose_name_plural = _("jawaban perilaku")
        constraints = [
            models.UniqueConstraint(fields=["nominasi", "nilai"], name="jawaban_unique"),
            models.CheckConstraint(condition=Q(skor__gte=1, skor__lte=5), name="jawaban_skor_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.nominasi_id} {self.nilai_id}={self.skor}"


# ---------------------------------------------------------------------------- public feedback
class TautanPublik(models.Model):
    """A public link (and QR code) to the feedback form of one employee or one service unit."""

    token = models.CharField(max_length=32, unique=True)
    pegawai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tautan umpan balik publik")
        verbose_name_plural = _("tautan umpan balik publik")
        constraints = [
            models.CheckConstraint(
                condition=(Q(pegawai__isnull=False) & Q(unit__isnull=True))
                | (Q(pegawai__isnull=True) & Q(unit__isnull=False)),
                name="tautan_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.token


class UmpanBalikPublik(models.Model):
    tautan = models.ForeignKey(TautanPublik, on_delete=models.CASCADE, related_name="jawaban")
    pegawai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    skor_layanan = models.PositiveSmallIntegerField(_("kepuasan layanan"))
    skor_perilaku = models.PositiveSmallIntegerField(_("sikap petugas"))
    komentar = models.TextField(_("komentar"), blank=True)
    # Only salted hashes: enough to limit one answer per device per day, nothing to identify anyone.
    perangkat_hash = models.CharField(max_length=64, db_index=True)
    alamat_hash = models.CharField(max_length=64, db_index=True)
    jaringan_hash = models.CharField(max_length=64, db_index=True, default="")  # the /24 (IPv4) or /64 (IPv6)
    # The local (Asia/Jakarta) day of the answer: "one answer per link per device per day" is a unique
    # constraint on it (null only for answers stored before the constraint existed).
    hari = models.DateField(null=True, blank=True)
    # Part of a burst from one network: counts only once a moderator accepts it (docs/feedback.md).
    ditahan = models.BooleanField(_("ditahan untuk moderasi"), default=False)
    status = models.CharField(
        _("moderasi"), max_length=10, choices=StatusModerasi.choices, default=StatusModerasi.MENUNGGU, db_index=True
    )
    dimoderasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("umpan balik publik")
        verbose_name_plural = _("umpan balik publik")
        ordering = ["-dibuat_pada"]
        constraints = [
            models.CheckConstraint(condition=Q(skor_layanan__gte=1, skor_layanan__lte=5), name="publik_layanan_1_5"),
            models.CheckConstraint(condition=Q(skor_perilaku__gte=1, skor_perilaku__lte=5), name="publik_perilaku_1_5"),
            models.UniqueConstraint(fields=["tautan", "perangkat_hash", "hari"], name="publik_satu_per_perangkat_hari"),
        ]

    def __str__(self) -> str:
        return f"{self.tautan_id} {self.dibuat_pada:%Y-%m-%d}"


class TokenFormulirPublik(models.Model):
    """A public form token that was used: each token is accepted once (issue #8). Only its hash is kept,
    and only for a day (older tokens are refused as stale anyway)."""

    token_hash = models.CharField(max_length=64, unique=True)
    dipakai_pada = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("token formulir publik terpakai")
        verbose_name_plural = _("token formulir publik terpakai")

    def __str__(self) -> str:
        return self.token_hash[:12]


class RilisRingkasanPerilaku(models.Model):
    """The peer/subordinate aggregates last released for an evaluation (issue #8: rater anonymity).

    The shown figures change only when at least 3 answers are new or changed since the last release,
    so no two views differ by one rater. `tanda` holds a keyed fingerprint of each released answer set
    (nomination id → HMAC), to count what changed since; `data` holds the released figures."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.CASCADE, related_name="rilis_ringkasan")
    n_dijawab = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    tanda = models.JSONField(default=dict)
    dirilis_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("rilis ringkasan perilaku")
        verbose_name_plural = _("rilis ringkasan perilaku")

    def __str__(self) -> str:
        return f"{self.evaluasi_id}: {self.n_dijawab}"


# ---------------------------------------------------------------------------- unit result, curve
class PredikatOrganisasiUnit(models.Model):
    """The unit's result for a period, set by the head above the unit (SE MenPANRB 3/2023)."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="predikat_organisasi")
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="predikat_organisasi")
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=PredikatOrganisasiChoice.choices)
    alasan = models.TextField(_("alasan"))
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        constraints = [models.UniqueConstraint(fields=["unit", "periode"], name="one_unit_result_per_period")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.periode_id}: {self.predikat}"


class Kalibrasi(models.Model):
    """One calibration move: a person moved between predikat categories, with the reason."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="kalibrasi")
    dari = models.CharField(max_length=20, choices=PredikatChoice.choices)
    ke = models.CharField(max_length=20, choices=PredikatChoice.choices)
    alasan = models.TextField(_("alasan"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kalibrasi")
        verbose_name_plural = _("kalibrasi")
        ordering = ["evaluasi", "dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.evaluasi_id}: {self.dari} → {self.ke}"


class FinalisasiUnit(models.Model):
    """A unit's evaluations for a period made final; `justifikasi` when the curve is broken and
    the year's policy allows it."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="finalisasi")
    status = models.CharField(max_length=8, choices=StatusFinalisasi.choices, default=StatusFinalisasi.TERBUKA)
    pelanggaran_kurva = models.JSONField(_("pelanggaran kurva saat finalisasi"), default=list, blank=True)
    justifikasi = models.TextField(_("justifikasi"), blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("finalisasi unit")
        verbose_name_plural = _("finalisasi unit")
        constraints = [models.UniqueConstraint(fields=["unit", "periode"], name="one_finalisation_per_period")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.periode_id} {self.status}"


class Keberatan(models.Model):
    """An objection to a final evaluation, filed within the year's window; the decision is recorded."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="keberatan")
    alasan = models.TextField(_("alasan keberatan"))
    diajukan_pada = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=StatusKeberatan.choices, default=StatusKeberatan.DIAJUKAN)
    keputusan = models.TextField(_("keputusan"), blank=True)
    predikat_baru = models.CharField(max_length=20, choices=PredikatChoice.choices, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diajukan_pada"]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluasi_id} ({self.status})"


class RiwayatEvaluasi(models.Model):
    """A frozen copy of an evaluation at a version (taken when it is reopened or changed after final)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="riwayat")
    versi = models.PositiveIntegerField()
    snapshot = models.JSONField()
    alasan = models.TextField(blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat evaluasi")
        verbose_name_plural = _("riwayat evaluasi")
        ordering = ["evaluasi", "versi"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "versi"], name="riwayat_evaluasi_unique")]

    def __str__(self) -> str:
        return f"{self.evaluasi_id} v{self.versi}"


class SnapshotEvaluasi(models.Model):
    """What was signed, frozen at each signature (and at an accepted objection): the plan rows,
    realisations, ratings, reasons, predikat and signers as canonical JSON with its sha256.

    Written once by `karier.appraisal.evaluation.snapshots.take`, never updated; `verify_snapshots` re-hashes
    every row and compares each FINAL evaluation with its latest snapshot."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="snapshot")
    versi = models.PositiveIntegerField()
    tahap = models.CharField(max_length=12)  # PENILAI, ATASAN, KEBERATAN
    isi = models.JSONField()
    hash = models.CharField(max_length=64)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("snapshot evaluasi bertanda tangan")
        verbose_name_plural = _("snapshot evaluasi bertanda tangan")
        ordering = ["evaluasi", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "versi", "tahap"], name="snapshot_evaluasi_unique")]

    def __str__(self) -> str:
        return f"{self.evaluasi_id} v{self.versi} {self.tahap} {self.hash[:12]}"


class KunciTutupPeriode(models.Model):
    """A running period close (issue #8 §9) on databases without advisory locks (SQLite): one row per
    period while a close runs; `close.period_lock` inserts it and deletes it afterwards."""

    periode = models.OneToOneField(PeriodePenilaian, on_delete=models.CASCADE, primary_key=True, related_name="+")
    dimulai_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("kunci penutupan periode")
        verbose_name_plural = _("kunci penutupan periode")

    def __str__(self) -> str:
        return f"{self.periode_id} sejak {self.dimulai_pada:%Y-%m-%d %H:%M}"


class Pengingat(models.Model):
    """An in-app reminder (and e-mail where configured) before a deadline; one per person, period
    and kind, so re-running the reminder task never duplicates."""

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pengingat")
    periode = models.ForeignKey(PeriodePenilaian, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=40)
    pesan = models.TextField()
    tautan = models.CharField(max_length=200, blank=True)
    dibaca = models.BooleanField(default=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        ordering = ["-dibuat_pada"]
        constraints = [models.UniqueConstraint(fields=["pengguna", "periode", "jenis"], name="pengingat_unique")]

    def __str__(self) -> str:
        return f"{self.pengguna_id} {self.jenis}"


# The public satisfaction survey (SKM) lives in its own sub-package; importing it here makes its
# models part of this app.
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm  # noqa: E402, F401
