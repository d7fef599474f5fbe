"""Distribution curve (SE MenPANRB 3/2023): limits, rounding, violations, policy as data."""

import csv
import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    DEFAULT_CURVE,
    Bound,
    CurvePolicy,
    CurveRule,
    InvalidCurvePolicy,
    Predikat,
    PredikatOrganisasi,
    check_distribution,
    curve_limits,
    curve_policy_from_dict,
    curve_policy_to_dict,
    rule_count,
)

DATA = Path(__file__).parent / "data"
SB, B, BP, K, SK = "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"
ALL = [SB, B, BP, K, SK]

# Domain brief §3 table, by hand: (categories, kind, percent); "ada" = at least one.
BRIEF = {
    "Istimewa": [((SB,), "maks", 70)],
    "Baik": [((B,), "maks", 70), ((BP, K), "ada", None)],
    "Butuh Perbaikan": [((BP,), "min", 60), ((SB,), "maks", 10)],
    "Kurang": [((K,), "min", 60), ((BP,), "min", 10), ((SB,), "maks", 10)],
    "Sangat Kurang": [((SK,), "min", 60), ((K, BP), "min", 10), ((SB,), "maks", 0)],
}


def independent_limit(kind, percent, n):
    if kind == "ada":
        return 1
    if kind == "maks":
        return (percent * n) // 100  # floor
    return -((-percent * n) // 100)  # ceil


def independent_violations(org, counts):
    n = sum(counts.values())
    if n == 0:
        return []
    out = []
    for cats, kind, percent in BRIEF[org]:
        limit = independent_limit(kind, percent, n)
        actual = sum(counts.get(c, 0) for c in cats)
        if (kind == "maks" and actual > limit) or (kind != "maks" and actual < limit):
            out.append((set(cats), kind, limit, actual))
    return out


def test_default_policy_matches_the_brief():
    for org, rules in BRIEF.items():
        got = [
            (
                tuple(c.value for c in r.categories),
                r.bound.value,
                None if r.bound is Bound.ADA else int(r.percent),
            )
            for r in DEFAULT_CURVE.rules_for(org)
        ]
        assert got == [(cats, kind, pct) for cats, kind, pct in rules]
    assert DEFAULT_CURVE.min_headcount == 1


def test_default_policy_agrees_with_csv():
    with (DATA / "distribusi_predikat_per_predikat_organisasi.csv").open(encoding="utf-8") as f:
        rows = {r["predikat_kinerja_organisasi"].split("/")[0]: r for r in csv.DictReader(f)}
    assert set(rows) == {o.value for o in PredikatOrganisasi}
    for org, row in rows.items():
        rules = DEFAULT_CURVE.rules_for(org)
        kind, pct = re.match(r"(max|min) (\d+)%", row["batas"]).groups()
        dominant = next(r for r in rules if r.categories[0].value.lower().startswith(row["predikat_dominan"].lower()))
        assert dominant.bound.value == {"max": "maks", "min": "min"}[kind]
        assert dominant.percent == Decimal(pct)
        other = row["ketentuan_lain"]
        for m in re.finditer(r"Sangat Baik maks (\d+)%", other):
            assert any(r.categories == (Predikat.SANGAT_BAIK,) and r.percent == int(m.group(1)) for r in rules)
        for m in re.finditer(r"min (\d+)% Butuh Perbaikan;", other):
            assert any(r.categories == (Predikat.BUTUH_PERBAIKAN,) and r.percent == int(m.group(1)) for r in rules)
        if "harus ada min" in other:
            pct = int(re.search(r"harus ada min (\d+)%", other).group(1))
            assert any(len(r.categories) == 2 and r.bound is Bound.MIN and r.percent == pct for r in rules)
        elif "harus ada" in other:
            assert any(r.bound is Bound.ADA and len(r.categories) == 2 for r in rules)
        if "tidak ada Sangat Baik" in other:
            assert any(r.categories == (Predikat.SANGAT_BAIK,) and r.percent == 0 for r in rules)


@pytest.mark.parametrize("org", list(BRIEF))
@pytest.mark.parametrize("n", range(1, 13))
def test_limits_at_small_headcounts(org, n):
    limits = curve_limits(org, n)
    assert [lim.count for lim in limits] == [independent_limit(k, p, n) for _, k, p in BRIEF[org]]
    for lim, (cats, kind, _) in zip(limits, BRIEF[org], strict=True):
        assert tuple(c.value for c in lim.categories) == cats
        assert lim.bound.value == kind
        assert lim.headcount == n
        assert lim.description.endswith(".")


counts_strategy = st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.lists(st.integers(min_value=0, max_value=n), min_size=4, max_size=4).map(
        lambda cuts: [b - a for a, b in itertools.pairwise([0, *sorted(cuts), n])]
    )
)


