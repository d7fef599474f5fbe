"""Small text helpers shared by the rules (Indonesian formatting), and the month names of the project."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# The Indonesian month names, whatever the active language: the project's one list (exported as
# `karier.rules.BULAN`; the SKP documents and the monthly period names use it too).
BULAN = (
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


def tanggal(day: date) -> str:
    """E.g. ``1 Oktober 2025``."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def desimal(value: Decimal, places: int = 2, *, ringkas: bool = False) -> str:
    """``value`` rounded half up to ``places`` with the Indonesian decimal comma: ``82,50``; ``ringkas``
    drops the trailing zeros, as people write it: ``90``, ``12,5``. The rules' one number format."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded.normalize() if ringkas else rounded:f}".replace(".", ",")
