"""SKM index and grade (PermenPANRB 14/2017): hand-computed values, every band edge, bad input."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    SKM_ELEMENTS,
    SKM_GRADE_LABELS,
    skm_agency_index,
    skm_development_need,
    skm_element_average,
    skm_element_index,
    skm_grade,
    skm_grade_label,
    skm_index,
    skm_unit_mean,
)


def test_the_nine_elements_in_order():
    assert [e.code for e in SKM_ELEMENTS] == [f"U{i}" for i in range(1, 10)]
    assert SKM_ELEMENTS[5].label == "Kompetensi pelaksana"
    assert SKM_ELEMENTS[6].label == "Perilaku pelaksana"
    assert SKM_ELEMENTS[7].label == "Penanganan pengaduan, saran dan masukan"


def test_index_hand_computed():
    # sum = 3.2+3.1+2.9+3.8+3.0+3.3+3.4+2.7+3.1 = 28.5; 28.5 / 9 × 25 = 79.1666… → 79.17
    averages = ["3.2", "3.1", "2.9", "3.8", "3.0", "3.3", "3.4", "2.7", "3.1"]
    assert skm_index([Decimal(a) for a in averages]) == Decimal("79.17")
    assert skm_index([float(a) for a in averages]) == Decimal("79.17")
    assert skm_index([1] * 9) == Decimal("25.00")
    assert skm_index([4] * 9) == Decimal("100.00")
    assert skm_index([3] * 9) == Decimal("75.00")


def test_index_rounds_half_up():
    # sum 32.1 → 32.1 × 25 / 9 = 89.1666… ; craft an exact .005: sum × 25 / 9 = x.xx5
    # sum = 28.8018 → 80.005 exactly (28.8018 × 25 = 720.045; / 9 = 80.005)
    averages = [Decimal("3.2002")] * 9
    assert skm_index(averages) == Decimal("80.01")  # 80.005 half up, not banker's 80.00
    averages = [Fraction(10, 3)] + [Fraction(3)] * 8  # (24 + 10/3)/9 × 25 = 75.925925… → 75.93
    assert skm_index(averages) == Decimal("75.93")


@pytest.mark.parametrize(
    ("ikm", "grade"),
    [
        ("100", "A"),
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
        ("25", "D"),
    ],
)
def test_grade_at_every_band_edge(ikm, grade):
    assert skm_grade(Decimal(ikm)) == grade
    assert skm_grade(float(ikm)) == grade


def test_grade_rounds_like_the_index():
    assert skm_grade(Decimal("88.305")) == "A"
    assert skm_grade(Decimal("88.3049")) == "B"
    assert skm_grade(Fraction(7661, 100)) == "B"
    assert skm_grade(65) == "C"


@pytest.mark.parametrize("ikm", [Decimal("24.99"), Decimal("100.01"), 0, -1, 101, 24.994])
def test_grade_out_of_range(ikm):
    with pytest.raises(ValueError, match="25–100"):
        skm_grade(ikm)


@pytest.mark.parametrize("bad", [True, "88", None, float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_grade_not_a_number(bad):
    with pytest.raises(ValueError, match="angka"):
        skm_grade(bad)


@pytest.mark.parametrize(
    ("averages", "message"),
    [
        ([3] * 8, "9 rata-rata"),
        ([3] * 10, "9 rata-rata"),
        ([], "9 rata-rata"),
        ("333333333", "deret"),
        (b"333333333", "deret"),
        ({3, 4}, "deret"),
        (None, "deret"),
        ([3] * 8 + [0.99], "U9: rata-rata"),
        ([4.01] + [3] * 8, "U1: rata-rata"),
        ([3] * 5 + [True] + [3] * 3, "U6: True bukan angka"),
        ([3] * 8 + ["3"], "U9: '3' bukan angka"),
        ([3] * 8 + [float("nan")], "terhingga"),
        ([3] * 8 + [Decimal("Infinity")], "terhingga"),
    ],
)
def test_index_bad_input(averages, message):
    with pytest.raises(ValueError, match=message):
        skm_index(averages)


def test_element_average_from_counts():
    assert skm_element_average({1: 0, 2: 3, 3: 5, 4: 2}) == Fraction(29, 10)
    assert skm_element_average({4: 1}) == 4
    assert skm_element_index(Fraction(29, 10)) == Decimal("72.50")
    assert skm_element_index(Fraction(10, 3)) == Decimal("83.33")


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({}, "belum ada"),
        ({1: 0, 4: 0}, "belum ada"),
        ({5: 1}, "skala"),
        ({0: 1}, "skala"),
        ({True: 1}, "skala"),
        ({2: -1}, "tidak sah"),
        ({2: 1.0}, "tidak sah"),
        ({2: True}, "tidak sah"),
    ],
)
def test_element_average_bad_counts(counts, message):
    with pytest.raises(ValueError, match=message):
        skm_element_average(counts)


def test_element_index_bad_input():
    with pytest.raises(ValueError, match="di luar"):
        skm_element_index(Decimal("0.5"))
    with pytest.raises(ValueError, match="angka"):
        skm_element_index("3")


def test_grade_labels():
    assert [skm_grade_label(g) for g in "ABCD"] == [
        "Sangat Baik",
        "Baik",
        "Kurang Baik",
        "Tidak Baik",
    ]
    assert set(SKM_GRADE_LABELS) == set("ABCD")
    for bad in ("E", "a", None, ["A"]):
        with pytest.raises(ValueError, match="tidak dikenal"):
            skm_grade_label(bad)


def test_development_need_threshold():
    # 76.61 / 25 = 3.0644 is the first average that is no longer a need
    assert skm_development_need("U6", Decimal("3.0644")) is False
    assert skm_development_need("U6", Decimal("3.0643")) is False  # 76.6075 → 76.61
    assert skm_development_need("U6", Decimal("3.0642")) is False  # 76.605 → 76.61 (half up)
    assert skm_development_need("U7", Decimal("3.0641")) is True  # 76.6025 → 76.60
    assert skm_development_need("U7", 1) is True
    assert skm_development_need("U1", 1) is False  # only the staff elements count
    with pytest.raises(ValueError, match="unsur"):
        skm_development_need("U10", 3)


averages_strategy = st.lists(st.fractions(min_value=1, max_value=4, max_denominator=10_000), min_size=9, max_size=9)


@given(averages_strategy)
def test_index_always_in_range_and_graded(averages):
    ikm = skm_index(averages)
    assert Decimal(25) <= ikm <= Decimal(100)
    assert ikm == ikm.quantize(Decimal("0.01"))
    assert abs(Fraction(ikm) - sum(averages) * 25 / 9) <= Fraction(1, 200)
    assert skm_grade(ikm) in "ABCD"


@given(averages_strategy, st.integers(0, 8), st.fractions(min_value=0, max_value=1))
def test_index_is_monotonic(averages, position, bump):
    raised = list(averages)
    raised[position] = min(Fraction(4), raised[position] + bump)
    assert skm_index(raised) >= skm_index(averages)


@given(st.decimals(min_value=25, max_value=100, places=2))
def test_grade_is_monotonic_with_its_bands(ikm):
    grade = skm_grade(ikm)
    floors = {"A": Decimal("88.31"), "B": Decimal("76.61"), "C": Decimal("65.00"), "D": 25}
    assert ikm >= floors[grade]
    better = "ABCD"["ABCD".index(grade) - 1] if grade != "A" else None
    if better:
        assert ikm < floors[better]


@given(st.lists(st.integers(0, 50), min_size=4, max_size=4).filter(lambda c: sum(c) > 0))
def test_element_average_matches_the_mean_of_answers(counts):
    answers = [a for a, n in zip((1, 2, 3, 4), counts, strict=True) for _ in range(n)]
    assert skm_element_average(dict(zip((1, 2, 3, 4), counts, strict=True))) == Fraction(sum(answers), len(answers))


# ---------------------------------------------------------------------------- an agency's IKM
def test_agency_index_weighs_units_not_periods():
    # unit 1 closed two periods (77.78 and 87.50 → 82.64), unit 2 one (70.00):
    # (82.64 + 70.00) / 2 = 76.32, not the periods' mean (77.78 + 87.50 + 70) / 3 = 78.43
    by_unit = {1: [Decimal("77.78"), Decimal("87.50")], 2: [Decimal("70.00")]}
    assert skm_agency_index(by_unit) == Decimal("76.32")
    assert skm_unit_mean([Decimal("77.78"), Decimal("87.50")]) == Fraction(8264, 100)
    assert skm_agency_index({"a": [80]}) == Decimal("80.00")


def test_agency_index_rounds_once_half_up():
    assert skm_unit_mean([Decimal("80.00"), Decimal("80.01")]) == Fraction(80005, 1000)  # not rounded
    # units 80.005 and 80.00333…: exactly 80.00416… → 80.00; rounding each unit first would give
    # 80.01 and 80.00 → 80.005 → 80.01
    by_unit = {1: [Decimal("80.00"), Decimal("80.01")], 2: [Decimal("80.00"), Decimal("80.00"), Decimal("80.01")]}
    assert skm_agency_index(by_unit) == Decimal("80.00")
    assert skm_agency_index({1: [Decimal("80.00"), Decimal("80.01")]}) == Decimal("80.01")  # 80.005 half up


@pytest.mark.parametrize(
    ("by_unit", "message"),
    [
        ({}, "belum ada unit"),
        ({1: []}, "tanpa periode"),
        ({1: "77"}, "deret"),
        ({1: 77}, "deret"),
        ({1: [Decimal("24.99")]}, "di luar 25–100"),
        ({1: [101]}, "di luar 25–100"),
        ({1: [True]}, "bukan angka"),
        ({1: [float("nan")]}, "terhingga"),
    ],
)
def test_agency_index_bad_input(by_unit, message):
    with pytest.raises(ValueError, match=message):
        skm_agency_index(by_unit)


@given(
    st.dictionaries(st.integers(0, 20), st.lists(st.decimals(25, 100, places=2), min_size=1, max_size=4), min_size=1)
)
def test_agency_index_matches_the_obvious_reference(by_unit):
    unit_means = [sum(map(Fraction, v)) / len(v) for v in by_unit.values()]
    exact = sum(unit_means) / len(unit_means)
    ikm = skm_agency_index(by_unit)
    assert Decimal(25) <= ikm <= Decimal(100)
    assert -Fraction(1, 200) < Fraction(ikm) - exact <= Fraction(1, 200)  # rounded once, half up
