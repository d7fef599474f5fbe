"""Angka kredit (PermenPANRB 1/2023, Peraturan BKN 3/2023): tables, worked examples, ledger."""

import csv
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    JENJANG_GOLONGAN,
    CreditEntry,
    Jenjang,
    Predikat,
    annual_credit,
    credit_display,
    credit_ledger,
    credit_needed,
    format_credit,
    next_credit_step,
    next_jenjang,
)

DATA = Path(__file__).parent / "data"

# Domain brief §4, by hand.
PERCENT = {
    "Sangat Baik": 150,
    "Baik": 100,
    "Butuh Perbaikan": 75,
    "Kurang/Misconduct": 50,
    "Sangat Kurang": 25,
}
COEF = {
    "Pemula": "3.75",
    "Terampil": "5",
    "Mahir": "12.5",
    "Penyelia": "25",
    "Ahli Pertama": "12.5",
    "Ahli Muda": "25",
    "Ahli Madya": "37.5",
    "Ahli Utama": "50",
}
NEED = {
    "Pemula": (15, 15),
    "Terampil": (20, 60),
    "Mahir": (50, 100),
    "Penyelia": (100, None),
    "Ahli Pertama": (50, 100),
    "Ahli Muda": (100, 200),
    "Ahli Madya": (150, 450),
    "Ahli Utama": (200, None),
}
RANGE = {
    "Pemula": ["II/a"],
    "Terampil": ["II/b", "II/c", "II/d"],
    "Mahir": ["III/a", "III/b"],
    "Penyelia": ["III/c", "III/d"],
    "Ahli Pertama": ["III/a", "III/b"],
    "Ahli Muda": ["III/c", "III/d"],
    "Ahli Madya": ["IV/a", "IV/b", "IV/c"],
    "Ahli Utama": ["IV/d", "IV/e"],
}
NEXT = {
    "Pemula": "Terampil",
    "Terampil": "Mahir",
    "Mahir": "Penyelia",
    "Ahli Pertama": "Ahli Muda",
    "Ahli Muda": "Ahli Madya",
    "Ahli Madya": "Ahli Utama",
}

# research.md §3.3 [D] table (koefisien × %), copied from the document.
TABLE_33 = {
    "Pemula": ["5.625", "3.75", "2.8125", "1.875", "0.9375"],
    "Terampil": ["7.5", "5", "3.75", "2.5", "1.25"],
    "Mahir": ["18.75", "12.5", "9.375", "6.25", "3.125"],
    "Ahli Pertama": ["18.75", "12.5", "9.375", "6.25", "3.125"],
    "Penyelia": ["37.5", "25", "18.75", "12.5", "6.25"],
    "Ahli Muda": ["37.5", "25", "18.75", "12.5", "6.25"],
    "Ahli Madya": ["56.25", "37.5", "28.125", "18.75", "9.375"],
    "Ahli Utama": ["75", "50", "37.5", "25", "12.5"],
}
PREDIKAT_ORDER = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]


@pytest.mark.parametrize("jenjang", list(COEF))
@pytest.mark.parametrize("predikat", list(PERCENT))
def test_annual_credit_every_cell(jenjang, predikat):
    expected = Decimal(TABLE_33[jenjang][PREDIKAT_ORDER.index(predikat)])
    assert annual_credit(jenjang, predikat) == expected
    assert annual_credit(jenjang, predikat) == Decimal(COEF[jenjang]) * PERCENT[predikat] / 100


@pytest.mark.parametrize(("jenjang", "coef"), list(COEF.items()))
def test_coefficient_is_credit_at_baik(jenjang, coef):
    assert annual_credit(jenjang, "Baik") == Decimal(coef)


@pytest.mark.parametrize(("jenjang", "need"), list(NEED.items()))
def test_credit_needed(jenjang, need):
    got = credit_needed(jenjang)
    assert (got.for_pangkat, got.for_jenjang) == tuple(None if n is None else Decimal(n) for n in need)
    assert got.jenjang == jenjang


@pytest.mark.parametrize(("jenjang", "codes"), list(RANGE.items()))
def test_golongan_range_and_next_jenjang(jenjang, codes):
    assert list(JENJANG_GOLONGAN[Jenjang(jenjang)]) == codes
    assert next_jenjang(jenjang) == NEXT.get(jenjang)


