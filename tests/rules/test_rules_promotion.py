"""Kenaikan pangkat: promotion dates of the three periods, education table, eligibility."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    MAX_GOLONGAN_BY_PENDIDIKAN,
    CreditEntry,
    UnknownPendidikan,
    add_years,
    credit_ledger,
    is_promotion_date,
    max_golongan_for,
    next_promotion_date,
    promotion_dates,
    promotion_eligibility,
)


def expected_months(year, month):
    """The brief §5, by hand."""
    if year <= 2023:
        return month in (4, 10)
    if (year, month) < (2025, 10):
        return month in (2, 4, 6, 8, 10, 12)
    return True


def test_dates_up_to_2023():
    assert promotion_dates(date(2022, 1, 1), date(2023, 12, 31)) == [
        date(2022, 4, 1),
        date(2022, 10, 1),
        date(2023, 4, 1),
        date(2023, 10, 1),
    ]


def test_dates_2024_until_september_2025():
    assert promotion_dates(date(2023, 10, 2), date(2025, 9, 30)) == [
        date(2024, 2, 1),
        date(2024, 4, 1),
        date(2024, 6, 1),
        date(2024, 8, 1),
        date(2024, 10, 1),
        date(2024, 12, 1),
        date(2025, 2, 1),
        date(2025, 4, 1),
        date(2025, 6, 1),
        date(2025, 8, 1),
    ]


def test_dates_monthly_from_october_2025():
    assert promotion_dates(date(2025, 9, 1), date(2026, 3, 1)) == [
        date(2025, 10, 1),
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]


def test_no_date_between_october_2023_and_february_2024():
    assert promotion_dates(date(2023, 10, 2), date(2024, 1, 31)) == []
    assert next_promotion_date(date(2023, 10, 2)) == date(2024, 2, 1)
    assert next_promotion_date(date(2024, 1, 1)) == date(2024, 2, 1)


def test_bounds_are_inclusive_and_empty_when_reversed():
    assert promotion_dates(date(2024, 2, 1), date(2024, 2, 1)) == [date(2024, 2, 1)]
    assert promotion_dates(date(2024, 2, 2), date(2024, 4, 1)) == [date(2024, 4, 1)]
    assert promotion_dates(date(2024, 4, 1), date(2024, 2, 1)) == []


@given(st.dates(min_value=date(1980, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 800))
def test_dates_match_the_brief(start, days):
    end = start + timedelta(days=days)
    expected = []
    day = start
    while day <= end:
        if day.day == 1 and expected_months(day.year, day.month):
            expected.append(day)
        day += timedelta(days=1)
    assert promotion_dates(start, end) == expected
    nxt = next_promotion_date(start)
    assert nxt >= start and is_promotion_date(nxt)
    if nxt <= end:
        assert expected[0] == nxt
    else:
        assert expected == []
    assert all(not is_promotion_date(start + timedelta(days=d)) for d in range((nxt - start).days))


def test_is_promotion_date_needs_the_first_of_the_month():
    assert not is_promotion_date(date(2026, 1, 2))


# Domain brief §5 education table, by hand.
EDUCATION = [
    ("SD", "II/a"),
    ("SLTP", "II/c"),
    ("SLTP Kejuruan", "II/d"),
    ("SLTA", "III/b"),
    ("D-I", "III/b"),
    ("D-II", "III/b"),
    ("SGPLB", "III/c"),
    ("D-III", "III/c"),
    ("S1", "III/d"),
    ("D-IV", "III/d"),
    ("S2", "IV/a"),
    ("S3", "IV/b"),
]


@pytest.mark.parametrize(("pendidikan", "golongan"), EDUCATION)
def test_education_table(pendidikan, golongan):
    assert max_golongan_for(pendidikan) == golongan
    assert MAX_GOLONGAN_BY_PENDIDIKAN[pendidikan] == golongan


@pytest.mark.parametrize(
    ("text", "golongan"),
    [
        ("s-1", "III/d"),
        ("S 2", "IV/a"),
        ("d3", "III/c"),
        ("Diploma IV", "III/d"),
        ("SMA", "III/b"),
        ("SMK", "III/b"),
        ("SMP", "II/c"),
        ("Sarjana Muda", "III/c"),
        ("Dokter", "IV/a"),
        ("Doktor", "IV/b"),
        ("sltp kejuruan", "II/d"),
    ],
)
def test_education_aliases(text, golongan):
    assert max_golongan_for(text) == golongan


def test_education_table_is_configurable_and_unknown_is_an_error():
    assert max_golongan_for("S1", {"S1": "iii/c"}) == "III/c"
    with pytest.raises(UnknownPendidikan, match="tidak ada dalam tabel"):
        max_golongan_for("Pesantren")
    with pytest.raises(ValueError):
        max_golongan_for("S2", {"S1": "III/d"}, aliases={})


def test_add_years():
    assert add_years(date(2021, 4, 1), 4) == date(2025, 4, 1)
    assert add_years(date(2020, 2, 29), 1) == date(2021, 3, 1)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)


GOOD = ["Baik", "Sangat Baik"]


def test_eligible_structural_case():
    result = promotion_eligibility("III/a", date(2021, 4, 1), GOOD, date(2025, 3, 1), pendidikan="S1")
    assert result.eligible
    assert result.earliest_date == date(2025, 4, 1)
    assert result.reasons == ()
    assert result.next_golongan == "III/b"


def test_four_years_are_counted_to_the_promotion_date():
    result = promotion_eligibility("III/a", date(2021, 4, 2), GOOD, date(2025, 3, 1), pendidikan="S1")
    assert not result.eligible
    assert result.earliest_date == date(2025, 6, 1)  # even months only until Sep 2025
    assert result.reasons == ("Masa kerja dalam golongan III/a belum 4 tahun; 4 tahun terpenuhi pada 2 April 2025.",)


def test_earliest_date_under_the_old_periods():
    result = promotion_eligibility("II/c", date(2019, 10, 1), GOOD, date(2023, 4, 2), pendidikan="SLTA")
    assert result.earliest_date == date(2023, 10, 1)
    assert result.eligible


def test_earliest_date_follows_as_of():
    result = promotion_eligibility("II/c", date(2010, 10, 1), GOOD, date(2024, 2, 2), pendidikan="SLTA")
    assert result.eligible and result.earliest_date == date(2024, 4, 1)


@pytest.mark.parametrize(
    ("predikat", "fragment"),
    [
        (["Baik", "Butuh Perbaikan"], "tercatat Butuh Perbaikan"),
        (["Kurang", "Sangat Kurang"], "tercatat Kurang/Misconduct, Sangat Kurang"),
        (["Baik"], "belum lengkap (tersedia 1)"),
        ([None, "Baik"], "belum lengkap (tersedia 1)"),
        ([], "belum lengkap (tersedia 0)"),
    ],
)
def test_predikat_condition(predikat, fragment):
    result = promotion_eligibility("III/a", date(2015, 4, 1), predikat, date(2025, 3, 1), pendidikan="S1")
    assert not result.eligible
    assert result.earliest_date is None
    assert any(fragment in r for r in result.reasons)


def test_only_the_last_two_predikat_count():
    result = promotion_eligibility(
        "III/a", date(2015, 4, 1), ["Sangat Kurang", "Baik", "Baik"], date(2025, 3, 1), pendidikan="S1"
    )
    assert result.eligible


def test_education_maximum():
    result = promotion_eligibility("III/d", date(2015, 4, 1), GOOD, date(2025, 3, 1), pendidikan="S1")
    assert not result.eligible
    assert result.earliest_date is None
    assert result.reasons == (
        (
            "Golongan tertinggi untuk pendidikan S1 adalah III/d; kenaikan ke IV/a tidak dapat melalui "
            "kenaikan pangkat reguler."
        ),
    )
    assert promotion_eligibility("III/c", date(2015, 4, 1), GOOD, date(2025, 3, 1), pendidikan="S1").eligible


def test_missing_education_blocks_structural_promotion():
    result = promotion_eligibility("III/a", date(2015, 4, 1), GOOD, date(2025, 3, 1))
    assert result.reasons == ("Pendidikan terakhir belum tercatat; batas golongan tertinggi tidak dapat diperiksa.",)


def test_top_of_the_ladder():
    result = promotion_eligibility("IV/e", date(2015, 4, 1), GOOD, date(2025, 3, 1), pendidikan="S3")
    assert result.next_golongan is None
    assert result.reasons == ("Golongan IV/e adalah golongan tertinggi.",)


def test_configurable_years_and_predikat():
    result = promotion_eligibility(
        "III/a",
        date(2023, 4, 1),
        ["Butuh Perbaikan", "Butuh Perbaikan", "Butuh Perbaikan"],
        date(2025, 3, 1),
        pendidikan="S1",
        min_years=2,
        min_predikat="Butuh Perbaikan",
        predikat_years=3,
    )
    assert result.eligible and result.earliest_date == date(2025, 4, 1)


# Functional positions.
def test_functional_has_no_time_minimum_and_uses_credit():
    result = promotion_eligibility(
        "III/a", date(2024, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Pertama", credit=Decimal(50)
    )
    assert result.eligible
    assert result.earliest_date == date(2025, 4, 1)
    assert result.next_golongan == "III/b"


def test_functional_not_enough_credit():
    result = promotion_eligibility(
        "III/a", date(2024, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Pertama", credit=Decimal("49.99")
    )
    assert result.reasons == (
        "Angka kredit belum mencukupi untuk kenaikan ke III/b: diperlukan 50,00, tersedia 49,99.",
    )
    assert result.earliest_date is None


def test_functional_without_credit_status():
    result = promotion_eligibility("III/a", date(2024, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Pertama")
    assert result.reasons == ("Status angka kredit belum tersedia.",)


def test_functional_with_a_ledger():
    ledger = credit_ledger("Ahli Muda", [CreditEntry("Sangat Baik")] * 3, golongan="III/c")
    result = promotion_eligibility(
        "III/c", date(2022, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Muda", credit=ledger
    )
    assert result.eligible  # 3 × 37.5 = 112.5 ≥ 100
    short = credit_ledger("Ahli Muda", [CreditEntry("Baik")] * 3, golongan="III/c")
    result = promotion_eligibility("III/c", date(2022, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Muda", credit=short)
    assert result.reasons == (
        "Angka kredit belum mencukupi untuk kenaikan ke III/d: diperlukan 100,00, tersedia 75,00.",
    )
    with pytest.raises(ValueError, match="jenjang dan golongan yang sama"):
        promotion_eligibility("III/d", date(2022, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Muda", credit=ledger)


def test_functional_jenjang_move_needs_competency_test_and_formation():
    args = ("III/b", date(2022, 4, 1), GOOD, date(2025, 3, 1))
    result = promotion_eligibility(*args, jenjang="Ahli Pertama", credit=Decimal(60))
    assert result.notes == ("Kenaikan ke III/c berarti kenaikan jenjang ke Ahli Muda.",)
    assert result.reasons == (
        "Belum lulus uji kompetensi kenaikan jenjang ke Ahli Muda.",
        "Belum tersedia formasi jenjang Ahli Muda.",
    )
    ok = promotion_eligibility(
        *args, jenjang="Ahli Pertama", credit=Decimal(60), uji_kompetensi_lulus=True, formasi_tersedia=True
    )
    assert ok.eligible and ok.next_golongan == "III/c"


def test_functional_top_of_jenjang():
    result = promotion_eligibility(
        "III/d", date(2015, 4, 1), GOOD, date(2025, 3, 1), jenjang="Penyelia", credit=Decimal(500)
    )
    assert result.next_golongan is None
    assert result.reasons == (
        "Golongan III/d adalah golongan tertinggi jenjang Penyelia; tidak ada kenaikan pangkat berikutnya.",
    )


def test_functional_education_limit_is_off_by_default_but_can_be_applied():
    args = ("III/d", date(2022, 4, 1), GOOD, date(2025, 3, 1))
    kwargs = {
        "jenjang": "Ahli Muda",
        "credit": Decimal(100),
        "uji_kompetensi_lulus": True,
        "formasi_tersedia": True,
    }
    assert promotion_eligibility(*args, pendidikan="S1", **kwargs).eligible
    limited = promotion_eligibility(*args, pendidikan="S1", apply_education_limit=True, **kwargs)
    assert not limited.eligible and "pendidikan S1" in limited.reasons[0]
    assert promotion_eligibility(*args[:3], date(2025, 3, 1), pendidikan="S1", apply_education_limit=False).reasons == (
        "Masa kerja dalam golongan III/d belum 4 tahun; 4 tahun terpenuhi pada 1 April 2026.",
    )


def test_functional_future_tmt():
    result = promotion_eligibility(
        "III/a", date(2025, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Pertama", credit=Decimal(50)
    )
    assert result.earliest_date == date(2025, 6, 1)
    assert result.reasons == ("Kenaikan pangkat baru dapat berlaku sesudah TMT golongan III/a (1 April 2025).",)


def test_functional_golongan_outside_jenjang():
    with pytest.raises(ValueError, match="tidak termasuk"):
        promotion_eligibility("II/a", date(2020, 4, 1), GOOD, date(2025, 3, 1), jenjang="Ahli Muda")
