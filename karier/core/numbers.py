"""Numbers the Indonesian way, once: "." groups thousands and "," separates decimals
(1.250.000; 73,8). Everything that prints a number for people — screens, commands, PDFs — calls
`angka`, which is Django's own `id` locale format, whatever the active language (an official
figure reads the same in the English interface). Everything that reads a number a person typed
calls `baca_angka`, its inverse. `karier.rules` stays free of Django and has its own display
helpers for the figures the regulations print.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, translation


def angka(value: int | float | Decimal, decimal_pos: int | None = None) -> str:
    """`value` in the id-ID convention, grouped by thousands; `decimal_pos` fixes the decimals."""
    with translation.override("id"):
        return formats.number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)


# id-ID: optional sign, digits grouped by "." in threes (or not grouped), then "," and decimals.
_ID = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d+)?")
# A single "." that cannot be thousands grouping ("73.8", "12.0000", ".5"): only a decimal point.
_DOT_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def share(part: int, whole: int) -> Decimal:
    """`part` of `whole` in percent with one decimal, half up (0 for an empty whole): the one share
    every dashboard, report and analysis prints (format it with `angka(..., 1)`)."""
    if not whole:
        return Decimal(0)
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def baca_angka(text: str) -> Decimal:
    """A number typed by a person, read the id-ID way; `ValueError` when it is not one.

    "1.250" → 1250 and "1.250.000" → 1250000 (a "." followed by groups of three digits groups
    thousands: where "1.250" could be read either way, the Indonesian reading wins); "1.250,5" →
    1250.5; "73,8" → 73.8. A lone "." that cannot be grouping ("73.8", "12.0000" as the API writes
    decimals) is a decimal point, the only reading it has. Spaces (also non-breaking) are ignored.
    """
    t = text.translate(_SPACES)
    if any(c.isdigit() for c in t):
        if _ID.fullmatch(t):
            return Decimal(t.replace(".", "").replace(",", "."))
        if _DOT_DECIMAL.fullmatch(t):
            try:
                return Decimal(t)
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
                pass
    raise ValueError(f"Bukan angka: {text!r}")