@pytest.mark.parametrize("jenjang", list(NEED))
def test_jenjang_need_is_cumulative_over_the_jenjang(jenjang):
    pangkat, jenjang_need = NEED[jenjang]
    if jenjang_need is not None:
        assert jenjang_need == pangkat * len(RANGE[jenjang])


# Worked examples (BKN Direktorat Jabatan ASN slides; domain brief §4).
def test_worked_example_ahli_pertama_sangat_baik():
    assert annual_credit(Jenjang.AHLI_PERTAMA, Predikat.SANGAT_BAIK) == Decimal("18.75")


def test_worked_example_ahli_pertama_baik_two_months_is_2_08():
    value = annual_credit("Ahli Pertama", "Baik", 2)
    assert abs(Fraction(value) - Fraction(25, 12)) < Fraction(1, 10**25)
    assert credit_display(value) == Decimal("2.08")
    assert format_credit(value) == "2,08"


def test_worked_example_ahli_muda_sangat_baik_half_year():
    assert annual_credit("Ahli Muda", "Sangat Baik", months=6) == Decimal("18.75")


@pytest.mark.parametrize(
    ("jenjang", "predikat", "shown"),
    [
        # research.md E3 (public code, two decimals) — checks ROUND_HALF_UP
        ("Pemula", "Sangat Baik", "5.63"),
        ("Pemula", "Baik", "3.75"),
        ("Pemula", "Butuh Perbaikan", "2.81"),
        ("Pemula", "Kurang/Misconduct", "1.88"),
        ("Pemula", "Sangat Kurang", "0.94"),
        ("Ahli Madya", "Butuh Perbaikan", "28.13"),
        ("Ahli Utama", "Sangat Kurang", "12.50"),
    ],
)
def test_two_place_display(jenjang, predikat, shown):
    value = annual_credit(jenjang, predikat)
    assert credit_display(value) == Decimal(shown)
    assert str(credit_display(value)) == shown
    assert format_credit(value) == shown.replace(".", ",")


@pytest.mark.parametrize("months", [0, 13, -1, True, 1.5])
def test_months_must_be_1_to_12(months):
    with pytest.raises(ValueError, match=r"1 s\.d\. 12"):
        annual_credit("Ahli Muda", "Baik", months)
    with pytest.raises(ValueError, match=r"1 s\.d\. 12"):
        CreditEntry("Baik", months)


