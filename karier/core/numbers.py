"""Numbers the Indonesian way, once: "." groups thousands and "," separates decimals
(1.250.000; 73,8). Everything that prints a number for people — screens, commands, PDFs — calls
`angka`, which is Django's own `id` locale format, whatever the active language (an official
figure reads the same in the English interface). `karier.rules` stays free of Django and has its
own display helpers for the figures the regulations print.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation


def angka(value: int | float | Decimal, decimal_pos: int | None = None) -> str:
    """`value` in the id-ID convention, grouped by thousands; `decimal_pos` fixes the decimals."""
    with translation.override("id"):
        return formats.number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)
