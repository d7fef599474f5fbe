"""Predikat kinerja matrix (PermenPANRB 6/2022) and the order of predikat."""

import csv
from pathlib import Path

import pytest

from karier.rules import (
    Predikat,
    PredikatOrganisasi,
    Rating,
    UnknownLabel,
    predikat_at_least,
    predikat_kinerja,
    rating_from_organisasi,
)

DATA = Path(__file__).parent / "data"

# Domain brief §3 table, cell by cell (hasil kerja, perilaku, predikat).
CELLS = [
    ("Di Atas Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"),
    ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"),
    ("Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"),
    ("Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"),
    ("Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"),
    ("Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik"),
    ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi", "Sangat Kurang"),
    ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan"),
    ("Di Bawah Ekspektasi", "Di Atas Ekspektasi", "Butuh Perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), CELLS)
def test_matrix_cell(hasil, perilaku, expected):
    assert predikat_kinerja(hasil, perilaku) == expected
    assert predikat_kinerja(Rating(hasil), Rating(perilaku)) is Predikat(expected)


def test_matrix_agrees_with_csv():
    with (DATA / "predikat_kinerja_matrix.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 9
    for row in rows:
        assert predikat_kinerja(row["rating_hasil_kerja"], row["rating_perilaku_kerja"]) == row["predikat_kinerja"]


def test_unknown_rating():
    with pytest.raises(UnknownLabel):
        predikat_kinerja("Luar Biasa", "Sesuai Ekspektasi")


ORDER = ["Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik", "Sangat Baik"]


@pytest.mark.parametrize("predikat", ORDER)
@pytest.mark.parametrize("minimum", ORDER)
def test_at_least(predikat, minimum):
    assert predikat_at_least(predikat, minimum) is (ORDER.index(predikat) >= ORDER.index(minimum))


@pytest.mark.parametrize(
    ("org", "rating"),
    [
        ("Istimewa", "Di Atas Ekspektasi"),
        ("Baik", "Sesuai Ekspektasi"),
        ("Butuh Perbaikan", "Di Bawah Ekspektasi"),
        ("Kurang", "Di Bawah Ekspektasi"),
        ("Sangat Kurang", "Di Bawah Ekspektasi"),
    ],
)
def test_leader_rating_from_unit_result(org, rating):
    assert rating_from_organisasi(org) == rating


def test_leader_rating_mapping_is_configurable():
    mapping = dict.fromkeys(PredikatOrganisasi, Rating.SESUAI)
    assert rating_from_organisasi("Istimewa", mapping) is Rating.SESUAI
