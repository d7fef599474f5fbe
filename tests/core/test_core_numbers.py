"""`karier.core.numbers.angka`: the one Indonesian number format (issue #9 item 5)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from karier.core.numbers import angka


def _read_back(text: str) -> Decimal:
    """The obvious id-ID reading: drop the thousands dots, the comma is the decimal point."""
    return Decimal(text.replace(".", "").replace(",", "."))


def test_examples_read_the_indonesian_way() -> None:
    assert angka(1250000) == "1.250.000"
    assert angka(Decimal("1250.5"), 1) == "1.250,5"
    assert angka(73.8, 1) == "73,8"
    assert angka(999) == "999"


def test_same_in_the_english_interface() -> None:
    with translation.override("en"):
        assert angka(1250000) == "1.250.000"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip(n: int) -> None:
    text = angka(n)
    assert _read_back(text) == n
    groups = text.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=4),
    st.integers(min_value=0, max_value=4),
)
def test_decimals_round_trip(value: Decimal, places: int) -> None:
    text = angka(value, places)
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    assert abs(_read_back(text) - expected) <= Decimal(1).scaleb(-places)
    assert ("," in text) == (places > 0)
