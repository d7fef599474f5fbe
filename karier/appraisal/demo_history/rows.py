"""The realisations of a demo past year's plans.

The plan's rows come from the position's standard through `plans.bulk.write_plan_rows`, as `karier
skp-bulk` writes them; each indicator then gets a realisation that fits the person's rating hasil kerja.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from karier.rules import Rating
from karier.standards.choices import Aspek

REALISASI_COLUMNS = ("evaluasi_id", "iki_id", "realisasi_angka", "realisasi_uraian")
REALISASI_FAKTOR = {Rating.DI_ATAS: Decimal("1.1"), Rating.SESUAI: Decimal(1), Rating.DI_BAWAH: Decimal("0.8")}
REALISASI_URAIAN = {
    Rating.DI_ATAS: "Tercapai dan melampaui target.",
    Rating.SESUAI: "Tercapai sesuai target.",
    Rating.DI_BAWAH: "Belum sepenuhnya tercapai.",
}


def realised(
    ev_id: int, iki_id: int, rating: Rating, aspek: str, target: Decimal | None
) -> tuple[int, int, Decimal | None, str]:
    """A realisation that fits the rating: above, on or below the target (a time or cost target is
    met by staying under it, so there the factor is inverted)."""
    factor = REALISASI_FAKTOR[rating]
    if target is None:
        return (ev_id, iki_id, None, REALISASI_URAIAN[rating])
    if aspek in (Aspek.WAKTU, Aspek.BIAYA):
        factor = 2 - factor
    step = Decimal(1) if target == target.to_integral_value() else Decimal("0.01")
    return (ev_id, iki_id, (target * factor).quantize(step, rounding=ROUND_HALF_UP), "")