@given(org=st.sampled_from(list(BRIEF)), parts=counts_strategy)
def test_violations_match_an_independent_check(org, parts):
    counts = dict(zip(ALL, parts, strict=True))
    got = check_distribution(org, counts)
    expected = independent_violations(org, counts)
    assert [({c.value for c in v.categories}, v.bound.value, v.limit, v.actual) for v in got] == expected
    for v in got:
        assert v.headcount == sum(parts)
        assert v.organisasi == org
        assert v.message.startswith(f"Predikat kinerja organisasi {org}: ")
        assert v.message.endswith(".")


def test_brute_force_infeasible_headcounts_are_exactly_the_documented_ones():
    # docs/rules.md: under Kurang and Sangat Kurang, 1 or 2 people cannot meet both minimums.
    infeasible = set()
    for org in BRIEF:
        for n in range(1, 13):
            ok = any(
                not check_distribution(org, dict(zip(ALL, parts, strict=True)))
                for parts in itertools.product(range(n + 1), repeat=5)
                if sum(parts) == n
            )
            if not ok:
                infeasible.add((org, n))
    assert infeasible == {("Kurang", 1), ("Kurang", 2), ("Sangat Kurang", 1), ("Sangat Kurang", 2)}


# research.md E9–E11 and other worked cases.
@pytest.mark.parametrize(
    ("org", "counts", "expected"),
    [
        ("Baik", {SB: 1, B: 7, BP: 2}, []),
        ("Baik", {B: 10}, [("maks", 7, 10), ("ada", 1, 0)]),
        ("Baik", {B: 8, K: 2}, [("maks", 7, 8)]),
        ("Baik", {SB: 9, SK: 1}, [("ada", 1, 0)]),
        ("Sangat Kurang", {SK: 6, K: 1, B: 3}, []),
        ("Sangat Kurang", {SK: 6, BP: 1, SB: 1, B: 2}, [("maks", 0, 1)]),
        ("Sangat Kurang", {SK: 5, B: 5}, [("min", 6, 5), ("min", 1, 0)]),
        ("Butuh Perbaikan", {BP: 6, SB: 1, B: 3}, []),
        ("Butuh Perbaikan", {BP: 5, SB: 2, B: 3}, [("min", 6, 5), ("maks", 1, 2)]),
        ("Kurang", {K: 5, BP: 1, B: 1}, []),
        ("Kurang", {K: 4, BP: 1, B: 2}, [("min", 5, 4)]),
        ("Istimewa", {SB: 7, B: 3}, []),
        ("Istimewa", {SB: 8, B: 2}, [("maks", 7, 8)]),
        ("Istimewa", {SB: 1}, [("maks", 0, 1)]),
        ("Baik", {BP: 1}, []),  # one person in a Baik unit: must be BP or K
        ("Baik", {B: 1}, [("maks", 0, 1), ("ada", 1, 0)]),
    ],
)
def test_examples(org, counts, expected):
    got = check_distribution(org, counts)
    assert [(v.bound.value, v.limit, v.actual) for v in got] == expected


def test_messages():
    (maks, ada) = check_distribution("Baik", {B: 10})
    assert maks.message == (
        "Predikat kinerja organisasi Baik: predikat Baik paling banyak 70% dari 10 pegawai, "
        "yaitu 7 orang; saat ini 10 orang."
    )
    assert ada.message == (
        "Predikat kinerja organisasi Baik: harus ada paling sedikit 1 pegawai dengan predikat "
        "Butuh Perbaikan dan/atau Kurang/Misconduct; saat ini tidak ada."
    )
    assert ada.category_label == "Butuh Perbaikan dan/atau Kurang/Misconduct"
    (none,) = check_distribution("Sangat Kurang", {SK: 6, BP: 1, SB: 1, B: 2})
    assert none.message == (
        "Predikat kinerja organisasi Sangat Kurang: tidak boleh ada pegawai dengan predikat "
        "Sangat Baik; saat ini 1 orang."
    )
    (minimum,) = check_distribution("Kurang", {K: 4, BP: 1, B: 2})
    assert "paling sedikit 60% dari 7 pegawai, yaitu 5 orang; saat ini 4 orang." in minimum.message


def test_limit_descriptions():
    assert [lim.description for lim in curve_limits("Baik", 10)] == [
        "Predikat Baik paling banyak 70% dari 10 pegawai, yaitu 7 orang.",
        "Harus ada paling sedikit 1 pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct.",
    ]


def test_empty_unit_has_no_violations_and_no_limits():
    for org in BRIEF:
        assert check_distribution(org, {}) == []
        assert check_distribution(org, {SB: 0}) == []
        assert curve_limits(org, 0) == []


