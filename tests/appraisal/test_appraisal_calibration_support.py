"""Builders for the calibration, finalisation, objection, close and document tests (issue #5 parts 5–8).
Imported as `tests.appraisal.test_appraisal_calibration_support`; holds no tests itself.

`seksi(org)`: Seksi Kurikulum (head: Kasi, appraised by Kabid) with ten staff appraised by the Kasi, all
with approved plans and evaluations of the annual period, rated by the Kasi through the bulk rating
service (`rate_all`). `signed_seksi(org)`: five of them calibrated to satisfy the curve, finalised and
signed by both officials (every evaluation FINAL).
`periksa_audit()`: runs `karier periksa-audit`, returns (exit code, output).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.management import CommandError, call_command
from django.test import Client

from karier.appraisal.calibration.finalise import tanda_tangan_atasan_add, unit_finalise
from karier.appraisal.calibration.services import kalibrasi_move, predikat_organisasi_set
from karier.appraisal.evaluation import periods
from karier.appraisal.evaluation.services import rating_bulk_set
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from tests.appraisal.test_appraisal_support import YEAR, approved_skp
from tests.orgdata import Org
from tests.replay import replayed_on

SESUAI, DI_ATAS, DI_BAWAH = "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Di Bawah Ekspektasi"
BP_SENTENCE = "harus ada paling sedikit 1 pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct"


@dataclass
class Seksi:
    org: Org
    periode: PeriodePenilaian
    staff: list[str] = field(default_factory=list)

    def ev(self, key: str) -> Evaluasi:
        return Evaluasi.objects.select_related("periode", "unit", "jabatan", "pegawai").get(
            pegawai=self.org.pegawai[key], periode=self.periode
        )

    def user(self, key: str) -> Any:
        return self.org.users[key]

    def actor(self, key: str) -> Any:
        """The Actor the services take for `org.users[key]`."""
        return self.org.actor(key)

    @property
    def unit(self) -> Any:
        return self.org.units["dik_s1"]


def seksi(org: Org, extra: int = 8, *, rate: bool = True, open_period: bool = True, evaluations: bool = True) -> Seksi:
    """Built through the services once per test process, then replayed (tests/replay.py)."""
    key = ("seksi", extra, rate, open_period, evaluations)
    return replayed_on(
        key,
        org,
        lambda o: _seksi(o, extra, rate=rate, open_period=open_period, evaluations=evaluations),
    )


def _seksi(org: Org, extra: int, *, rate: bool, open_period: bool, evaluations: bool) -> Seksi:
    for i in range(extra):
        org.add_pegawai(f"x{i}", "staf1", golongan=31)
    staff = ["staf1a", "staf1b", *[f"x{i}" for i in range(extra)]]
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    periode = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TAHUNAN")
    for key in staff:
        approved_skp(org, key, "kasi1")
    approved_skp(org, "kasi1", "kabid1")
    if open_period:
        periods.periode_open(actor=org.actor("admin"), periode=periode)
    elif evaluations:
        periods.evaluasi_bulk_create(periode=periode)
    periode.refresh_from_db()
    s = Seksi(org=org, periode=periode, staff=staff)
    if rate:
        rate_all(s, staff, SESUAI, SESUAI)  # ten times Baik
    return s


def rate_all(s: Seksi, keys: list[str], hasil: str, perilaku: str) -> None:
    """Rate through the appraisers' bulk rating service (one call per appraiser), so that a broken rating
    workflow (who may rate, the period, the predikat from `karier.rules`) fails the tests built on it."""
    key_of = {p.pk: k for k, p in s.org.pegawai.items()}
    rows: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
    for ev_id, penilai_id in Evaluasi.objects.filter(
        periode=s.periode, pegawai_id__in=[s.org.pegawai[k].pk for k in keys]
    ).values_list("pk", "penilai_id"):
        rows[key_of[penilai_id]][ev_id] = {
            "rating_hasil_kerja": hasil,
            "alasan_hasil_kerja": "Sesuai target tahunan.",
            "rating_perilaku": perilaku,
            "alasan_perilaku": "Perilaku sesuai BerAKHLAK.",
        }
    assert sum(len(r) for r in rows.values()) == len(keys), "every key needs an evaluation in the period"
    for penilai, by_id in rows.items():
        rating_bulk_set(actor=s.org.actor(penilai), periode=s.periode, rows=by_id)


def calibrate(s: Seksi) -> Seksi:
    """The unit's result Baik and two moves, so that the curve of `seksi(org, extra=3)` is satisfied."""
    predikat_organisasi_set(
        actor=s.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="Capaian PK sesuai target."
    )
    kalibrasi_move(
        actor=s.actor("kasi1"), evaluasi=s.ev("x0"), unit=s.unit, ke="Butuh Perbaikan", alasan="Target tertinggal."
    )
    kalibrasi_move(actor=s.actor("kasi1"), evaluasi=s.ev("x1"), unit=s.unit, ke="Sangat Baik", alasan="Menonjol.")
    return s


def finalise_and_sign(s: Seksi) -> Seksi:
    """The Kasi finalises the unit (signing as appraiser), the Kabid signs as superior: all FINAL."""
    unit_finalise(actor=s.actor("kasi1"), unit=s.unit, periode=s.periode)
    tanda_tangan_atasan_add(actor=s.actor("kabid1"), periode=s.periode, unit=s.unit)
    return s


def signed_seksi(org: Org) -> Seksi:
    """`seksi(org, extra=3)` calibrated, finalised and signed by both officials (replayed after the
    first build of a test process, tests/replay.py)."""
    return replayed_on("signed_seksi", org, lambda o: finalise_and_sign(calibrate(seksi(o, extra=3))))


def periksa_audit() -> tuple[int, str]:
    """Run `karier periksa-audit`; its exit code and what it wrote to stdout."""
    out = io.StringIO()
    try:
        call_command("periksa_audit", stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def client_for(org: Org, key: str) -> Client:
    """A client logged in as `org.users[key]` (no password round trip)."""
    c = Client()
    c.force_login(org.users[key])
    return c
