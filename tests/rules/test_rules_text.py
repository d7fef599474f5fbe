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
