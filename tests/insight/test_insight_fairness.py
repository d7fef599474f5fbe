"""Fairness analytics (issue #13 item 2): the report's figures against a hand-computed fixture, the
suppression below 5 people, the flags, and the numbers the screen, API and Excel show.

The fixture (`fairness_org`, Dinas Pendidikan 2025; 25 final annual evaluations):

    appraiser            n  given predikat            flags               no reason  bulk w/o feedback  moves
    A Pegawai kasi1      6  6 SB                      LONGGAR, SERAGAM    1 (wajib)  0                  0
    B Wati Susanti      10  9 Baik, 1 BP (→ Baik)     TENGAH              9          8 (10 bulk, 2 fb)  1
    C Pegawai kabid2     5  2 Baik, 3 SK              KETAT               0          0                  0
    D Rahmat Hidayat     4  4 Baik                    — (suppressed)      4          4

Agency, given predikat: top 6 (24 %), middle 15 (60 %), bottom 4 (16 %). Final predikat (after B's
move): SB 6 (24,0 %), Baik 16 (64,0 %), SK 3 (12,0 %). A: 100 % top, +76 points → lenient; one pair
of ratings for 6 → same for everyone. B: 90 % middle ≥ 90 while the agency is 60 % ≤ 75 → central.
C: 60 % bottom vs 16 %, +44 points → severe. D: 4 people < 5 → no figures, no flags.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from karier.core.numbers import share as pct
from karier.insight.fairness.selectors import Distribution, fairness_report
from tests.insight.test_insight_fairness_support import fairness_org
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

ZERO5 = {"Sangat Baik": 0, "Baik": 0, "Butuh Perbaikan": 0, "Kurang/Misconduct": 0, "Sangat Kurang": 0}


def _report(org: Org):  # type: ignore[no-untyped-def]
    fairness_org(org)
    return fairness_report(org.units["dik"], 2025)


def test_agency_distribution_is_the_final_predikat(org: Org) -> None:
    r = _report(org)
    assert r.n == 25  # not the DINILAI one, not Diskominfo's
    assert r.agency.predikat == {**ZERO5, "Sangat Baik": 6, "Baik": 16, "Sangat Kurang": 3}
    assert r.agency.persen is not None
    assert r.agency.persen["Baik"] == Decimal("64.0") and r.agency.persen["Sangat Kurang"] == Decimal("12.0")
    assert r.agency_hasil_kerja == {"Di Atas Ekspektasi": 6, "Sesuai Ekspektasi": 15, "Di Bawah Ekspektasi": 4}
    assert r.agency_perilaku == {"Di Atas Ekspektasi": 6, "Sesuai Ekspektasi": 16, "Di Bawah Ekspektasi": 3}
    assert r.agency_spread_persen == {"atas": Decimal("24.0"), "tengah": Decimal("60.0"), "bawah": Decimal("16.0")}


def test_each_appraiser_against_the_agency(org: Org) -> None:
    r = _report(org)
    rows = {a.nama: a for a in r.appraisers}
    assert [a.nama for a in r.appraisers] == ["Pegawai kasi1", "Pegawai kabid2", "Wati Susanti", "Rahmat Hidayat"]
    a, b, c = rows["Pegawai kasi1"], rows["Wati Susanti"], rows["Pegawai kabid2"]
    assert (a.n, a.predikat, a.flags) == (6, {**ZERO5, "Sangat Baik": 6}, ("LONGGAR", "SERAGAM"))
    assert (a.tanpa_alasan, a.alasan_wajib_kosong, a.massal_tanpa_umpan_balik, a.kalibrasi) == (1, 1, 0, 0)
    assert (b.n, b.predikat, b.flags) == (10, {**ZERO5, "Baik": 9, "Butuh Perbaikan": 1}, ("TENGAH",))
    assert b.persen is not None and b.persen["Baik"] == Decimal("90.0")
    assert b.hasil_kerja == {"Di Atas Ekspektasi": 0, "Sesuai Ekspektasi": 9, "Di Bawah Ekspektasi": 1}
    assert (b.tanpa_alasan, b.alasan_wajib_kosong, b.massal_tanpa_umpan_balik, b.kalibrasi) == (9, 0, 8, 1)
    assert (c.n, c.predikat, c.flags) == (5, {**ZERO5, "Baik": 2, "Sangat Kurang": 3}, ("KETAT",))
    assert c.spread_persen == {"atas": Decimal("0.0"), "tengah": Decimal("40.0"), "bawah": Decimal("60.0")}


def test_an_appraiser_of_four_is_suppressed_one_of_five_is_not(org: Org) -> None:
    r = _report(org)
    d = next(a for a in r.appraisers if a.nama == "Rahmat Hidayat")
    assert d.n == 4 and d.suppressed
    assert (d.predikat, d.persen, d.hasil_kerja, d.perilaku, d.spread_persen, d.flags) == (None,) * 5 + ((),)
    assert (d.tanpa_alasan, d.massal_tanpa_umpan_balik, d.kalibrasi) == (None, None, None)
    c = next(a for a in r.appraisers if a.nama == "Pegawai kabid2")
    assert c.n == 5 and not c.suppressed


def test_findings_totals(org: Org) -> None:
    r = _report(org)
    assert r.tanpa_alasan == 14  # A 1 + B 9 + D 4
    assert r.alasan_wajib_kosong == 1  # A's Di Atas without a reason
    assert r.massal == 14  # B's 10 and D's 4, each in one save
    assert r.massal_tanpa_umpan_balik == 12  # minus B's two with a note or feedback in Q1
    assert r.kalibrasi == 1


def test_groups(org: Org) -> None:
    r = _report(org)
    g = {dim: {d.label: d for d in rows} for dim, rows in r.groups.items()}
    assert g["jenis_kelamin"]["Laki-laki"].predikat == {**ZERO5, "Sangat Baik": 6, "Baik": 14}
    assert g["jenis_kelamin"]["Perempuan"].predikat == {**ZERO5, "Baik": 2, "Sangat Kurang": 3}
    assert {k: d.n for k, d in g["golongan"].items()} == {"II": 5, "III": 20}
    assert {k: (d.n, d.suppressed) for k, d in g["jenis_jabatan"].items()} == {
        "Fungsional": (5, False),
        "Pelaksana": (16, False),
        "Struktural": (4, True),
    }
    assert g["jenis_jabatan"]["Struktural"].predikat is None
    units = {k: (d.n, d.suppressed) for k, d in g["unit"].items()}
    assert units == {
        "Bidang Pembinaan SMA": (10, False),
        "Bidang Pembinaan SMK": (5, False),
        "Dinas Pendidikan": (4, True),
        "Seksi Kurikulum": (6, False),
    }
    assert g["unit"]["Bidang Pembinaan SMA"].persen == {
        **dict.fromkeys(ZERO5, Decimal("0.0")),
        "Baik": Decimal("100.0"),
    }
    assert sum(d.n for d in r.groups["usia"]) == 25


def test_calibration_moves_per_unit_and_who(org: Org) -> None:
    r = _report(org)
    assert len(r.calibration) == 1
    c = r.calibration[0]
    assert (c.unit, c.n, c.naik, c.turun) == ("Bidang Pembinaan SMA", 10, 1, 0)
    assert c.movers is not None and [(m.nama, m.naik, m.turun) for m in c.movers] == [("Rahmat Hidayat", 1, 0)]


def test_a_year_without_an_annual_period_is_empty(org: Org) -> None:
    r = fairness_report(org.units["dik"], 2019)
    assert r.periode is None and r.n == 0 and r.appraisers == [] and r.agency.suppressed
    assert r.tanpa_alasan is None  # the agency itself is under 5


def test_distribution_threshold_and_percentages() -> None:
    assert Distribution.of("x", ["Baik"] * 4).predikat is None
    five = Distribution.of("x", ["Baik"] * 3 + ["Sangat Baik"] * 2)
    assert five.predikat is not None and five.predikat["Baik"] == 3
    assert five.cells[0] == (2, Decimal("40.0"))
    assert pct(1, 3) == Decimal("33.3") and pct(2, 3) == Decimal("66.7") and pct(0, 0) == 0


def test_golongan_group_is_the_roman_numeral() -> None:
    from karier.insight.fairness.selectors import _golongan_group

    assert _golongan_group("III/b") == "III" and _golongan_group("IV/e") == "IV"
    assert _golongan_group("X/z") == "X/z"  # outside the ladder (imported data): as it is
