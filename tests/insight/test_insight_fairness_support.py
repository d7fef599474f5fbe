"""Builders for the fairness tests (issue #13 item 2); holds no tests itself.

`fairness_org(org)` gives Dinas Pendidikan 25 final annual evaluations of 2025 by four appraisers, hand
made so that every figure of the report can be computed by hand (the numbers are in the docstring of
`tests/insight/test_insight_fairness.py`). The analytics only read, so rows are written directly:
what is tested is the reading, not the rating workflow (tested in tests/appraisal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from karier.appraisal.models import CatatanDialog, Evaluasi, Kalibrasi, PeriodePenilaian, UmpanBalik
from karier.plans.models import RencanaHasilKerja, Skp, TahunKinerja
from tests.orgdata import Org
from tests.replay import replayed_on

YEAR = 2025
SB = ("Di Atas Ekspektasi", "Di Atas Ekspektasi")  # Sangat Baik
BAIK = ("Sesuai Ekspektasi", "Sesuai Ekspektasi")
BP = ("Di Bawah Ekspektasi", "Sesuai Ekspektasi")  # Butuh Perbaikan
SK = ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi")  # Sangat Kurang
PREDIKAT = {SB: "Sangat Baik", BAIK: "Baik", BP: "Butuh Perbaikan", SK: "Sangat Kurang"}


@dataclass
class Year:
    org: Org
    annual: PeriodePenilaian
    quarter: PeriodePenilaian
    evaluations: dict[str, Evaluasi] = field(default_factory=dict)
    n: int = 0


def year(org: Org) -> Year:
    tahun, _ = TahunKinerja.objects.get_or_create(tahun=YEAR, defaults={"batas_penetapan_skp": dt.date(YEAR, 1, 31)})
    common = {"tahun": tahun, "dibuka_pada": dt.date(YEAR, 1, 1), "batas_pengisian": dt.date(YEAR + 1, 1, 31)}
    annual = PeriodePenilaian.objects.create(
        jenis="TAHUNAN", nomor=0, nama="Tahunan", mulai=dt.date(YEAR, 1, 1), selesai=dt.date(YEAR, 12, 31), **common
    )
    quarter = PeriodePenilaian.objects.create(
        jenis="TRIWULAN", nomor=1, nama="Triwulan I", mulai=dt.date(YEAR, 1, 1), selesai=dt.date(YEAR, 3, 31), **common
    )
    return Year(org, annual, quarter)


def rated(
    y: Year,
    key: str,
    *,
    penilai: str,
    unit: str,
    jabatan: str,
    ratings: tuple[str, str],
    alasan: bool = True,
    gender: str = "L",
    golongan: int = 31,
    dinilai_pada: dt.datetime | None = None,
    status: str = "FINAL",
) -> Evaluasi:
    """A new employee with a plan and a rated annual evaluation (final by default)."""
    org = y.org
    p = org.add_pegawai(key, None, gender=gender, golongan=golongan, user=False)
    y.n += 1
    unit_obj, jab = org.units[unit], org.jabatan[jabatan]
    skp = Skp.objects.create(
        pegawai=p,
        tahun_id=YEAR,
        periode_mulai=dt.date(YEAR, 1, 1),
        periode_selesai=dt.date(YEAR, 12, 31),
        jabatan=jab,
        unit=unit_obj,
        penilai=org.pegawai[penilai],
        status="DISETUJUI",
    )
    hk, pl = ratings
    ev = Evaluasi.objects.create(
        skp=skp,
        periode=y.annual,
        pegawai=p,
        unit=unit_obj,
        jabatan=jab,
        penilai=org.pegawai[penilai],
        rating_hasil_kerja=hk,
        alasan_hasil_kerja="Capaian target tahunan terlampaui." if alasan and hk else "",
        rating_perilaku=pl,
        alasan_perilaku="Perilaku sesuai BerAKHLAK." if alasan and pl else "",
        predikat=PREDIKAT[ratings],
        status=status,
        dinilai_pada=dinilai_pada or timezone.now() + dt.timedelta(seconds=y.n),
    )
    y.evaluations[key] = ev
    return ev


def quarterly(y: Year, key: str) -> Evaluasi:
    """The first-quarter evaluation of the same plan (where feedback during the year is written)."""
    ev = y.evaluations[key]
    return Evaluasi.objects.create(
        skp=ev.skp, periode=y.quarter, pegawai=ev.pegawai, unit=ev.unit, jabatan=ev.jabatan, penilai=ev.penilai
    )


def move(y: Year, key: str, ke: str, by: str) -> None:
    ev = y.evaluations[key]
    Kalibrasi.objects.create(evaluasi=ev, dari=ev.predikat, ke=ke, alasan="Kalibrasi unit.", oleh=y.org.users[by])
    Evaluasi.objects.filter(pk=ev.pk).update(predikat_akhir=ke)


def fairness_org(org: Org) -> Year:
    """Dinas Pendidikan, 2025 (see the module docstring of the tests for the hand-computed figures).

    A  kasi1  (Pegawai kasi1):  6 × Sangat Baik (one without any reason), rated one by one.
    B  kabid1 (Wati Susanti):  9 × Baik without reasons + 1 × Butuh Perbaikan, all in one bulk save;
       two of them have feedback in the first quarter; the Butuh Perbaikan one calibrated up to Baik
       by the Kadis.
    C  kabid2 (Pegawai kabid2): 2 × Baik + 3 × Sangat Kurang, women, golongan II/c, functional.
    D  kadis  (Rahmat Hidayat): 4 × Baik without reasons, in one bulk save (suppressed: < 5).
    Not counted: a DINILAI (not final) evaluation in the agency, a final one in Diskominfo.
    Replayed after the first build of a test process (tests/replay.py).
    """
    return replayed_on("fairness_org", org, _fairness_org)


def _fairness_org(org: Org) -> Year:
    y = year(org)
    for i in range(6):
        rated(y, f"a{i}", penilai="kasi1", unit="dik_s1", jabatan="staf1", ratings=SB, alasan=i != 0)
    bulk_b = timezone.now() - dt.timedelta(days=1)
    for i in range(10):
        r = BP if i == 9 else BAIK
        rated(
            y, f"b{i}", penilai="kabid1", unit="dik_b1", jabatan="staf1", ratings=r, alasan=r == BP, dinilai_pada=bulk_b
        )
    for i in range(5):
        r = BAIK if i < 2 else SK
        rated(y, f"c{i}", penilai="kabid2", unit="dik_b2", jabatan="pranata", ratings=r, gender="P", golongan=23)
    bulk_d = timezone.now() - dt.timedelta(days=2)
    for i in range(4):
        rated(
            y, f"d{i}", penilai="kadis", unit="dik", jabatan="kabid1", ratings=BAIK, alasan=False, dinilai_pada=bulk_d
        )
    rated(y, "draft", penilai="kasi1", unit="dik_s1", jabatan="staf1", ratings=BAIK, status="DINILAI")
    rated(y, "kominfo", penilai="kadiskominfo", unit="kominfo", jabatan="pranata", ratings=SB)
    # Feedback during the year for two of B's people: one note, one feedback on an RHK.
    CatatanDialog.objects.create(evaluasi=quarterly(y, "b0"), teks="Dialog triwulan I.")
    q1 = quarterly(y, "b1")
    rhk = RencanaHasilKerja.objects.create(skp=q1.skp, teks="Data kurikulum mutakhir")
    UmpanBalik.objects.create(evaluasi=q1, rhk=rhk, teks="Lanjutkan.")
    move(y, "b9", "Baik", "kadis")
    return y


def extend(y: Year, n: int) -> None:
    """`n` more people for each of A, B and C, and one more calibration move (query counts)."""
    for i in range(n):
        rated(y, f"ax{i}", penilai="kasi1", unit="dik_s1", jabatan="staf1", ratings=SB)
        rated(y, f"bx{i}", penilai="kabid1", unit="dik_b1", jabatan="staf1", ratings=BAIK)
        rated(y, f"cx{i}", penilai="kabid2", unit="dik_b2", jabatan="pranata", ratings=SK, gender="P")
    move(y, "cx0", "Butuh Perbaikan", "admin")