def test_agrees_with_csv_tables():
    with (DATA / "ak_koefisien_tahunan.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert annual_credit(row["jenjang"], "Baik") == Decimal(row["koefisien_ak_per_tahun"])
            assert annual_credit(row["kode_jenjang_siasn"], "Baik") == Decimal(row["koefisien_ak_per_tahun"])
    for row in json.loads((DATA / "koefisien.json").read_text(encoding="utf-8")):
        assert annual_credit(row["jabatan"], row["keterangan"]) == Decimal(row["kriteria"])
    with (DATA / "ak_persentase_predikat.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pct = Decimal(row["persentase_konversi"].rstrip("%"))
            assert annual_credit("Ahli Utama", row["predikat_kinerja"]) == 50 * pct / 100
    with (DATA / "ak_kebutuhan_kumulatif.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 8
    for row in rows:
        need = credit_needed(row["jenjang"])
        assert need.for_pangkat == Decimal(row["konversi_ak_kp"])
        expected = None if row["konversi_ak_jenjang"] == "-" else Decimal(row["konversi_ak_jenjang"])
        assert need.for_jenjang == expected


def test_integration_ranges_agree_with_step_thresholds():
    # ak_rentang_per_golongan.csv: AK integrasi range of each golongan, counted from the start
    # of the jenjang — its lower bound is what the steps before it used.
    with (DATA / "ak_rentang_per_golongan.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 9
    for row in rows:
        low, high = (Decimal(x) for x in re.findall(r"\d+", row["ak_integrasi_range"]))
        codes = RANGE[row["jenjang"]]
        index = codes.index(row["golongan"])
        step = next_credit_step(row["jenjang"], row["golongan"])
        assert low == NEED[row["jenjang"]][0] * index
        assert high - low == NEED[row["jenjang"]][0]
        if step is not None:
            assert step.need == high - low


@pytest.mark.parametrize(
    ("jenjang", "golongan", "kind", "target", "target_jenjang", "need"),
    [
        ("Pemula", None, "jenjang", "II/b", "Terampil", 15),
        ("Terampil", "II/b", "pangkat", "II/c", "Terampil", 20),
        ("Terampil", "II/d", "jenjang", "III/a", "Mahir", 20),
        ("Mahir", "III/b", "jenjang", "III/c", "Penyelia", 50),
        ("Penyelia", "III/c", "pangkat", "III/d", "Penyelia", 100),
        ("Ahli Pertama", "III/a", "pangkat", "III/b", "Ahli Pertama", 50),
        ("Ahli Pertama", "III/b", "jenjang", "III/c", "Ahli Muda", 50),
        ("Ahli Muda", "III/d", "jenjang", "IV/a", "Ahli Madya", 100),
        ("Ahli Madya", "IV/b", "pangkat", "IV/c", "Ahli Madya", 150),
        ("Ahli Madya", "IV/c", "jenjang", "IV/d", "Ahli Utama", 150),
        ("Ahli Utama", "IV/d", "pangkat", "IV/e", "Ahli Utama", 200),
    ],
)
def test_next_credit_step(jenjang, golongan, kind, target, target_jenjang, need):
    step = next_credit_step(jenjang, golongan)
    assert (step.kind, step.golongan, step.jenjang, step.need) == (
        kind,
        target,
        target_jenjang,
        Decimal(need),
    )


@pytest.mark.parametrize(("jenjang", "golongan"), [("Penyelia", "III/d"), ("Ahli Utama", "IV/e")])
def test_no_step_at_the_top(jenjang, golongan):
    assert next_credit_step(jenjang, golongan) is None


def test_golongan_outside_the_jenjang():
    with pytest.raises(ValueError, match="tidak termasuk rentang jenjang Ahli Muda"):
        next_credit_step("Ahli Muda", "III/a")
    with pytest.raises(ValueError, match="tidak termasuk"):
        credit_ledger("Ahli Muda", [], golongan="IV/a")


def test_ledger_example_ahli_pertama_always_sangat_baik():
    entries = [CreditEntry(Predikat.SANGAT_BAIK, label=str(year)) for year in range(2023, 2030)]
    status = credit_ledger("Ahli Pertama", entries)
    # 18.75 a year: III/b after 3 years (56.25, 6.25 carried), Ahli Muda after 3 more (6.25 + 56.25 - 50).
    assert [(e.kind, e.label, e.to_golongan, e.used, e.remainder) for e in status.events] == [
        ("pangkat", "2025", "III/b", Decimal(50), Decimal("6.25")),
        ("jenjang", "2028", "III/c", Decimal(50), Decimal("12.5")),
    ]
    assert status.events[1].to_jenjang == "Ahli Muda"
    assert status.total == Decimal("131.25")
    assert status.balance == Decimal("31.25")
    assert status.golongan == "III/c"
    assert status.start_golongan == "III/a"
    assert status.pangkat_reached and status.jenjang_reached
    assert status.next_step is None and status.needed_for_next is None


def test_ledger_part_years_do_not_drift():
    # Six two-month periods at Baik are exactly one year: 12.5, no rounding residue.
    status = credit_ledger("Ahli Pertama", [CreditEntry("Baik", 2)] * 6, opening_balance=Decimal("37.5"))
    assert status.total == Decimal(50)
    assert [e.used for e in status.events] == [Decimal(50)]
    assert status.balance == 0
    assert status.needed_for_next == Decimal(50)
    assert status.next_step.kind == "jenjang"


def test_ledger_opening_balance_can_meet_a_step_at_once():
    status = credit_ledger("Terampil", [], golongan="II/b", opening_balance=45)
    assert [(e.entry_index, e.label, e.to_golongan) for e in status.events] == [
        (-1, "saldo awal", "II/c"),
        (-1, "saldo awal", "II/d"),
    ]
    assert status.balance == 5
    assert status.needed_for_next == 15
    assert not status.jenjang_reached


def test_ledger_at_the_top_only_accumulates():
    status = credit_ledger("Ahli Utama", [CreditEntry("Sangat Baik")] * 10, golongan="IV/e")
    assert status.events == ()
    assert status.total == Decimal(750)
    assert status.next_step is None and status.needed_for_next is None
    assert not status.pangkat_reached


def test_ledger_rejects_negative_opening_balance():
    with pytest.raises(ValueError, match="negatif"):
        credit_ledger("Ahli Muda", [], opening_balance=Decimal("-0.01"))


entry_strategy = st.builds(
    CreditEntry,
    st.sampled_from(PREDIKAT_ORDER),
    st.integers(min_value=1, max_value=12),
)


@st.composite
def ledgers(draw):
    jenjang = draw(st.sampled_from(list(RANGE)))
    start = draw(st.integers(min_value=0, max_value=len(RANGE[jenjang]) - 1))
    opening = Decimal(draw(st.integers(min_value=0, max_value=30000))) / 100
    entries = draw(st.lists(entry_strategy, max_size=15))
    return jenjang, start, opening, entries


@given(ledgers())
def test_ledger_properties(case):
    jenjang, start, opening, entries = case
    golongan = RANGE[jenjang][start]
    status = credit_ledger(jenjang, entries, golongan=golongan, opening_balance=opening)
    # Independent arithmetic with the hand-written tables.
    amounts = [Fraction(PERCENT[e.predikat]) * Fraction(COEF[jenjang]) * e.months / 1200 for e in entries]
    tiny = Fraction(1, 10**20)
    assert list(status.credits) == [annual_credit(jenjang, e.predikat, e.months) for e in entries]
    for got, exact in zip(status.credits, amounts, strict=True):
        assert abs(Fraction(got) - exact) < tiny
    total = Fraction(opening) + sum(amounts, Fraction(0))
    assert abs(Fraction(status.total) - total) < tiny
    used = sum((Fraction(e.used) for e in status.events), Fraction(0))
    assert abs(Fraction(status.balance) - (total - used)) < tiny
    assert status.balance >= 0

    # Expected events from the cumulative view: AK counted from the start of the jenjang must pass
    # k × for_pangkat for the k-th golongan, and for_jenjang for the next jenjang.
    per_step, jenjang_need = NEED[jenjang]
    thresholds = [per_step * (k + 1) for k in range(start, len(RANGE[jenjang]) - 1)]
    kinds = ["pangkat"] * len(thresholds)
    if jenjang_need is not None:
        thresholds.append(jenjang_need)
        kinds.append("jenjang")
    expected = []
    cumulative = per_step * start + Fraction(opening)
    running = [(-1, cumulative)]
    for index, amount in enumerate(amounts):
        cumulative += amount
        running.append((index, cumulative))
    for threshold, kind in zip(thresholds, kinds, strict=True):
        hit = next((index for index, value in running if value >= threshold), None)
        if hit is None:
            break
        expected.append((kind, hit))
    assert [(e.kind, e.entry_index) for e in status.events] == expected
    if status.next_step is not None:
        assert 0 < status.needed_for_next <= status.next_step.need
        assert abs(Fraction(status.balance + status.needed_for_next) - Fraction(status.next_step.need)) < tiny


# ---------------------------------------------------------------- conversion ceiling and formasi
@pytest.mark.parametrize(
    ("jenjang", "ceiling"),
    [
        ("Ahli Pertama", Decimal(100)),  # what Ahli Muda needs from its first golongan
        ("Ahli Madya", Decimal(450)),
        ("Penyelia", Decimal(200)),  # the top of its ladder: every pangkat of the jenjang (III/c, III/d: 2 × 100)
        ("Ahli Utama", Decimal(400)),  # 2 × 200
    ],
)
def test_konversi_ceiling(jenjang, ceiling):
    from karier.rules.angka_kredit import konversi_ceiling

    assert konversi_ceiling(jenjang) == ceiling


@pytest.mark.parametrize(("jumlah", "holders", "free"), [(5, 3, 2), (3, 3, 0), (2, 4, 0), (0, 0, 0)])
def test_formasi_vacancies_never_negative(jumlah, holders, free):
    from karier.rules.angka_kredit import formasi_vacancies

    assert formasi_vacancies(jumlah, holders) == free
