"""Form rules for targets, shared by the standards and the plans apps (RHK/IKI targets).

Not a regulation (those live in `karier.rules`): this is how Karier checks what a person typed.
PermenPANRB 6/2022 lets an indicator measure one of four aspects; kuantitas, waktu and biaya are
counted, so their target must be a number; kualitas may be a number (a score, a percentage) or a
description ("tanpa revisi", "sesuai SOP").
"""

from __future__ import annotations

import math
from decimal import Decimal

from karier.core.numbers import baca_angka
from karier.standards.choices import Aspek

# Targets are stored as DecimalField(max_digits=14, decimal_places=4).
MAX_INTEGER_DIGITS = 10
MAX_DECIMAL_PLACES = 4
NUMERIC_ASPEK = frozenset({Aspek.KUANTITAS, Aspek.WAKTU, Aspek.BIAYA})

MSG_NOT_NUMBER = "Target harus berupa angka, misalnya 12 atau 99,5."
MSG_REQUIRED = "Aspek {aspek} memerlukan target berupa angka."
MSG_KUALITAS = 'Isi target berupa angka atau uraian kualitatif (mis. "tanpa revisi").'
MSG_TOO_BIG = "Target terlalu besar (paling banyak 10 angka sebelum koma)."
MSG_TOO_PRECISE = "Target paling banyak 4 angka di belakang koma."
MSG_ASPEK = "Pilih aspek: Kuantitas, Kualitas, Waktu atau Biaya."
MSG_SATUAN = "Satuan wajib diisi untuk target berupa angka (mis. laporan, %, hari, rupiah)."


class NotANumber(ValueError):
    """The value cannot be read as a target number; `message` is ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_decimal(value: object) -> Decimal | None:
    """Read a target typed by a person or sent by a client: None/"" → None; "9,3" and "9.3" → 9.3;
    "1.250" → 1250 and "1.250,5" → 1250.5 (`karier.core.numbers.baca_angka`, the id-ID reading).

    Raises `NotANumber` (with an Indonesian message) for text, booleans, NaN/infinity, or a number
    that the database column cannot hold.
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise NotANumber(MSG_NOT_NUMBER)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(MSG_NOT_NUMBER)
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = baca_angka(value)  # the one id-ID reader: "1.250" is 1250, "1.250,5" is 1250.5
        except ValueError as exc:
            raise NotANumber(MSG_NOT_NUMBER) from exc
    else:
        raise NotANumber(MSG_NOT_NUMBER)
    if not number.is_finite():
        raise NotANumber(MSG_NOT_NUMBER)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if exponent < -MAX_DECIMAL_PLACES:
        normal = number.normalize()
        exp2 = normal.as_tuple().exponent
        if isinstance(exp2, int) and exp2 < -MAX_DECIMAL_PLACES:
            raise NotANumber(MSG_TOO_PRECISE)
        number = normal
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise NotANumber(MSG_TOO_BIG)
    return number


def validate_number(value: object, field: str) -> dict[str, str]:
    """{field: message} when `value` is given but is not a storable number; {} otherwise."""
    try:
        to_decimal(value)
    except NotANumber as exc:
        return {field: exc.message}
    return {}


def validate_target(
    aspek: str, target_angka: object, target_kualitatif: str | None, *, satuan: str | None = None
) -> dict[str, str]:
    """Errors keyed by field ({} when fine) for a target under an aspect.

    KUANTITAS, WAKTU and BIAYA need `target_angka` as a number; KUALITAS takes a number or a
    description. Pass `satuan` to also require a unit beside a numeric target.
    """
    errors: dict[str, str] = {}
    if aspek not in Aspek.values:
        return {"aspek": MSG_ASPEK}
    try:
        number = to_decimal(target_angka)
    except NotANumber as exc:
        return {"target_angka": exc.message}
    described = not _blank(target_kualitatif)
    if aspek in NUMERIC_ASPEK and number is None:
        errors["target_angka"] = MSG_REQUIRED.format(aspek=Aspek(aspek).label.lower())
    elif aspek == Aspek.KUALITAS and number is None and not described:
        errors["target_kualitatif"] = MSG_KUALITAS
    if satuan is not None and number is not None and not satuan.strip():
        errors["satuan"] = MSG_SATUAN
    return errors


__all__ = ["NUMERIC_ASPEK", "NotANumber", "to_decimal", "validate_number", "validate_target"]
