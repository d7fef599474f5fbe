"""Career rules of issue #12: exact AK and its projection, BUP and the pension date, the versioned
talent rule set and explained placements (karier/rules/career.py)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    JENJANG_GOLONGAN,
    RULESET_PERMENPANRB_3_2020,
    RULESET_PERMENPANRB_20_2025,
    Jenjang,
    KinerjaMethod,
    Level,
    PotensialCutoffs,
    Predikat,
    Sanction,
    TalentRuleSet,
    annual_credit,
    bup_age,
    career,
    credit_fraction,
    credit_projection,
    fraction_to_decimal,
    is_promotion_date,
    placement,
    potensial_score,
    retirement_date,
    retires_within,
)

# Domain brief §4 by hand: % by predikat and the annual coefficient.
PERCENT = {"Sangat Baik": 150, "Baik": 100, "Butuh Perbaikan": 75, "Kurang/Misconduct": 50, "Sangat Kurang": 25}
COEF = {
    "Pemula": Fraction(15, 4),
    "Terampil": Fraction(5),
    "Mahir": Fraction(25, 2),
    "Penyelia": Fraction(25),
    "Ahli Pertama": Fraction(25, 2),
    "Ahli Muda": Fraction(25),
    "Ahli Madya": Fraction(75, 2),
    "Ahli Utama": Fraction(50),
}


# ------------------------------------------------------------------------------- credit_fraction
@pytest.mark.parametrize(
    ("jenjang", "predikat", "months", "expected"),
    [
        ("Ahli Pertama", "Sangat Baik", 12, Fraction(75, 4)),  # BKN example: 18,75
        ("Ahli Pertama", "Baik", 2, Fraction(25, 12)),  # BKN example: 2,08
        ("Ahli Utama", "Sangat Kurang", 12, Fraction(25, 2)),
        ("Pemula", "Butuh Perbaikan", 1, Fraction(15, 64)),
    ],
)
def test_credit_fraction_examples(jenjang, predikat, months, expected):
    assert credit_fraction(jenjang, predikat, months) == expected
    assert fraction_to_decimal(credit_fraction(jenjang, predikat, months)) == annual_credit(jenjang, predikat, months)


@given(st.sampled_from(list(COEF)), st.sampled_from(list(PERCENT)), st.integers(1, 12))
def test_credit_fraction_is_percent_times_coefficient_times_months(jenjang, predikat, months):
    assert credit_fraction(jenjang, predikat, months) == Fraction(PERCENT[predikat], 100) * COEF[jenjang] * months / 12


@given(st.sampled_from(list(Jenjang)), st.sampled_from(list(Predikat)))
def test_twelve_months_make_a_year(jenjang, predikat):
    assert 12 * credit_fraction(jenjang, predikat, 1) == credit_fraction(jenjang, predikat)


@pytest.mark.parametrize("bad", [0, 13, True, 1.0])
def test_credit_fraction_months_1_to_12(bad):
    with pytest.raises(ValueError, match=r"1 s\.d\. 12"):
        credit_fraction("Ahli Muda", "Baik", bad)


def test_fraction_to_decimal_28_digits():
    assert fraction_to_decimal(Fraction(75, 4)) == Decimal("18.75")
    assert fraction_to_decimal(Fraction(25, 12)) == Decimal("2.083333333333333333333333333")
    assert len(fraction_to_decimal(Fraction(1, 3)).as_tuple().digits) == 28


# ----------------------------------------------------------------------------- credit_projection
def test_projection_march_2028():
    # Ahli Muda, III/c → III/d needs 100; 50 held; Baik = 25 a year = 25/12 a month → 24 months.
    p = credit_projection("Ahli Muda", "III/c", Decimal(50), date(2026, 4, 1))
    assert p is not None
    assert (p.kind, p.to_golongan, p.to_jenjang, p.need) == ("pangkat", "III/d", Jenjang.AHLI_MUDA, Decimal(100))
    assert (p.months, p.month_reached, p.promotion_date) == (24, date(2028, 3, 1), date(2028, 4, 1))
    assert p.shortfall == Decimal(50)
    assert p.text == (
        "Dengan predikat Baik setiap tahun, angka kredit untuk kenaikan ke III/d terpenuhi pada Maret 2028."
    )


def test_projection_mid_month_start_counts_from_the_next_full_month():
    p = credit_projection("Ahli Muda", "III/c", Decimal(50), date(2026, 4, 15))
    assert p is not None
    assert (p.months, p.month_reached, p.promotion_date) == (24, date(2028, 4, 1), date(2028, 5, 1))


def test_projection_across_december_and_with_other_predikat():
    # Ahli Pertama III/a needs 50; Sangat Baik = 18,75 a year → 50/(18,75/12) = 32 months.
    p = credit_projection(Jenjang.AHLI_PERTAMA, "III/a", 0, date(2026, 1, 1), Predikat.SANGAT_BAIK)
    assert p is not None
    assert (p.months, p.month_reached, p.promotion_date) == (32, date(2028, 8, 1), date(2028, 9, 1))
    assert "Dengan predikat Sangat Baik setiap tahun" in p.text
    december = credit_projection("Ahli Pertama", "III/a", 0, date(2026, 1, 1))
    assert december is not None
    assert (december.months, december.month_reached, december.promotion_date) == (
        48,
        date(2029, 12, 1),
        date(2030, 1, 1),
    )


def test_projection_jenjang_step():
    # Ahli Pertama III/b → Ahli Muda III/c needs 100 − 50 = 50.
    p = credit_projection("Ahli Pertama", "III/b", Fraction(25), date(2026, 1, 1))
    assert p is not None
    assert (p.kind, p.to_golongan, p.to_jenjang, p.need) == ("jenjang", "III/c", Jenjang.AHLI_MUDA, Decimal(50))
    assert p.months == 24
    assert "kenaikan ke jenjang Ahli Muda (III/c) terpenuhi pada Desember 2027" in p.text


def test_projection_before_monthly_promotion_dates():
    # Reached in June 2024 (two-monthly period): the first promotion date after is 1 August 2024.
    p = credit_projection("Ahli Muda", "III/c", Decimal("95"), date(2024, 4, 1))
    assert p is not None
    assert (p.months, p.month_reached, p.promotion_date) == (3, date(2024, 6, 1), date(2024, 8, 1))
    assert is_promotion_date(p.promotion_date)


def test_projection_balance_already_enough():
    p = credit_projection("Ahli Muda", "III/c", Decimal("120.5"), date(2026, 4, 15))
    assert p is not None
    assert (p.months, p.month_reached, p.promotion_date, p.shortfall) == (0, date(2026, 4, 1), date(2026, 5, 1), 0)
    assert p.text == "Angka kredit untuk kenaikan ke III/d sudah terpenuhi."


@pytest.mark.parametrize(("jenjang", "golongan"), [("Ahli Utama", "IV/e"), ("Penyelia", "III/d")])
def test_projection_none_at_the_top(jenjang, golongan):
    assert credit_projection(jenjang, golongan, 0, date(2026, 1, 1)) is None


def test_projection_none_beyond_the_horizon():
    # Sangat Kurang, Ahli Pertama: 25 % × 12,5 = 3,125 a year → 50 needs 16 years.
    assert credit_projection("Ahli Pertama", "III/a", 0, date(2026, 1, 1), "Sangat Kurang") is None
    p = credit_projection("Ahli Pertama", "III/a", 0, date(2026, 1, 1), "Sangat Kurang", horizon_years=16)
    assert p is not None
    assert (p.months, p.month_reached) == (192, date(2041, 12, 1))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"balance": Decimal(-1)}, "negatif"),
        ({"balance": Fraction(-1, 3)}, "negatif"),
        ({"balance": "abc"}, "angka"),
        ({"horizon_years": 0}, "Jangka proyeksi"),
        ({"horizon_years": True}, "Jangka proyeksi"),
        ({"golongan": "IV/a"}, "rentang jenjang"),
    ],
)
def test_projection_bad_input(kwargs, message):
    args = {"jenjang": "Ahli Muda", "golongan": "III/c", "balance": 0, "start": date(2026, 1, 1)} | kwargs
    with pytest.raises(ValueError, match=message):
        credit_projection(**args)


@st.composite
def projection_inputs(draw):
    jenjang = draw(st.sampled_from(list(Jenjang)))
    golongan = draw(st.sampled_from(JENJANG_GOLONGAN[jenjang]))
    balance = Fraction(draw(st.integers(0, 30000)), draw(st.integers(1, 100)))
    start = draw(st.dates(date(2020, 1, 1), date(2040, 12, 31)))
    predikat = draw(st.sampled_from(list(Predikat)))
    return jenjang, golongan, balance, start, predikat


@given(projection_inputs())
def test_projection_month_is_the_first_that_covers_the_need(inputs):
    jenjang, golongan, balance, start, predikat = inputs
    p = credit_projection(jenjang, golongan, balance, start, predikat, horizon_years=30)
    if p is None:
        return
    need, monthly = Fraction(p.need), credit_fraction(jenjang, predikat, 1)
    assert balance + p.months * monthly >= need
    assert p.months == 0 or balance + (p.months - 1) * monthly < need
    assert p.month_reached.day == 1 and p.month_reached >= date(start.year, start.month, 1)
    assert is_promotion_date(p.promotion_date) and p.promotion_date >= start
    if p.months:
        assert p.promotion_date > p.month_reached


# -------------------------------------------------------------------------------------- retirement
@pytest.mark.parametrize(
    ("jenis", "jenjang", "age"),
    [
        ("ADMINISTRATOR", None, 58),
        ("PENGAWAS", None, 58),
        ("PELAKSANA", None, 58),
        ("JPT_UTAMA", None, 60),
        ("JPT_MADYA", None, 60),
        ("JPT_PRATAMA", None, 60),
        ("JPT Pratama", None, 60),  # the label works too
        ("FUNGSIONAL", "Ahli Utama", 65),
        ("FUNGSIONAL", "Ahli Madya", 60),
        ("FUNGSIONAL", "Ahli Muda", 58),
        ("FUNGSIONAL", "Ahli Pertama", 58),
        ("FUNGSIONAL", "Penyelia", 58),
        ("FUNGSIONAL", "Pemula", 58),
        ("fungsional", Jenjang.MAHIR, 58),
    ],
)
def test_bup_age_pp_11_2017_pasal_239(jenis, jenjang, age):
    assert bup_age(jenis, jenjang) == age


def test_bup_of_the_jabatan_fungsional_wins():
    assert bup_age("FUNGSIONAL", "Ahli Pertama", usia_bup_jf=60) == 60  # e.g. guru
    assert bup_age("FUNGSIONAL", None, usia_bup_jf=65) == 65
    assert bup_age("ADMINISTRATOR", None, usia_bup_jf=65) == 58  # only for functional positions


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("FUNGSIONAL",), "Jenjang"),
        (("GURU",), "tidak dikenal"),
        (("FUNGSIONAL", "Ahli Muda", 45), "50 s.d. 70"),
        (("FUNGSIONAL", "Ahli Muda", True), "50 s.d. 70"),
        (("FUNGSIONAL", "Ahli Besar"), "tidak dikenal"),
    ],
)
def test_bup_age_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        bup_age(*args)


@pytest.mark.parametrize(
    ("lahir", "age", "tmt"),
    [
        (date(1968, 3, 15), 58, date(2026, 4, 1)),
        (date(1968, 3, 1), 58, date(2026, 4, 1)),  # born on the 1st: still the month after
        (date(1966, 12, 31), 60, date(2027, 1, 1)),
        (date(1968, 2, 29), 58, date(2026, 3, 1)),  # no 29 February in 2026: still February
    ],
)
def test_retirement_date_first_of_the_next_month(lahir, age, tmt):
    assert retirement_date(lahir, age) == tmt


@pytest.mark.parametrize("bad", [0, -58, True])
def test_retirement_date_bad_age(bad):
    with pytest.raises(ValueError, match="Usia pensiun"):
        retirement_date(date(1970, 1, 1), bad)


def test_retires_within():
    as_of = date(2026, 5, 10)
    assert retires_within(date(2028, 5, 10), as_of)
    assert not retires_within(date(2028, 6, 1), as_of)
    assert retires_within(date(2020, 1, 1), as_of)  # already past: at risk
    assert retires_within(date(2031, 5, 1), as_of, years=5)
    assert not retires_within(date(2026, 6, 1), as_of, years=0)
    with pytest.raises(ValueError, match="tahun"):
        retires_within(date(2028, 1, 1), as_of, years=-1)


# ---------------------------------------------------------------------------------- talent rule set
def test_default_rule_sets():
    old, new = RULESET_PERMENPANRB_3_2020, RULESET_PERMENPANRB_20_2025
    assert old.regulasi == "PermenPANRB 3/2020" and new.regulasi == "PermenPANRB 20/2025"
    assert (old.kode, old.versi, new.kode, new.versi) == ("PERMENPANRB-3-2020", 1, "PERMENPANRB-20-2025", 1)
    for rules in (old, new):
        assert rules.kinerja_method is KinerjaMethod.TERENDAH
        assert (rules.cutoffs.tinggi, rules.cutoffs.menengah) == (90, 78)
        assert rules.sanction_years == 2
    assert dict(old.weights) == {}
    assert dict(new.weights) == {"kompetensi": 50, "potensi": 30, "rekam_jejak": 20}
    with pytest.raises(TypeError):
        new.weights["potensi"] = Decimal(0)  # type: ignore[index]


def test_rule_set_coerces_method_and_weights():
    rules = TalentRuleSet("X", "Peraturan X", "1", "terakhir", weights={"a": 1, "b": "2.5"})
    assert rules.kinerja_method is KinerjaMethod.TERAKHIR
    assert dict(rules.weights) == {"a": Decimal(1), "b": Decimal("2.5")}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kode": " "}, "kode"),
        ({"versi": ""}, "versi"),
        ({"kinerja_method": "rata-rata"}, "Metode level kinerja"),
        ({"cutoffs": (90, 78)}, "PotensialCutoffs"),
        ({"weights": {"": 1}}, "tidak boleh kosong"),
        ({"weights": {"a": -1, "b": 2}}, "negatif"),
        ({"weights": {"a": 0, "b": 0}}, "lebih dari 0"),
        ({"weights": {"a": "x"}}, "angka"),
        ({"weights": {"a": Decimal("NaN")}}, "angka"),
        ({"weights": {"a": None}}, "angka"),
        ({"sanction_years": -1}, "hukuman disiplin"),
        ({"sanction_years": True}, "hukuman disiplin"),
    ],
)
def test_rule_set_validation(kwargs, message):
    args = {"kode": "X", "regulasi": "Peraturan X", "versi": "1"} | kwargs
    with pytest.raises(ValueError, match=message):
        TalentRuleSet(**args)


def test_potensial_score_jpm_as_is():
    assert potensial_score(Decimal("85.555"), {}, RULESET_PERMENPANRB_3_2020) == Decimal("85.56")
    assert potensial_score(90, {"kompetensi": 10}, RULESET_PERMENPANRB_3_2020) == Decimal("90.00")
    with pytest.raises(ValueError, match="JPM"):
        potensial_score(None, {}, RULESET_PERMENPANRB_3_2020)
    with pytest.raises(ValueError, match="angka"):
        potensial_score("sembilan", {}, RULESET_PERMENPANRB_3_2020)


def test_potensial_score_weighted():
    components = {"kompetensi": Decimal(80), "potensi": 70, "rekam_jejak": "90"}
    # (50 × 80 + 30 × 70 + 20 × 90) / 100 = 79
    assert potensial_score(None, components, RULESET_PERMENPANRB_20_2025) == Decimal("79.00")
    halves = TalentRuleSet("H", "X", "1", weights={"a": 1, "b": 1, "nol": 0})
    assert potensial_score(None, {"a": "80", "b": "80.01"}, halves) == Decimal("80.01")  # 80,005 half up
    with pytest.raises(ValueError, match="“potensi”"):
        potensial_score(95, {"kompetensi": 80, "rekam_jejak": 90}, RULESET_PERMENPANRB_20_2025)
    with pytest.raises(ValueError, match="“potensi”"):
        potensial_score(95, {"kompetensi": 80, "potensi": None, "rekam_jejak": 90}, RULESET_PERMENPANRB_20_2025)


@given(
    st.lists(st.integers(0, 100), min_size=3, max_size=3),
    st.lists(st.integers(0, 10), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
)
def test_weighted_score_lies_between_the_components(values, weights):
    names = ("a", "b", "c")
    rules = TalentRuleSet("W", "X", "1", weights=dict(zip(names, weights, strict=True)))
    score = potensial_score(None, dict(zip(names, values, strict=True)), rules)
    used = [v for v, w in zip(values, weights, strict=True) if w > 0]
    assert min(used) <= score <= max(used)


# ------------------------------------------------------------------------------------- placement
DI_ATAS, SESUAI, DI_BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


def test_placement_explained_3_2020():
    p = placement([DI_BAWAH, DI_ATAS, SESUAI], Decimal("91.5"), {}, [], date(2026, 1, 31))
    assert (p.kinerja, p.potensial, p.box, p.score) == (Level.MENENGAH, Level.TINGGI, 8, Decimal("91.50"))
    assert not p.excluded and p.exclusions == ()
    assert p.recommendation[0] == "Dipertahankan"
    assert p.explanation == (
        "Aturan talenta PERMENPANRB-3-2020 (PermenPANRB 3/2020, versi 1), dihitung per 31 Januari 2026.",
        "Level kinerja Menengah: rating hasil kerja “Di Atas Ekspektasi”, “Sesuai Ekspektasi”, "
        "diambil yang terendah dari dua tahun terakhir.",
        "Skor potensial 91,50: nilai JPM hasil asesmen.",
        "Level potensial Tinggi: batas Tinggi ≥ 90, Menengah ≥ 78.",
        "Tidak ada hukuman disiplin tingkat sedang atau berat dalam 2 tahun terakhir.",
        "Kotak 8: Kinerja sesuai ekspektasi dan potensial tinggi.",
    )


def test_placement_explained_weighted_and_excluded():
    sanctions = [Sanction("S", date(2025, 3, 1)), Sanction("R", date(2025, 6, 1))]
    components = {"kompetensi": 80, "potensi": Decimal("77.5"), "rekam_jejak": 60}
    p = placement([SESUAI, DI_ATAS], None, components, sanctions, date(2026, 1, 31), RULESET_PERMENPANRB_20_2025)
    # 50 × 80 + 30 × 77,5 + 20 × 60 = 7525 → 75,25 → Rendah; kinerja Sesuai (terendah) → box 2.
    assert (p.kinerja, p.potensial, p.box, p.score) == (Level.MENENGAH, Level.RENDAH, 2, Decimal("75.25"))
    assert p.excluded and len(p.exclusions) == 1 and "tingkat sedang" in p.exclusions[0]
    assert p.explanation[2] == (
        "Skor potensial 75,25: rata-rata tertimbang (kompetensi 80,00 × bobot 50; potensi 77,50 × bobot 30; "
        "rekam_jejak 60,00 × bobot 20)."
    )
    assert p.explanation[4] == "Tidak masuk kelompok talenta: " + p.exclusions[0]


@pytest.mark.parametrize(
    ("method", "level", "text"),
    [
        ("terakhir", Level.TINGGI, "rating tahun terakhir"),
        ("tertinggi", Level.TINGGI, "yang tertinggi dari dua tahun terakhir"),
        ("terendah", Level.RENDAH, "yang terendah dari dua tahun terakhir"),
    ],
)
def test_placement_method_and_rule_set_are_applied(method, level, text):
    rules = TalentRuleSet(
        "AGENSI-1",
        "PermenPANRB 20/2025",
        "2026.2",
        method,
        PotensialCutoffs(Decimal(80), Decimal("70.5")),
        sanction_years=1,
    )
    old_sanction = [Sanction("B", date(2024, 12, 1))]  # 2 years back: outside a 1-year check
    p = placement([DI_BAWAH, DI_ATAS], 75, {}, old_sanction, date(2026, 1, 31), rules)
    assert p.kinerja is level and p.potensial is Level.MENENGAH and not p.excluded
    assert p.explanation[1].endswith(text + ".")
    assert "Menengah ≥ 70,5" in p.explanation[3] and "Tinggi ≥ 80" in p.explanation[3]
    assert "dalam 1 tahun terakhir" in p.explanation[4]
    assert "AGENSI-1 (PermenPANRB 20/2025, versi 2026.2)" in p.explanation[0]


def test_placement_needs_a_rating():
    with pytest.raises(ValueError, match="rating"):
        placement([], 90, {}, [], date(2026, 1, 1))


def test_career_module_reexports_succession():
    from karier.rules import succession

    for name in succession.__all__:
        assert getattr(career, name) is getattr(succession, name)
        assert name in career.__all__
