"""`place` (issue #12 item 4): every rule path through the stored inputs, exclusion, the rule set per
agency, idempotence, reproducibility from the stored inputs and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karier.rules import NINE_BOX, Level
from karier.talent.models import PenempatanTalenta
from karier.talent.ninebox.compute import place, reproduce, why_not_placed
from tests.talent.talent_ninebox_helpers import DI_ATAS, DI_BAWAH, SESUAI, jpm, rating, sanction, use_ruleset

pytestmark = pytest.mark.django_db
YEAR = 2025
RATING_FOR = {Level.TINGGI: DI_ATAS, Level.MENENGAH: SESUAI, Level.RENDAH: DI_BAWAH}
SCORE_FOR = {Level.TINGGI: 95, Level.MENENGAH: 80, Level.RENDAH: 60}


def _placed(p: Any) -> PenempatanTalenta:
    return PenempatanTalenta.objects.select_related("aturan").get(pegawai=p, tahun=YEAR)


@pytest.mark.parametrize(("kinerja", "potensial"), sorted(NINE_BOX, key=NINE_BOX.__getitem__))
def test_every_box_is_reachable(org: Any, kinerja: Level, potensial: Level) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    rating(p, YEAR - 1, RATING_FOR[kinerja])
    rating(p, YEAR, RATING_FOR[kinerja])
    jpm(p, SCORE_FOR[potensial])
    assert place([p.pk], YEAR) == 1
    row = _placed(p)
    assert (row.kinerja, row.potensial, row.kotak) == (kinerja.value, potensial.value, NINE_BOX[(kinerja, potensial)])
    assert row.penjelasan and row.penjelasan[-1].startswith(f"Kotak {row.kotak}:")
    assert reproduce(row).box == row.kotak


@pytest.mark.parametrize(
    ("method", "expected"), [("terendah", "Menengah"), ("tertinggi", "Tinggi"), ("terakhir", "Menengah")]
)
def test_kinerja_method_comes_from_the_rule_set(org: Any, method: str, expected: str) -> None:
    use_ruleset(metode_kinerja=method)
    p = org.pegawai["staf1a"]
    rating(p, 2022, DI_BAWAH)  # older than the last two: never counts
    rating(p, 2024, DI_ATAS)
    rating(p, 2025, SESUAI)
    rating(p, 2026, DI_BAWAH)  # after the year placed: never counts
    jpm(p, 95)
    place([p.pk], YEAR)
    row = _placed(p)
    assert row.kinerja == expected
    assert [x["tahun"] for x in row.masukan["predikat"]] == [2024, 2025]


@pytest.mark.parametrize(
    ("score", "expected"),
    [(90, "Tinggi"), ("89.99", "Menengah"), (78, "Menengah"), ("77.99", "Rendah"), (0, "Rendah"), (100, "Tinggi")],
)
def test_potensial_cutoffs_edges(org: Any, score: Any, expected: str) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    rating(p, YEAR, SESUAI)
    jpm(p, score)
    place([p.pk], YEAR)
    assert _placed(p).potensial == expected


def test_cutoffs_are_configurable(org: Any) -> None:
    use_ruleset(batas_tinggi=Decimal(85), batas_menengah=Decimal(70))
    p = org.pegawai["staf1a"]
    rating(p, YEAR, SESUAI)
    jpm(p, 86)
    place([p.pk], YEAR)
    row = _placed(p)
    assert row.potensial == "Tinggi" and row.kotak == 8
    assert row.masukan["aturan"]["batas_tinggi"] == "85.00"


def test_weights_combine_the_components(org: Any) -> None:
    use_ruleset("PERMENPANRB-20-2025")  # kompetensi 50, potensi 30, rekam_jejak 20
    p, q = org.pegawai["staf1a"], org.pegawai["staf1b"]
    for who in (p, q):
        rating(who, YEAR, SESUAI)
    jpm(p, 80, komponen={"INT": [3, 3], "potensi": 100, "rekam_jejak": "90"})
    jpm(q, 80)  # no potensi, no rekam jejak: not placed (a missing input is not a low score)
    assert place([p.pk, q.pk], YEAR) == 1
    row = _placed(p)
    assert row.skor_potensial == Decimal("88.00")  # (80×50 + 100×30 + 90×20) / 100
    assert row.potensial == "Menengah"
    assert row.masukan["komponen_potensial"] == {"kompetensi": "80.00", "potensi": "100", "rekam_jejak": "90"}
    assert not PenempatanTalenta.objects.filter(pegawai=q).exists()
    assert any("potensi" in r for r in why_not_placed(q.pk, q.opd_id, YEAR))


def test_a_stored_kompetensi_component_wins_over_the_jpm(org: Any) -> None:
    use_ruleset("PERMENPANRB-20-2025")
    p = org.pegawai["staf1a"]
    rating(p, YEAR, SESUAI)
    jpm(p, 60, komponen={"kompetensi": 80, "potensi": 85, "rekam_jejak": 90})  # the bench's shape
    place([p.pk], YEAR)
    assert _placed(p).skor_potensial == Decimal("83.50")  # (80×50 + 85×30 + 90×20) / 100


def test_zero_weight_ignores_a_component(org: Any) -> None:
    use_ruleset("PERMENPANRB-20-2025", bobot={"kompetensi": "1", "potensi": "0"})
    p = org.pegawai["staf1a"]
    rating(p, YEAR, DI_ATAS)
    jpm(p, 91)
    place([p.pk], YEAR)
    assert _placed(p).kotak == 9


@pytest.mark.parametrize(
    ("jenis", "tmt", "excluded"),
    [
        (1, dt.date(2025, 6, 1), False),  # teguran lisan (R): never excludes
        (4, dt.date(2025, 6, 1), True),  # penundaan KGB (S)
        (9, dt.date(2024, 1, 1), True),  # pembebasan dari jabatan (B), inside two years
        (9, dt.date(2023, 12, 31), True),  # exactly two years before 31 Dec 2025
        (9, dt.date(2023, 12, 30), False),  # outside the window
        (23, dt.date(2026, 1, 2), False),  # after the reference date
    ],
)
def test_sanctions_exclude_by_level_and_window(org: Any, jenis: int, tmt: dt.date, excluded: bool) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    rating(p, YEAR, DI_ATAS)
    jpm(p, 95)
    sanction(p, jenis, tmt)
    place([p.pk], YEAR)
    row = _placed(p)
    assert row.kotak == 9  # an excluded person keeps their box
    assert row.dikecualikan is excluded
    assert bool(row.alasan_pengecualian) is excluded
    assert reproduce(row).excluded is excluded


def test_sanction_years_come_from_the_rule_set(org: Any) -> None:
    use_ruleset(tahun_hukuman=3)
    p = org.pegawai["staf1a"]
    rating(p, YEAR, DI_ATAS)
    jpm(p, 95)
    sanction(p, 9, dt.date(2023, 1, 5))
    place([p.pk], YEAR)
    assert _placed(p).dikecualikan


def test_inputs_are_stored_as_they_were(org: Any) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    old = rating(p, 2024, DI_ATAS)
    new = rating(p, 2025, SESUAI)
    jpm(p, 70, tanggal=dt.date(2024, 1, 1))
    latest = jpm(p, 92, tanggal=dt.date(2025, 3, 1), komponen={"INT": [4, 3]})
    h = sanction(p, 2, dt.date(2025, 2, 1))
    place([p.pk], YEAR, tugas_id=None)
    row = _placed(p)
    m = row.masukan
    assert [x["id"] for x in m["predikat"]] == [old.pk, new.pk]
    assert m["jpm"] == {
        "id": latest.pk,
        "tanggal": "2025-03-01",
        "jpm": "92.00",
        "komponen": {"INT": [4, 3]},
        "sumber": "ASSESSMENT_CENTER",
    }
    assert m["hukuman"] == [{"id": h.pk, "jenis": 2, "tingkat": "R", "tmt_mulai": "2025-02-01", "nomor_sk": h.nomor_sk}]
    assert m["tanggal_acuan"] == "2025-12-31"
    assert (row.opd_id, row.unit_id) == (p.opd_id, p.unit_id)
    assert row.aturan.kode == "PERMENPANRB-3-2020" and row.kotak == 8


def test_recompute_from_stored_inputs_is_reproducible_after_the_data_change(org: Any) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    rating(p, YEAR, DI_ATAS)
    s = jpm(p, 95)
    place([p.pk], YEAR)
    row = _placed(p)
    s.jpm = Decimal(10)  # the live data moves on; the stored placement still explains itself
    s.save()
    rating(p, YEAR, DI_BAWAH)
    again = reproduce(PenempatanTalenta.objects.select_related("aturan").get(pk=row.pk))
    assert (again.box, again.explanation) == (row.kotak, tuple(row.penjelasan))


def test_no_rating_or_no_jpm_is_not_placed_and_said_why(org: Any) -> None:
    use_ruleset()
    a, b = org.pegawai["staf1a"], org.pegawai["staf1b"]
    rating(a, YEAR, SESUAI)
    jpm(b, 90)
    assert place([a.pk, b.pk], YEAR) == 0
    assert not PenempatanTalenta.objects.exists()
    assert any("penilaian potensial" in r for r in why_not_placed(a.pk, a.opd_id, YEAR))
    assert any("rating hasil kerja" in r for r in why_not_placed(b.pk, b.opd_id, YEAR))


def test_agency_rule_set_wins_over_the_general_one(org: Any) -> None:
    use_ruleset()
    own = use_ruleset("PERMENPANRB-3-2020", opd=org.units["dik"], batas_tinggi=Decimal(80), batas_menengah=Decimal(50))
    a, b = org.pegawai["staf1a"], org.pegawai["pranata"]  # Dinas Pendidikan, Diskominfo
    for who in (a, b):
        rating(who, YEAR, SESUAI)
        jpm(who, 85)
    place([a.pk, b.pk], YEAR)
    assert (_placed(a).aturan_id, _placed(a).potensial) == (own.pk, "Tinggi")
    assert _placed(b).aturan_id != own.pk and _placed(b).potensial == "Menengah"


def test_idempotent_and_stale_rows_removed(org: Any) -> None:
    use_ruleset()
    p = org.pegawai["staf1a"]
    rating(p, YEAR, SESUAI)
    s = jpm(p, 80)
    place([p.pk], YEAR)
    first = list(PenempatanTalenta.objects.values_list("pegawai_id", "tahun", "kotak", "masukan", "penjelasan"))
    place([p.pk], YEAR)  # the chunk's rows are replaced by the same ones (nothing refers to a placement's id)
    assert list(PenempatanTalenta.objects.values_list("pegawai_id", "tahun", "kotak", "masukan", "penjelasan")) == first
    s.delete()
    place([p.pk], YEAR)
    assert not PenempatanTalenta.objects.exists()


def _everyone(org: Any) -> list[int]:
    from karier.people.models import Pegawai

    ids = list(Pegawai.objects.values_list("pk", flat=True))
    for i, pk in enumerate(ids):
        who = Pegawai.objects.get(pk=pk)
        rating(who, YEAR - 1, (DI_ATAS, SESUAI, DI_BAWAH)[i % 3])
        rating(who, YEAR, (DI_ATAS, SESUAI, DI_BAWAH)[(i + 1) % 3])
        jpm(who, 60 + (i * 7) % 40)
        if i % 4 == 0:
            sanction(who, 5, dt.date(2025, 1, 1))
    return ids


def test_queries_do_not_grow_with_the_number_of_people(org: Any) -> None:
    use_ruleset()
    small = _everyone(org)
    with CaptureQueriesContext(connection) as few:
        assert place(small, YEAR) == len(small)
    for i in range(30):
        org.add_pegawai(f"more{i}", "staf1", user=False)
    large = _everyone(org)
    with CaptureQueriesContext(connection) as many:
        assert place(large, YEAR) == len(large) > len(small)
    assert len(few) == len(many) <= 9
