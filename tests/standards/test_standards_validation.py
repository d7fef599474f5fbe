"""validate_target: the one rule for targets by aspect (the plans app reuses it for IKI)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from karier.standards.validation import NotANumber, to_decimal, validate_target

OK = [
    ("KUANTITAS", 12, ""),
    ("KUANTITAS", "12", ""),
    ("KUANTITAS", "9,3", ""),
    ("KUANTITAS", 9.3, ""),
    ("WAKTU", Decimal("4"), ""),
    ("BIAYA", "1500000", ""),
    ("KUALITAS", None, "tanpa revisi"),
    ("KUALITAS", "99.5", ""),
    ("KUALITAS", 100, "sesuai SOP"),
    ("KUANTITAS", "-2.5", ""),
    ("KUANTITAS", "9.30000", ""),
]


@pytest.mark.parametrize(("aspek", "angka", "uraian"), OK)
def test_valid_targets(aspek: str, angka: object, uraian: str) -> None:
    assert validate_target(aspek, angka, uraian) == {}


BAD = [
    ("KUANTITAS", None, "", "target_angka", "memerlukan target berupa angka"),
    ("KUANTITAS", "", "dua belas laporan", "target_angka", "memerlukan target berupa angka"),
    ("WAKTU", "dua hari", "", "target_angka", "harus berupa angka"),
    ("BIAYA", "Rp 1.000.000,00", "", "target_angka", "harus berupa angka"),
    ("KUANTITAS", "NaN", "", "target_angka", "harus berupa angka"),
    ("KUANTITAS", float("inf"), "", "target_angka", "harus berupa angka"),
    ("KUANTITAS", True, "", "target_angka", "harus berupa angka"),
    ("KUANTITAS", [1], "", "target_angka", "harus berupa angka"),
    ("KUANTITAS", "1.000.000.000.000", "", "target_angka", "terlalu besar"),
    ("KUANTITAS", "1.23456", "", "target_angka", "4 angka di belakang koma"),
    ("KUALITAS", None, "  ", "target_kualitatif", "angka atau uraian"),
    ("KUALITAS", "baik sekali", "", "target_angka", "harus berupa angka"),
    ("KECEPATAN", 1, "", "aspek", "Pilih aspek"),
]


@pytest.mark.parametrize(("aspek", "angka", "uraian", "field", "message"), BAD)
def test_invalid_targets_name_the_field_in_indonesian(
    aspek: str, angka: object, uraian: str, field: str, message: str
) -> None:
    errors = validate_target(aspek, angka, uraian)
    assert field in errors and message in errors[field], errors


def test_satuan_is_required_beside_a_number_when_asked() -> None:
    assert "satuan" in validate_target("KUANTITAS", 5, "", satuan="")
    assert validate_target("KUANTITAS", 5, "", satuan="laporan") == {}
    assert validate_target("KUALITAS", None, "tanpa revisi", satuan="") == {}


def test_to_decimal() -> None:
    assert to_decimal("9,3") == Decimal("9.3")
    assert to_decimal(" 12 ") == Decimal(12)
    assert to_decimal(None) is None and to_decimal("") is None
    # Issue #10: the id-ID reading ("." groups thousands) — these were stored as 1,25 and 1,18 or refused.
    assert to_decimal("1.250") == Decimal(1250)
    assert to_decimal("1.180") == Decimal(1180)
    assert to_decimal("1.250.000") == Decimal(1250000)
    assert to_decimal("1.250,5") == Decimal("1250.5")
    assert to_decimal("73.8") == Decimal("73.8")  # a dot that cannot group thousands is a decimal point
    for bad in ("1.25.0", "1,2,3", "12a", "-", ",", "1.2345,6", "Rp 1.000"):
        with pytest.raises(NotANumber):
            to_decimal(bad)
