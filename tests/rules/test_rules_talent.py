"""Talent 9-box (PermenPANRB 3/2020): boxes, recommendations, levels, sanctions."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from karier.rules import (
    JENIS_HUKUMAN_TINGKAT,
    SUCCESSION_BOXES,
    KinerjaMethod,
    Level,
    PotensialCutoffs,
    Rating,
    Sanction,
    UnknownLabel,
    kinerja_level,
    nine_box,
    nine_box_category,
    nine_box_levels,
    nine_box_recommendation,
    potensial_level,
    talent_pool_exclusions,
)

DATA = Path(__file__).parent / "data"

# Domain brief §6 table: (kinerja row, potensial column, box).
CELLS = [
    ("Tinggi", "Rendah", 4),
    ("Tinggi", "Menengah", 7),
    ("Tinggi", "Tinggi", 9),
    ("Menengah", "Rendah", 2),
    ("Menengah", "Menengah", 5),
    ("Menengah", "Tinggi", 8),
    ("Rendah", "Rendah", 1),
    ("Rendah", "Menengah", 3),
    ("Rendah", "Tinggi", 6),
]
RATING_ROW = {
    "Tinggi": "Di Atas Ekspektasi",
    "Menengah": "Sesuai Ekspektasi",
    "Rendah": "Di Bawah Ekspektasi",
}
ROW_TEXT = {"Tinggi": "di atas ekspektasi", "Menengah": "sesuai ekspektasi", "Rendah": "di bawah ekspektasi"}


@pytest.mark.parametrize(("kinerja", "potensial", "box"), CELLS)
def test_nine_box_cell(kinerja, potensial, box):
    assert nine_box(kinerja, potensial) == box
    assert nine_box(Level(kinerja), Level(potensial)) == box
    assert nine_box(RATING_ROW[kinerja], potensial) == box
    assert nine_box(Rating(RATING_ROW[kinerja]), potensial) == box
    assert nine_box_levels(box) == (kinerja, potensial)
    assert nine_box_category(box) == f"Kinerja {ROW_TEXT[kinerja]} dan potensial {potensial.lower()}"


def test_research_examples_e12():
    assert nine_box("Di atas ekspektasi", "Tinggi") == 9
    assert nine_box("Di atas ekspektasi", "Rendah") == 4
    assert nine_box("Di bawah ekspektasi", "Tinggi") == 6
    assert nine_box("Sesuai ekspektasi", "Menengah") == 5


RECOMMENDATIONS = {
    9: ("Dipromosikan dan dipertahankan", "Masuk Kelompok Rencana Suksesi Instansi/Nasional", "Penghargaan"),
    8: (
        "Dipertahankan",
        "Masuk Kelompok Rencana Suksesi Instansi",
        "Rotasi/Perluasan jabatan",
        "Bimbingan kinerja",
    ),
    7: (
        "Dipertahankan",
        "Masuk Kelompok Rencana Suksesi Instansi",
        "Rotasi/Pengayaan jabatan",
        "Pengembangan kompetensi",
        "Tugas belajar",
    ),
    6: ("Penempatan yang sesuai", "Bimbingan kinerja", "Konseling kinerja"),
    5: ("Penempatan yang sesuai", "Bimbingan kinerja", "Pengembangan kompetensi"),
    4: ("Rotasi", "Pengembangan kompetensi"),
    3: ("Bimbingan kinerja", "Konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    2: ("Bimbingan kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    1: ("Diproses sesuai ketentuan peraturan perundang-undangan",),
}


@pytest.mark.parametrize(("box", "expected"), list(RECOMMENDATIONS.items()))
def test_recommendations(box, expected):
    assert nine_box_recommendation(box) == expected


def test_succession_boxes():
    assert frozenset({7, 8, 9}) == SUCCESSION_BOXES


@pytest.mark.parametrize("box", [0, 10, -1])
def test_unknown_box(box):
    for fn in (nine_box_levels, nine_box_category, nine_box_recommendation):
        with pytest.raises(ValueError, match=r"1 s\.d\. 9"):
            fn(box)


def test_unknown_axis_label():
    with pytest.raises(UnknownLabel, match="Level kinerja"):
        nine_box("Luar biasa", "Tinggi")
    with pytest.raises(UnknownLabel):
        nine_box("Tinggi", "Di Atas Ekspektasi")  # potensial is never a rating


@pytest.mark.parametrize(
    ("ratings", "method", "expected"),
    [
        (["Di Atas Ekspektasi", "Sesuai Ekspektasi"], "terendah", "Menengah"),
        (["Di Bawah Ekspektasi", "Di Atas Ekspektasi"], "terendah", "Rendah"),
        (["Di Atas Ekspektasi", "Di Atas Ekspektasi"], "terendah", "Tinggi"),
        (["Di Bawah Ekspektasi", "Di Atas Ekspektasi", "Sesuai Ekspektasi"], "terendah", "Menengah"),
        (["Sesuai Ekspektasi"], "terendah", "Menengah"),
        (["Di Atas Ekspektasi", "Di Bawah Ekspektasi"], "terakhir", "Rendah"),
        (["Di Bawah Ekspektasi", "Di Atas Ekspektasi"], KinerjaMethod.TERTINGGI, "Tinggi"),
    ],
)
def test_kinerja_level(ratings, method, expected):
    assert kinerja_level(ratings, method) == expected


def test_kinerja_level_default_is_the_lower_rating():
    assert kinerja_level([Rating.SESUAI, Rating.DI_BAWAH]) is Level.RENDAH


def test_kinerja_level_needs_a_rating():
    with pytest.raises(ValueError, match="Belum ada rating"):
        kinerja_level([])
    with pytest.raises(ValueError):
        kinerja_level(["Sesuai Ekspektasi"], "rata-rata")


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, "Tinggi"),
        (90, "Tinggi"),
        ("89.99", "Menengah"),
        (89.99, "Menengah"),
        (Decimal(78), "Menengah"),
        (77.99, "Rendah"),
        (0, "Rendah"),
    ],
)
def test_potensial_default_cutoffs(score, expected):
    assert potensial_level(score) == expected


def test_potensial_cutoffs_are_configurable():
    cut = PotensialCutoffs(tinggi=80, menengah="60.5")
    assert potensial_level(80, cut) == "Tinggi"
    assert potensial_level(Decimal("60.5"), cut) == "Menengah"
    assert potensial_level(60, cut) == "Rendah"
    with pytest.raises(ValueError, match="lebih rendah"):
        PotensialCutoffs(tinggi=70, menengah=70)


@pytest.mark.parametrize("bad", ["tinggi", "NaN", "Infinity"])
def test_potensial_rejects_non_numbers(bad):
    with pytest.raises(ValueError, match="angka"):
        potensial_level(bad)


@pytest.mark.parametrize("bad", [None, True, [90]])
def test_potensial_rejects_wrong_types(bad):
    with pytest.raises(TypeError, match="angka"):
        potensial_level(bad)


AS_OF = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("tingkat", "when", "excluded"),
    [
        ("S", date(2024, 1, 1), True),
        ("B", date(2023, 6, 1), True),  # exactly two years before: still inside
        ("B", date(2023, 5, 31), False),
        ("R", date(2025, 1, 1), False),
        ("S", date(2025, 6, 2), False),  # after the as-of date
        ("S", AS_OF, True),
    ],
)
def test_talent_pool_exclusion(tingkat, when, excluded):
    reasons = talent_pool_exclusions([Sanction(tingkat, when)], AS_OF)
    assert bool(reasons) is excluded


def test_exclusion_message_and_window():
    assert talent_pool_exclusions([Sanction("S", date(2024, 1, 1)), Sanction("R", date(2025, 1, 1))], AS_OF) == (
        "Menjalani hukuman disiplin tingkat sedang pada 1 Januari 2024 (dalam 2 tahun terakhir).",
    )
    assert talent_pool_exclusions([Sanction("B", date(2022, 1, 1))], AS_OF, years=5) == (
        "Menjalani hukuman disiplin tingkat berat pada 1 Januari 2022 (dalam 5 tahun terakhir).",
    )
    assert talent_pool_exclusions([], AS_OF) == ()


def test_sanction_level_must_be_r_s_or_b():
    with pytest.raises(ValueError, match="R, S, atau B"):
        Sanction("X", AS_OF)


def test_sanction_levels_agree_with_siasn_reference():
    rows = json.loads((DATA / "jenisHukuman.json").read_text(encoding="utf-8"))
    assert {int(r["id"]): r["jenisTingkatHukumanId"] for r in rows} == {
        k: v.value for k, v in JENIS_HUKUMAN_TINGKAT.items()
    }
