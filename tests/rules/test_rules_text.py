"""The month names: one list for the project (`karier.rules.BULAN`), the Indonesian names whatever the
active language, and the dates the rules write with them."""

from datetime import date

from karier.rules import BULAN
from karier.rules._text import tanggal


def test_month_names_are_the_twelve_indonesian_names_in_order():
    assert BULAN == (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    )


def test_rule_dates_use_the_month_names():
    assert [tanggal(date(2025, m, 1)) for m in (1, 8, 12)] == ["1 Januari 2025", "1 Agustus 2025", "1 Desember 2025"]


def test_rule_numbers_use_the_decimal_comma():
    from decimal import Decimal

    from karier.rules._text import desimal

    assert desimal(Decimal("82.5")) == "82,50"
    assert desimal(Decimal("82.505")) == "82,51"  # half up
    assert desimal(Decimal("90"), ringkas=True) == "90"
    assert desimal(Decimal("12.50"), ringkas=True) == "12,5"
    assert desimal(Decimal("4.25"), 1, ringkas=True) == "4,3"
    assert desimal(Decimal("100"), 1, ringkas=True) == "100"
