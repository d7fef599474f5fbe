"""The fairness rules (issue #13 item 2, docs/fairness.md): suppression below 5, the four flags at their
edges (hand-computed), bands and age bands."""

import datetime as dt

import pytest

from karier.rules import UnknownLabel
from karier.rules.fairness import (
    AGENCY_VARIED_MAX_PCT,
    BULK_MIN_ROWS,
    CENTRAL_MIN_PCT,
    FLAG_CENTRAL,
    FLAG_LENIENT,
    FLAG_SAME,
    FLAG_SEVERE,
    MARGIN_PP,
    MIN_KELOMPOK,
    Spread,
    age_band,
    appraiser_flags,
    band_of,
    rated_in_bulk,
    shown,
    spread_of,
)

AGENCY = Spread(top=10, middle=70, bottom=20)  # 100 people: 10 % top, 70 % middle, 20 % bottom


def test_thresholds_are_the_documented_ones() -> None:
    assert (MIN_KELOMPOK, MARGIN_PP, CENTRAL_MIN_PCT, AGENCY_VARIED_MAX_PCT) == (5, 20, 90, 75)


def test_suppression_edge_is_between_4_and_5() -> None:
    assert not shown(4)
    assert shown(5)
    assert not shown(0)


def test_bands() -> None:
    assert band_of("Sangat Baik") == "atas"
    assert band_of("Baik") == "tengah"
    assert {band_of(p) for p in ("Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")} == {"bawah"}
    with pytest.raises(UnknownLabel):
        band_of("Luar Biasa")
    assert spread_of(["Sangat Baik", "Baik", "Baik", "Sangat Kurang"]) == Spread(1, 2, 1)
    assert Spread(1, 2, 1).total == 4


def test_lenient_exactly_at_the_margin() -> None:
    # 3 of 10 top = 30 %, agency 10 %: +20 points → lenient; 2 of 10 = +10 points → not.
    assert appraiser_flags(Spread(3, 5, 2), AGENCY, 3) == (FLAG_LENIENT,)
    assert appraiser_flags(Spread(2, 6, 2), AGENCY, 3) == ()


def test_severe_exactly_at_the_margin() -> None:
    # 4 of 10 bottom = 40 %, agency 20 % → severe; 3 of 10 → not.
    assert appraiser_flags(Spread(1, 5, 4), AGENCY, 3) == (FLAG_SEVERE,)
    assert appraiser_flags(Spread(1, 6, 3), AGENCY, 3) == ()


def test_central_needs_a_varied_agency() -> None:
    # 9 of 10 middle = 90 % while the agency's middle is 70 % (≤ 75 %) → central.
    assert appraiser_flags(Spread(1, 9, 0), AGENCY, 2) == (FLAG_CENTRAL,)
    # 8 of 10 = 80 %: below 90 %.
    assert appraiser_flags(Spread(1, 8, 1), AGENCY, 3) == ()
    # The agency itself is 76 % middle: it does not vary enough for "central" to say anything.
    assert appraiser_flags(Spread(1, 9, 0), Spread(12, 76, 12), 2) == ()
    # Exactly 75 % middle in the agency still varies.
    assert appraiser_flags(Spread(0, 10, 0), Spread(13, 75, 12), 2) == (FLAG_CENTRAL,)


def test_same_rating_for_everyone_replaces_central_not_lenient() -> None:
    assert appraiser_flags(Spread(0, 5, 0), AGENCY, 1) == (FLAG_SAME,)
    assert appraiser_flags(Spread(5, 0, 0), AGENCY, 1) == (FLAG_LENIENT, FLAG_SAME)
    assert appraiser_flags(Spread(0, 0, 5), AGENCY, 1) == (FLAG_SEVERE, FLAG_SAME)


def test_no_flag_below_five_people() -> None:
    assert appraiser_flags(Spread(4, 0, 0), AGENCY, 1) == ()
    assert appraiser_flags(Spread(5, 0, 0), Spread(4, 0, 0), 1) == ()


@pytest.mark.parametrize(
    ("lahir", "band"),
    [
        (dt.date(1997, 1, 1), "< 30"),  # 29 on 31 Dec 2026? born 1997 → 29
        (dt.date(1996, 12, 31), "30–39"),  # 30 exactly on the day
        (dt.date(1987, 1, 1), "30–39"),
        (dt.date(1986, 12, 31), "40–49"),
        (dt.date(1977, 1, 1), "40–49"),
        (dt.date(1976, 12, 31), "50+"),
        (dt.date(2030, 1, 1), "< 30"),  # born after the date: a data error, with the youngest
    ],
)
def test_age_band_on_the_last_day_of_the_year(lahir: dt.date, band: str) -> None:
    assert age_band(lahir, dt.date(2026, 12, 31)) == band


def test_age_band_before_the_birthday() -> None:
    assert age_band(dt.date(1996, 7, 1), dt.date(2026, 6, 30)) == "< 30"
    assert age_band(dt.date(1996, 7, 1), dt.date(2026, 7, 1)) == "30–39"


def test_bulk_is_two_or_more_rows_in_one_save() -> None:
    assert BULK_MIN_ROWS == 2
    assert not rated_in_bulk(1)
    assert rated_in_bulk(2) and rated_in_bulk(40)
