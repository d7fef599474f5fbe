"""Builders for the calibration, finalisation, objection, close and document tests (issue #5 parts 5–8).
Imported as `tests.appraisal.test_appraisal_calibration_support`; holds no tests itself.

`seksi(org)`: Seksi Kurikulum (head: Kasi, appraised by Kabid) with ten staff appraised by the Kasi, all
with approved plans and evaluations of the annual period; ratings are set directly (set-based, like
the bench) unless a test rates through the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from karier.appraisal import periods
from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.rules import predikat_kinerja
from tests.appraisal.test_appraisal_support import YEAR, approved_skp
from tests.orgdata import Org

SESUAI, DI_ATAS, DI_BAWAH = "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Di Bawah Ekspektasi"
BP_SENTENCE = "harus ada paling sedikit 1 pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct"


@dataclass
class Seksi:
    org: Org
    periode: PeriodePenilaian
    staff: list[str] = field(default_factory=list)

    def ev(self, key: str) -> Evaluasi:
        return Evaluasi.objects.select_related("periode", "unit", "jabatan", "pegawai").get(
            pegawai=self.org.pegawai[key], periode=self.periode)

    def user(self, key: str) -> Any:
        return self.org.users[key]

    @property
    def unit(self) -> Any:
        return self.org.units["dik_s1"]


def seksi(org: Org, extra: int = 8, *, rate: bool = True, open_period: bool = True,
          evaluations: bool = True) -> Seksi:
    for i in range(extra):
        org.add_pegawai(f"x{i}", "staf1", golongan=31)
    staff = ["staf1a", "staf1b", *[f"x{i}" for i in range(extra)]]
    periods.kalender_set(actor=org.users["admin"], tahun=YEAR)
    periode = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TAHUNAN")
    for key in staff:
        approved_skp(org, key, "kasi1")
    approved_skp(org, "kasi1", "kabid1")
    if open_period:
        periods.periode_open(actor=org.users["admin"], periode=periode)
    elif evaluations:
        periods.evaluasi_bulk_create(periode=periode)
    periode.refresh_from_db()
    s = Seksi(org=org, periode=periode, staff=staff)
    if rate:
        rate_all(s, staff, SESUAI, SESUAI)  # ten times Baik
    return s


def rate_all(s: Seksi, keys: list[str], hasil: str, perilaku: str) -> None:
    """Set ratings directly (the appraiser's screen is party A's; tested there)."""
    ids = [s.org.pegawai[k].pk for k in keys]
    Evaluasi.objects.filter(periode=s.periode, pegawai_id__in=ids).update(
        rating_hasil_kerja=hasil, rating_perilaku=perilaku, alasan_hasil_kerja="Sesuai target tahunan.",
        alasan_perilaku="Perilaku sesuai BerAKHLAK.", predikat=predikat_kinerja(hasil, perilaku).value,
        status=StatusEvaluasi.DINILAI)
