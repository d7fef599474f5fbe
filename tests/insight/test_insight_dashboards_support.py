"""Builders for the dashboard tests (issue #13 item 1); holds no tests itself.

`dashboard_org(org)` builds, for the current year (`YEAR`), figures that can be counted by hand:

- Seksi Kurikulum (dik_s1): Kasi + five staff (staf1a, staf1b, x0, x1, x2), six approved plans of one
  RHK each; the staff's annual evaluations calibrated and signed (`signed_seksi`): x1 Sangat Baik, x0
  Butuh Perbaikan, three Baik — FINAL; the Kasi's own evaluation still DRAFT. staf1a's RHK names the
  Kasi's RHK (cascade: 1 of 6 linked).
- People: Dinas Pendidikan 10 (Kadis; Kabid1; the six of the seksi; Kabid2 and staf2 in dik_b2),
  Kominfo 2, Setda 1 — 13 active.
- JP of the year (stored totals): staf1a 24, staf1b 20, x0 19,5 → 2 at target in the seksi; pranata 30
  → 1 in Kominfo.
- 9-box of the year: staf1a box 9, staf1b and x0 box 5, x2 box 7 but excluded → boxes 9:1, 5:2.
- Promotion: staf1a and staf2 eligible, staf1b not; staf2 proposed for this year, verified.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from karier.development.models import RekapJpPegawai
from karier.people.models import Golongan
from karier.plans.models import RencanaHasilKerja
from karier.talent.models import KelayakanPangkat, UsulanKenaikanPangkat
from tests.appraisal.test_appraisal_calibration_support import Seksi, signed_seksi
from tests.appraisal.test_appraisal_support import YEAR
from tests.orgdata import Org
from tests.replay import replayed_on
from tests.talent.test_talent_succession_support import place

__all__ = ["YEAR", "dashboard_org", "more_staff"]


def dashboard_org(org: Org) -> Seksi:
    """`signed_seksi` with JP totals, 9-box places and promotion rows (replayed, tests/replay.py)."""
    return replayed_on("dashboard_org", org, _dashboard_org)


def _dashboard_org(org: Org) -> Seksi:
    s = signed_seksi(org)
    p = org.pegawai
    rhk = {k: RencanaHasilKerja.objects.get(skp__pegawai=p[k], skp__tahun_id=YEAR) for k in ("staf1a", "kasi1")}
    RencanaHasilKerja.objects.filter(pk=rhk["staf1a"].pk).update(rhk_atasan=rhk["kasi1"])
    for key, jp in (("staf1a", "24"), ("staf1b", "20"), ("x0", "19.5"), ("pranata", "30")):
        RekapJpPegawai.objects.create(pegawai=p[key], tahun=YEAR, jp_total=Decimal(jp), jumlah=1)
    RekapJpPegawai.objects.create(pegawai=p["staf2"], tahun=YEAR - 1, jp_total=Decimal(40), jumlah=1)  # other year
    place(p["staf1a"], 9, YEAR)
    place(p["staf1b"], 5, YEAR)
    place(p["x0"], 5, YEAR)
    place(p["x2"], 7, YEAR, dikecualikan=True)
    g31, g32 = Golongan.objects.get(pk=31), Golongan.objects.get(pk=32)
    for key, layak in (("staf1a", True), ("staf2", True), ("staf1b", False)):
        KelayakanPangkat.objects.create(
            pegawai=p[key],
            opd_id=p[key].opd_id,
            jenis="REGULER",
            golongan=g31,
            golongan_berikut=g32,
            layak=layak,
            dihitung_pada=timezone.now(),
        )
    UsulanKenaikanPangkat.objects.create(
        pegawai=p["staf2"],
        jenis="REGULER",
        tmt=dt.date(YEAR, 4, 1),
        golongan_dari=g31,
        golongan_ke=g32,
        status="DIVERIFIKASI",
    )
    return s


def more_staff(org: Org, n: int, jabatan_key: str = "staf1") -> None:
    """`n` more people in Seksi Kurikulum with JP and a 9-box place each (query counts at two sizes)."""
    start = len(org.pegawai)
    for i in range(n):
        key = f"more{start + i}"
        org.add_pegawai(key, jabatan_key, golongan=31, user=False)
        RekapJpPegawai.objects.create(pegawai=org.pegawai[key], tahun=YEAR, jp_total=Decimal(25), jumlah=1)
        place(org.pegawai[key], 5, YEAR)
