"""The rows of a demo past year's plans and their realisations, for a chunk at once.

The plan's rows come from the position's standard exactly as `karier skp-bulk` (`plans.bulk`) writes
them; each indicator then gets a realisation that fits the person's rating hasil kerja.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from karier.core.bulk import bulk_insert
from karier.plans.bulk import IKI_COLUMNS, PERILAKU_COLUMNS, RHK_COLUMNS, _RhkTemplate
from karier.plans.choices import JenisHasil
from karier.plans.models import EkspektasiPerilaku, IndikatorKinerjaIndividu, RencanaHasilKerja
from karier.rules import Rating
from karier.standards.choices import Aspek

if TYPE_CHECKING:
    from karier.appraisal.demo_history.seed import _Person

REALISASI_COLUMNS = ("evaluasi_id", "iki_id", "realisasi_angka", "realisasi_uraian")
REALISASI_FAKTOR = {Rating.DI_ATAS: Decimal("1.1"), Rating.SESUAI: Decimal(1), Rating.DI_BAWAH: Decimal("0.8")}
REALISASI_URAIAN = {
    Rating.DI_ATAS: "Tercapai dan melampaui target.",
    Rating.SESUAI: "Tercapai sesuai target.",
    Rating.DI_BAWAH: "Belum sepenuhnya tercapai.",
}


def plan_rows(
    chunk: Sequence[_Person],
    skp_ids: list[int],
    templates: dict[int, list[_RhkTemplate]],
    perilaku: dict[int, dict[str, str]],
    nilai: list[str],
) -> list[tuple[int, int, str, Decimal | None]]:
    """The plan's rows from the position's standard, as `plans.bulk` writes them; returns each
    indicator as (plan, indicator, aspect, numeric target) for its realisation."""
    rhk_rows: list[tuple[Any, ...]] = []
    rhk_tpls: list[_RhkTemplate] = []
    perilaku_rows: list[tuple[Any, ...]] = []
    for c, skp_id in zip(chunk, skp_ids, strict=True):
        for i, t in enumerate(templates.get(c.jabatan_id, ()), start=1):
            rhk_rows.append(
                (skp_id, JenisHasil.UTAMA.value, i, t.teks, t.dimensi, t.standar_hasil_id, t.indikator_opd_id)
            )
            rhk_tpls.append(t)
        expected = perilaku.get(c.jabatan_id, {})
        perilaku_rows.extend((skp_id, k, expected.get(k, "")) for k in nilai)
    rhk_ids = bulk_insert(RencanaHasilKerja, RHK_COLUMNS, rhk_rows, ids=True)
    iki_rows = [
        (rhk_id, j, aspek, indikator, angka, satuan, kualitatif)
        for rhk_id, t in zip(rhk_ids, rhk_tpls, strict=True)
        for j, (aspek, indikator, angka, satuan, kualitatif) in enumerate(t.iki, start=1)
    ]
    iki_ids = bulk_insert(IndikatorKinerjaIndividu, IKI_COLUMNS, iki_rows, ids=True)
    bulk_insert(EkspektasiPerilaku, PERILAKU_COLUMNS, perilaku_rows)
    skp_of_rhk = {rhk_id: row[0] for rhk_id, row in zip(rhk_ids, rhk_rows, strict=True)}
    return [(skp_of_rhk[row[0]], iki_id, row[2], row[4]) for iki_id, row in zip(iki_ids, iki_rows, strict=True)]


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
