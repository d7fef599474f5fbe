"""Jam pelajaran (JP) of competency development.

Every PNS is owed at least 20 JP of competency development a year (PP 11/2017 jo PP 17/2020,
Pasal 203(4); Peraturan LAN 10/2018: classical and non-classical forms both count) — [V].
1 JP = 45 minutes (cited by public implementations from Peraturan LAN — [P]).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ._text import desimal

__all__ = [
    "HARI_TINDAK_LANJUT",
    "JP_MINUTES",
    "JP_TARGET_PER_YEAR",
    "MULAI_BULAN_PENGINGAT_JP",
    "JpStatus",
    "jp_compliance",
    "jp_from_minutes",
]

JP_MINUTES = 45
JP_TARGET_PER_YEAR = Decimal(20)
#: Reminders of a JP shortfall start on 1 July, when half the year is gone — our rule, not a regulation's.
MULAI_BULAN_PENGINGAT_JP = 7
#: The superior's follow-up of a development activity ("did behaviour change?") is asked for at
#: least 90 days after it ends: behaviour is judged months later, not the week after (Kirkpatrick
#: level 3; the 90 days are ours, not a regulation's).
HARI_TINDAK_LANJUT = 90


def _decimal(value: Fraction) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def jp_from_minutes(minutes: int) -> Decimal:
    """Minutes of learning → JP (45 minutes each), exact where the result is a finite decimal.

    Add up minutes first and convert once, so that sums of odd durations do not drift.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"Durasi harus bilangan bulat menit yang tidak negatif, bukan {minutes}.")
    return _decimal(Fraction(minutes, JP_MINUTES))


@dataclass(frozen=True)
class JpStatus:
    """A year's JP against the target."""

    total: Decimal
    target: Decimal
    met: bool
    shortfall: Decimal  # 0 when met
    message: str


def _fmt(value: Decimal) -> str:
    return desimal(value, ringkas=True)


def jp_compliance(total_jp: Decimal | int, target: Decimal | int = JP_TARGET_PER_YEAR) -> JpStatus:
    """Whether ``total_jp`` reaches the yearly target (default 20 JP), and by how much it falls short."""
    total, goal = Decimal(total_jp), Decimal(target)
    if total < 0 or goal < 0:
        raise ValueError("Jumlah JP dan target tidak boleh negatif.")
    shortfall = max(goal - total, Decimal(0))
    met = shortfall == 0
    if met:
        message = f"Target pengembangan kompetensi {_fmt(goal)} JP telah terpenuhi ({_fmt(total)} JP)."
    else:
        message = (
            f"Pengembangan kompetensi baru {_fmt(total)} JP dari target {_fmt(goal)} JP; kurang {_fmt(shortfall)} JP."
        )
    return JpStatus(total, goal, met, shortfall, message)
