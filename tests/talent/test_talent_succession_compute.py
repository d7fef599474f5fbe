"""Succession candidates (issue #12 item 5): who is kept, eligibility with reasons, near-meet, readiness
at the cut-offs of the person's rule set, ranking, the holder and sanctions left out, idempotence, and
a fixed number of queries whatever the number of positions and people."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.people.access import SYSTEM
from karier.talent.models import KandidatSuksesi, Kesiapan
from karier.talent.succession.compute import recompute_candidates
from karier.talent.succession.services import SyaratData
from tests.orgdata import Org, build_org
from tests.talent.test_talent_succession_support import (
    assess,
    aturan,
    kid,
    kritikal_set,
    place,
    scenario,
    standard_syarat,
)

pytestmark = pytest.mark.django_db


def _rows(jk: Any) -> dict[str, KandidatSuksesi]:
    return {k.pegawai.nama: k for k in KandidatSuksesi.objects.filter(jabatan_kritikal=jk).select_related("pegawai")}


def test_candidates_are_ranked_with_fit_readiness_and_reasons(org: Org) -> None:
    jk = scenario(org)
    rows = _rows(jk)
    full, kasi, near = rows["Pegawai kabid2"], rows["Pegawai kasi1"], rows["Pegawai staf1b"]
    # kabid2: every requirement met → 100 %, ready now, first.
    assert (full.peringkat, full.persen_kesesuaian, full.kesiapan, full.memenuhi_syarat) == (
        1,
        Decimal("100.00"),
        Kesiapan.SEKARANG,
        True,
    )
    # kasi1: M.5 at 2 of 3 — 5 of 6 met, eligible (a competency is a soft gap), ready in 1–2 years.
    assert (kasi.peringkat, kasi.persen_kesesuaian, kasi.kesiapan, kasi.memenuhi_syarat) == (
        2,
        Decimal("83.33"),
        Kesiapan.SATU_DUA,
        True,
    )
    assert [g["kompetensi_kode"] for g in kasi.kesenjangan] == ["M.5"]
    assert kasi.kesenjangan[0]["kurang_level"] == 1 and kasi.alasan == []
    # staf1b: the kind of position and the golongan fail (hard) → shown, not eligible, with the reasons.
    assert near.memenuhi_syarat is False and near.peringkat == 3
    assert near.persen_kesesuaian == Decimal("66.67")
    assert any(a.startswith("Jenis jabatan") for a in near.alasan)
    assert any(a.startswith("Golongan") and "III/d" in a for a in near.alasan)
    # staf2 (1 of 6), pranata (box 5) and the holder kabid1 are not candidates.
    assert set(rows) == {"Pegawai kabid2", "Pegawai kasi1", "Pegawai staf1b"}


def test_near_meet_threshold_is_fifty_percent(org: Org) -> None:
    """Two hard requirements of four failed = 50 % → kept; three of four = 25 % → left out."""
    place(org.pegawai["staf1b"], 7)  # PELAKSANA, III/a, S1
    place(org.pegawai["staf2"], 8)  # PELAKSANA, III/b, S1
    data = SyaratData(jenis_jabatan=["ADMINISTRATOR"], golongan_minimal_id=32, pendidikan_minimal="S1")
    data.kompetensi = {kid("M.1"): 2}
    assess(org.pegawai["staf2"], M_1=2)
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=data)
    rows = _rows(jk)
    # staf2: golongan III/b ok, S1 ok, M.1 ok, kind fails → 75 %; staf1b: kind and golongan fail, M.1
    # not assessed → 1 of 4 = 25 % → left out.
    assert set(rows) == {"Pegawai staf2"}
    assert rows["Pegawai staf2"].persen_kesesuaian == Decimal("75.00")
    # Give staf1b M.1: 2 of 4 = 50 % exactly → kept, not eligible.
    assess(org.pegawai["staf1b"], M_1=2)
    recompute_candidates([jk.pk])
    rows = _rows(jk)
    assert rows["Pegawai staf1b"].persen_kesesuaian == Decimal("50.00")
    assert rows["Pegawai staf1b"].memenuhi_syarat is False
    assert rows["Pegawai staf2"].peringkat < rows["Pegawai staf1b"].peringkat


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((3, 3, 3, 3), Kesiapan.SEKARANG),  # 100 %
        ((3, 3, 3, 1), Kesiapan.SATU_DUA),  # 75 %: the 1–2 years cut-off itself
        ((3, 3, 1, 1), Kesiapan.LEBIH_DUA),  # 50 %
    ],
)
def test_readiness_at_the_default_cutoffs(org: Org, levels: tuple[int, ...], expected: str) -> None:
    codes = ("M.1", "M.2", "M.3", "M.4")
    place(org.pegawai["kasi1"], 9)
    assess(org.pegawai["kasi1"], **{c.replace(".", "_"): lv for c, lv in zip(codes, levels, strict=True)})
    data = SyaratData(kompetensi={kid(c): 3 for c in codes})
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=data)
    assert _rows(jk)["Pegawai kasi1"].kesiapan == expected


def test_readiness_follows_the_persons_rule_set(org: Org) -> None:
    """The cut-offs come from the rule set of the person's placement (AturanTalenta.kesiapan_*); a hard
    requirement still failed is never "ready now", whatever the cut-offs."""
    lenient = aturan(kesiapan_sekarang=Decimal(75), kesiapan_1_2_tahun=Decimal(50))
    place(org.pegawai["kasi1"], 9, rules=lenient)
    place(org.pegawai["kabid2"], 9)  # default rule set: 75 % is 1–2 years
    place(org.pegawai["staf1b"], 8, rules=lenient)
    for key in ("kasi1", "kabid2"):
        assess(org.pegawai[key], M_1=3, M_2=3, M_3=3, M_4=1)
    assess(org.pegawai["staf1b"], M_1=3, M_2=3, M_3=3, M_4=3)
    data = SyaratData(
        jenis_jabatan=["PENGAWAS", "ADMINISTRATOR"], kompetensi={kid(c): 3 for c in ("M.1", "M.2", "M.3")}
    )
    data.kompetensi[kid("M.4")] = 3
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=data)
    rows = _rows(jk)
    # kasi1: 4 of 5 = 80 % ≥ 75 → ready now under the lenient set; kabid2 the same 80 % → 1–2 years.
    assert rows["Pegawai kasi1"].kesiapan == Kesiapan.SEKARANG
    assert rows["Pegawai kabid2"].kesiapan == Kesiapan.SATU_DUA
    # staf1b: 4 of 5 = 80 % but the kind of position fails → 1–2 years at best, not eligible.
    assert rows["Pegawai staf1b"].persen_kesesuaian == Decimal("80.00")
    assert (rows["Pegawai staf1b"].kesiapan, rows["Pegawai staf1b"].memenuhi_syarat) == (Kesiapan.SATU_DUA, False)


def test_ties_rank_by_box(org: Org) -> None:
    place(org.pegawai["kasi1"], 7)
    place(org.pegawai["kabid2"], 9)
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=SyaratData())
    rows = _rows(jk)
    assert rows["Pegawai kabid2"].peringkat == 1 and rows["Pegawai kasi1"].peringkat == 2


def test_only_the_latest_unexcluded_placement_counts(org: Org) -> None:
    place(org.pegawai["kasi1"], 9, tahun=2024)
    place(org.pegawai["kasi1"], 5, tahun=2025)  # latest: box 5 → out
    place(org.pegawai["kabid2"], 8, dikecualikan=True, alasan_pengecualian=["Hukuman disiplin sedang"])
    place(org.pegawai["staf1b"], 5, tahun=2024)
    place(org.pegawai["staf1b"], 7, tahun=2025)  # latest: box 7 → in
    jk = kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=SyaratData())
    assert set(_rows(jk)) == {"Pegawai staf1b"}


def test_recompute_is_idempotent_and_drops_removed_positions(org: Org) -> None:
    jk = scenario(org)
    first = list(KandidatSuksesi.objects.values_list("pegawai_id", "peringkat", "persen_kesesuaian", "kesiapan"))
    assert recompute_candidates() == len(first)
    again = list(KandidatSuksesi.objects.values_list("pegawai_id", "peringkat", "persen_kesesuaian", "kesiapan"))
    assert again == first
    jk.aktif = False
    jk.save()
    assert recompute_candidates() == 0
    assert not KandidatSuksesi.objects.exists()


def _grow(org: Org, positions: list[str], people: list[str]) -> None:
    for key in people:
        place(org.pegawai[key], 9)
        assess(org.pegawai[key], M_1=3, M_5=2)
    for key in positions:
        kritikal_set(actor=SYSTEM, jabatan=org.jabatan[key], data=standard_syarat())


def _measure() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        n = recompute_candidates()
    return len(ctx.captured_queries), n


def test_query_count_does_not_grow_with_positions_or_people(db: Any) -> None:
    org = build_org(extra_staff=30)
    _grow(org, ["kabid1"], ["kasi1", "kabid2", "extra0"])
    small, n_small = _measure()
    _grow(org, ["kabid2", "kasi1", "kadis", "kadiskominfo"], [f"extra{i}" for i in range(1, 30)])
    large, n_large = _measure()
    assert n_large > n_small * 5
    assert small == large, (small, large)