def test_min_headcount_exempts_small_units():
    policy = CurvePolicy(DEFAULT_CURVE.rules, min_headcount=3)
    assert check_distribution("Kurang", {B: 2}, policy) == []
    assert curve_limits("Kurang", 2, policy) == []
    assert len(check_distribution("Kurang", {B: 3}, policy)) == 2


def test_counts_accept_labels_aliases_and_members():
    # "Kurang" (alias) and "Kurang/Misconduct" are the same predikat; they add up.
    assert check_distribution(PredikatOrganisasi.KURANG, {"Kurang": 3, K: 3, Predikat.BUTUH_PERBAIKAN: 1}) == []


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_counts_must_be_non_negative_integers(bad):
    with pytest.raises(ValueError, match="bilangan bulat"):
        check_distribution("Baik", {B: bad})


def test_negative_headcount_for_limits():
    with pytest.raises(ValueError, match="negatif"):
        curve_limits("Baik", -1)


def test_organisasi_without_rules_allows_everything():
    policy = CurvePolicy({"Baik": DEFAULT_CURVE.rules_for("Baik")})
    assert check_distribution("Istimewa", {SB: 10}, policy) == []
    assert curve_limits("Istimewa", 10, policy) == []


def test_rule_count_with_fractional_percent():
    rule = CurveRule((Predikat.BAIK,), Bound.MAKS, Decimal("33.4"))
    assert rule_count(rule, 3) == 1  # 1.002 → 1
    assert rule_count(CurveRule((Predikat.BAIK,), "min", Decimal("33.4")), 3) == 2  # 1.002 → 2
    assert curve_limits("Baik", 3, CurvePolicy({"Baik": (rule,)}))[0].description == (
        "Predikat Baik paling banyak 33,4% dari 3 pegawai, yaitu 1 orang."
    )


def test_policy_round_trips_through_json():
    data = curve_policy_to_dict(DEFAULT_CURVE)
    text = json.dumps(data)
    assert curve_policy_from_dict(json.loads(text)) == DEFAULT_CURVE
    assert data["rules"]["Baik"] == [
        {"kategori": ["Baik"], "batas": "maks", "persen": "70"},
        {"kategori": ["Butuh Perbaikan", "Kurang/Misconduct"], "batas": "ada"},
    ]
    assert data["min_headcount"] == 1


def test_administrator_can_change_a_threshold_without_code():
    data = curve_policy_to_dict(DEFAULT_CURVE)
    data["rules"]["Istimewa"][0]["persen"] = 80
    data["rules"]["Istimewa"].append({"kategori": "Sangat Kurang", "batas": "MAKS", "persen": 12.5})
    policy = curve_policy_from_dict(data)
    assert check_distribution("Istimewa", {SB: 8, B: 2}, policy) == []
    assert [v.limit for v in check_distribution("Istimewa", {SB: 13, SK: 3}, policy)] == [12, 2]
    assert policy.rules_for("Istimewa")[1].percent == Decimal("12.5")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([], "rules"),
        ({}, "rules"),
        ({"rules": {"Hebat": []}}, "tidak dikenal"),
        ({"rules": {"Baik": {}}}, "daftar"),
        ({"rules": {"Baik": ["maks"]}}, "objek"),
        ({"rules": {"Baik": [{"batas": "maks", "persen": 1}]}}, "kategori"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "kurang", "persen": 1}]}}, "Batas"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": None, "persen": 1}]}}, "Batas"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks"}]}}, "persen"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": 101}]}}, "antara 0 dan 100"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": -1}]}}, "antara 0 dan 100"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": "NaN"}]}}, "antara 0 dan 100"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": "tujuh"}]}}, "angka"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": None}]}}, "angka"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "maks", "persen": True}]}}, "angka"),
        ({"rules": {"Baik": [{"kategori": ["Bagus"], "batas": "maks", "persen": 1}]}}, "tidak dikenal"),
        ({"rules": {"Baik": [{"kategori": [], "batas": "maks", "persen": 1}]}}, "sedikitnya satu"),
        ({"rules": {"Baik": [{"kategori": ["Baik", "Baik"], "batas": "maks", "persen": 1}]}}, "duplikat"),
        ({"rules": {"Baik": [{"kategori": ["Baik"], "batas": "ada", "persen": 5}]}}, "tidak memakai"),
        ({"rules": {}, "min_headcount": 0}, "paling kecil 1"),
        ({"rules": {}, "min_headcount": "3"}, "bilangan bulat"),
        ({"rules": {}, "min_headcount": True}, "bilangan bulat"),
    ],
)
def test_invalid_policies(data, fragment):
    with pytest.raises(InvalidCurvePolicy, match=fragment):
        curve_policy_from_dict(data)


def test_policy_rejects_unknown_organisasi_key_directly():
    with pytest.raises(InvalidCurvePolicy, match="tidak dikenal"):
        CurvePolicy({"Hebat": ()})
