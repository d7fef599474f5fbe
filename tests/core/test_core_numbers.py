"""`karier.core.numbers.angka`: the one Indonesian number format (issue #9 item 5)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from karier.core.numbers import angka, baca_angka


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


def test_reading_the_indonesian_way() -> None:
    assert baca_angka("1.250") == 1250
    assert baca_angka("1.180") == 1180
    assert baca_angka("1.250.000") == 1250000
    assert baca_angka("1.250,5") == Decimal("1250.5")
    assert baca_angka("73,8") == Decimal("73.8")
    assert baca_angka(",5") == Decimal("0.5")
    assert baca_angka("-1.000") == -1000
    assert baca_angka(" 1\u00a0250 ") == 1250
    assert baca_angka("12.0000") == 12  # the API's decimal strings: four places, so never a grouping
    assert baca_angka("73.8") == Decimal("73.8")


@pytest.mark.parametrize("text", ["", " ", "-", ",", ".", "1,2,3", "1.25.0", "12a", "1e3", "1.2345,6", "Rp 5", "1..0"])
def test_not_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        baca_angka(text)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_what_angka_writes_baca_angka_reads_back(n: int) -> None:
    assert baca_angka(angka(n)) == n


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=4),
    st.integers(min_value=1, max_value=4),
)
def test_decimals_written_and_read_back(value: Decimal, places: int) -> None:
    shown = angka(value, places)
    assert baca_angka(shown) == Decimal(shown.replace(".", "").replace(",", "."))
    assert abs(baca_angka(shown) - value) <= Decimal(1).scaleb(-places)


@pytest.mark.django_db
def test_the_form_says_what_will_be_saved_before_it_is_saved(client: Any, org: Any) -> None:
    """The preview under a number field reads the typed text with the one parser."""
    from tests.orgdata import PASSWORD

    assert client.get("/angka/pratinjau/?target_angka=1.250").status_code == 302  # signed in only
    client.login(username=org.users["staf1a"].username, password=PASSWORD)
    said = client.get("/angka/pratinjau/?target_angka=1.250").content.decode()
    assert "Akan disimpan sebagai" in said and "<strong>1.250</strong>" in said
    assert "<strong>1.250,5</strong>" in client.get("/angka/pratinjau/?realisasi_angka=1250,5").content.decode()
    assert "Bukan angka" in client.get("/angka/pratinjau/?x=12a").content.decode()
    assert client.get("/angka/pratinjau/?x=").content == b""


def test_the_number_widget_asks_for_the_preview_next_to_itself() -> None:
    from karier.core.forms import AngkaInput

    html = AngkaInput().render("target_angka", "1250", {"id": "id_target_angka"})
    assert 'hx-get="/angka/pratinjau/"' in html and 'hx-target="#id_target_angka-pratinjau"' in html
    assert 'id="id_target_angka-pratinjau"' in html and 'inputmode="decimal"' in html
